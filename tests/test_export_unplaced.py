"""No export carries the "nog te plaatsen" marker of a conflict silently (attack 10 #7).

When two wrap-ups change the same closing text at once, the screen shows the stored
text with the local one under a marker line, for the note-taker to place. Saved as it
stood, marker and both versions went into the database and from there into the Word
document, without a word. Documents are now refused until the text is placed; the
meeting file (moving data, not sharing it) is written with a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import small_meeting

from spiegel_tui.cli import main
from spiegel_tui.errors import ExportError
from spiegel_tui.export import export_meeting
from spiegel_tui.model import KeyPoint, Meeting
from spiegel_tui.outcome.changes import KEPT_MARK
from spiegel_tui.storage import MeetingStore

MARK = KEPT_MARK.strip()


def test_setup_and_wrap_up_use_the_one_marker_the_export_looks_for() -> None:
    import spiegel_tui.export as exporting
    from spiegel_tui.setup import sync

    assert MARK == sync.KEPT_MARK.strip() == exporting._MARK


def _conflicted(where: str) -> Meeting:
    meeting = small_meeting()
    text = f"A-PROD tekst B-EXTRA{KEPT_MARK}A-PROD tekst A-EXTRA"
    if where == "key point":
        meeting.outcome.key_points = [KeyPoint(text=text)]
    elif where == "introduction":
        meeting.introduction = text
    else:
        meeting.outcome.produced = text
    return meeting


@pytest.mark.parametrize("fmt", ["docx", "md", "csv"])
@pytest.mark.parametrize("where", ["produced", "introduction", "key point"])
def test_a_document_with_an_unplaced_text_is_refused(tmp_path: Path, fmt: str, where: str) -> None:
    target = tmp_path / f"uit.{fmt}"
    with pytest.raises(ExportError, match="nog te plaatsen"):
        export_meeting(_conflicted(where), fmt, target)
    assert not target.exists()


def test_the_meeting_file_says_it_carries_an_unplaced_text(tmp_path: Path) -> None:
    result = export_meeting(_conflicted("produced"), "json", tmp_path / "m.json")
    assert any("nog te plaatsen" in w for w in result.warnings)
    assert MARK in json.loads((tmp_path / "m.json").read_text("utf-8"))["outcome"]["produced"]


def test_the_cli_says_so_in_dutch(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = MeetingStore.open(db_path)
    try:
        meeting_id = store.add_meeting(_conflicted("produced"))
    finally:
        store.close()
    target = tmp_path / "uit.docx"
    assert main(["--db", str(db_path), "export", str(meeting_id), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "Slottekst 1" in err and "Traceback" not in err
    assert not target.exists()
