"""Purge replaces the local labels in every kept text before it forgets them (attack 10 #4).

Purge erases the labels (how the note-taker recognises a parent in the room) but keeps
the outcome. A label typed in the introduction or a key point used to stay there; with
the label gone, no exporter knew to replace it, and the real name reached the document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import small_meeting

from spiegel_tui.export import export_document
from spiegel_tui.export.labels import label_warnings
from spiegel_tui.meetingfile import meeting_to_dict
from spiegel_tui.model import KeyPoint
from spiegel_tui.storage import MeetingStore, maintenance
from spiegel_tui.storage.maintenance import PurgeIncompleteError, purge_meeting

NAME = "Jansenberg"


def _with_labels(store: MeetingStore) -> int:
    meeting = small_meeting()
    meeting.participants[0].label = NAME
    meeting.participants[1].label = "Zoë"
    meeting.topic = f"Avond met {NAME}"
    meeting.location = f"Bij {NAME}s thuis"
    meeting.listeners = "Zoe en collega's"
    meeting.introduction = f"Inleiding over {NAME}."
    meeting.questions[0].text = f"Wat vond {NAME.upper()}?"
    meeting.outcome.key_points = [KeyPoint(text=f"{NAME}'s punt en dat van ZOË", remarks=[1])]
    meeting.outcome.produced = f"Opgeleverd door {NAME}."
    meeting.outcome.input_follow_up = "Ja\u200bnsenberg en Zoë."
    meeting.outcome.follow_up_meeting = "Niets."
    return store.add_meeting(meeting)


def test_purge_puts_pseudonyms_where_labels_were(store: MeetingStore, tmp_path: Path) -> None:
    meeting_id = _with_labels(store)
    purge_meeting(store, meeting_id)
    meeting = store.load_meeting(meeting_id)
    assert all(not p.label for p in meeting.participants)
    kept = json.dumps(meeting_to_dict(meeting, include_private=True), ensure_ascii=False)
    for fmt in ("md", "docx"):
        path = export_document(meeting, tmp_path / f"out.{fmt}", fmt, appendix=True, force=True)
        kept += path.read_text("utf-8") if fmt == "md" else _word(path)
    assert "Jansen" not in kept
    assert "Zoë" not in kept and "ZOË" not in kept and "Zoe " not in kept
    assert meeting.introduction == "Inleiding over Ouder 1."
    assert meeting.outcome.key_points[0].text == "Ouder 1 punt en dat van Ouder 2"
    assert meeting.outcome.produced == "Opgeleverd door Ouder 1."
    assert meeting.outcome.input_follow_up == "Ouder 1 en Ouder 2."
    assert meeting.topic == "Avond met Ouder 1"
    assert label_warnings(meeting) == []


def test_the_purge_check_searches_for_the_labels(
    store: MeetingStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the replacement undone, the self-check must notice the label is still there."""
    meeting_id = _with_labels(store)
    monkeypatch.setattr(maintenance, "_pseudonyms_for_labels", lambda store, ids: None)
    with pytest.raises(PurgeIncompleteError):
        purge_meeting(store, meeting_id)


def _word(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pandoc", "-t", "plain", str(path)], capture_output=True, text=True, check=True
    ).stdout
