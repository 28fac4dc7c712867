"""`import FILE --into ID` says which of the file's texts it did not take (attack 10 #9).

A second note-taker's file with another closing text, introduction or a reworded key
point: the local text is kept (nothing here is overwritten), but the output used to
say only "0 opmerking(en) toegevoegd, 4 al aanwezig", so the other text was dropped
without a word and the reworded point quietly became an extra point.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import small_meeting

from spiegel_tui.cli import main
from spiegel_tui.meetingfile import meeting_to_json
from spiegel_tui.model import KeyPoint
from spiegel_tui.storage import MeetingStore


def test_each_difference_is_reported_in_dutch(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = small_meeting()
    mine.introduction = "Inleiding hier."
    mine.outcome.key_points = [KeyPoint(text="Eerste punt", remarks=[1])]
    mine.outcome.produced = "Opgeleverd volgens mij."
    mine.outcome.follow_up_meeting = "Ja, in juni."
    store = MeetingStore.open(db_path)
    try:
        meeting_id = store.add_meeting(mine)
        theirs = store.load_meeting(meeting_id)
    finally:
        store.close()
    theirs.introduction = "Inleiding van de ander."
    theirs.outcome.key_points[0].text = "Eerste punt, anders gezegd"
    theirs.outcome.produced = "Opgeleverd volgens de ander."
    theirs.outcome.input_follow_up = "Alleen in het bestand."
    file = tmp_path / "ander.json"
    file.write_text(meeting_to_json(theirs), encoding="utf-8")

    assert main(["--db", str(db_path), "import", str(file), "--into", str(meeting_id)]) == 0
    err = capsys.readouterr().err
    assert "De inleiding" in err and "Slottekst 1" in err
    assert "Kernpunt 2" in err  # the reworded point, added as an extra one
    assert "Slottekst 3" not in err  # the same on both sides
    assert "Slottekst 2" in err  # empty here: taken from the file, and said so
    store = MeetingStore.open(db_path)
    try:
        after = store.load_meeting(meeting_id)
    finally:
        store.close()
    assert after.introduction == "Inleiding hier."
    assert after.outcome.produced == "Opgeleverd volgens mij."
    assert after.outcome.input_follow_up == "Alleen in het bestand."
    # Nothing of the texts themselves on the terminal (they may hold names).
    assert "volgens de ander" not in err and "anders gezegd" not in err
