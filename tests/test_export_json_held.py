"""The meeting file to share leaves held key points out, as documents do (attack 10 #1).

A key point copies the text of its remarks. When such a remark later becomes private or
is deleted, the point is *held* (``KeyPoint.held_by``): Word and Markdown leave it out
and say so. The default JSON export, "safe to share", carried it silently, and a file
imported elsewhere then put the private text into a Word document.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import small_meeting

from spiegel_tui.cli import main
from spiegel_tui.export import export_meeting
from spiegel_tui.meetingfile import meeting_to_dict, parse_meeting
from spiegel_tui.model import KeyPoint
from spiegel_tui.storage import MeetingStore

SECRET = "GEHEIM-TWEE kernpunt"


def _stored(store: MeetingStore, *, delete: bool = False) -> int:
    meeting = small_meeting()
    meeting.outcome.key_points = [
        KeyPoint(text="Open kernpunt", remarks=[1]),
        KeyPoint(text=SECRET, remarks=[2, 3]),
    ]
    meeting_id = store.add_meeting(meeting)
    remark = store.load_meeting(meeting_id).remarks[1]
    if delete:
        store.set_remark_deleted(remark.id, True)
    else:
        store.update_remark(meeting_id, dataclasses.replace(remark, private=True))
    return meeting_id


@pytest.mark.parametrize("delete", [False, True])
def test_default_json_leaves_a_held_point_out_and_says_so(
    store: MeetingStore, tmp_path: Path, delete: bool
) -> None:
    meeting = store.load_meeting(_stored(store, delete=delete))
    assert meeting.outcome.key_points[1].held_by
    result = export_meeting(meeting, "json", tmp_path / "m.json")
    text = (tmp_path / "m.json").read_text(encoding="utf-8")
    assert SECRET not in text
    data = json.loads(text)
    assert [k["text"] for k in data["outcome"]["key_points"]] == ["Open kernpunt"]
    assert any("Kernpunt 2 blijft buiten" in w for w in result.warnings)
    # Imported elsewhere, nothing of it reaches a document.
    parsed = parse_meeting(data).meeting
    assert all(SECRET not in k.text for k in parsed.outcome.key_points)


def test_the_cli_json_export_warns_about_the_held_point(
    store: MeetingStore, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting_id = _stored(store)
    out = tmp_path / "m.json"
    args = ["--db", str(db_path), "export", str(meeting_id), "--format", "json"]
    assert main([*args, "--output", str(out)]) == 0
    assert SECRET not in out.read_text(encoding="utf-8")
    assert "blijft buiten" in capsys.readouterr().err


def test_include_private_keeps_a_point_held_by_a_private_remark_linked_to_it(
    store: MeetingStore, tmp_path: Path
) -> None:
    """Kept with its link to the private remark, so importing the file holds it again."""
    meeting = store.load_meeting(_stored(store))
    data = meeting_to_dict(meeting, include_private=True)
    points = data["outcome"]["key_points"]
    assert [k["text"] for k in points] == ["Open kernpunt", SECRET]
    by_id = {r["id"]: r for r in data["remarks"]}
    linked = [by_id[ref] for ref in points[1]["remarks"]]
    assert [r["text"] for r in linked] == [meeting.remarks[1].text, meeting.remarks[2].text]
    assert linked[0]["private"] is True
    again = MeetingStore.open(tmp_path / "other.db")
    try:
        copy = again.load_meeting(again.add_meeting(parse_meeting(data).meeting))
        assert copy.outcome.key_points[1].held_by
    finally:
        again.close()


def test_a_point_held_by_a_deleted_remark_never_travels(store: MeetingStore) -> None:
    meeting = store.load_meeting(_stored(store, delete=True))
    data = meeting_to_dict(meeting, include_private=True)
    assert SECRET not in json.dumps(data, ensure_ascii=False)


def test_remark_links_are_never_moved_onto_another_remark(store: MeetingStore) -> None:
    """Every link in the file points at the remark with the same text as in the store."""
    meeting_id = _stored(store, delete=True)
    meeting = store.load_meeting(meeting_id)
    # Confirmed by the note-taker: the point is no longer held, its live link stays.
    meeting.outcome.key_points[1].held_by = []
    data = meeting_to_dict(meeting)
    by_id = {r["id"]: r["text"] for r in data["remarks"]}
    stored = {r.id: r.text for r in meeting.remarks}
    for point, original in zip(
        data["outcome"]["key_points"], meeting.outcome.key_points, strict=True
    ):
        expected = [stored[i] for i in original.remarks if not meeting.remarks[i - 1].deleted]
        assert [by_id[ref] for ref in point["remarks"]] == expected


def test_the_label_warning_numbers_key_points_as_the_screen_does(
    store: MeetingStore, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attack 10 #14: with point 2 held, the label in point 3 was called "Kernpunt 2"."""
    meeting = small_meeting()
    meeting.participants[0].label = "Jansen"
    meeting.outcome.key_points = [
        KeyPoint(text="Open kernpunt", remarks=[1]),
        KeyPoint(text=SECRET, remarks=[2]),
        KeyPoint(text="Jansen vond het goed", remarks=[3]),
    ]
    meeting_id = store.add_meeting(meeting)
    remark = store.load_meeting(meeting_id).remarks[1]
    store.update_remark(meeting_id, dataclasses.replace(remark, private=True))
    result = export_meeting(store.load_meeting(meeting_id), "md", tmp_path / "uit.md")
    assert any(w.startswith("Kernpunt 3 bevat ‘Jansen’") for w in result.warnings)
    assert not any(w.startswith("Kernpunt 2 bevat") for w in result.warnings)
    text = (tmp_path / "uit.md").read_text("utf-8")
    assert SECRET not in text and "Ouder 1 vond het goed" in text
    out = tmp_path / "cli.md"
    args = ["--db", str(db_path), "export", str(meeting_id), "--format", "md", "--allow-findings"]
    assert main([*args, "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Kernpunt 3 bevat ‘Jansen’" in err and "Kernpunt 2 blijft buiten" in err
    assert SECRET not in out.read_text("utf-8")
