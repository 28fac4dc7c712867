"""Two real wrap-ups on one file, a purge under an open wrap-up, a hang-up mid-edit.

The installed ``spiegel`` in tmux, as two note-takers on one server would run it
(issue 10). Before the wrap-up had its session, A's key point vanished when B typed
a closing text, neither screen showed the other's work, a purge made every later
save fail in English, and a key point being typed was gone after a hang-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import require_tool
from terminal_driver import TmuxTerminal
from trust_figures import record
from trust_support import new_database, open_capture

from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import OutcomeStore


def open_wrapup(path: Path, meeting_id: int) -> TmuxTerminal:
    terminal = open_capture(path, meeting_id, width=120, height=36)
    try:
        terminal.press("C-p")
        terminal.type("afronden")
        terminal.wait_for("afronden en exporteren", timeout=10)
        terminal.press("Enter")
        terminal.wait_for("Opmerkingen & kernpunten", timeout=20)
    except BaseException:
        terminal.close()
        raise
    return terminal


def to_points(terminal: TmuxTerminal) -> None:
    """Tab to the key-point list: its keys (n Nieuw) show in the footer."""
    terminal.wait_for("Kernpunt space", timeout=10)  # the source list has focus
    terminal.press("Tab")
    terminal.wait_for("Nieuw", timeout=10)


def stored(path: Path, meeting_id: int):
    store = MeetingStore.open(path, readonly=True)
    try:
        return store.load_meeting(meeting_id)
    finally:
        store.close()


@pytest.mark.slow
def test_two_wrap_ups_keep_each_others_work_and_show_it(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "samen.db"
    meeting_id = new_database(path, remarks=3)
    first = open_wrapup(path, meeting_id)
    second = open_wrapup(path, meeting_id)
    try:
        # A writes a key point by hand.
        to_points(first)
        first.type("n")
        first.wait_for("Nieuw kernpunt")
        first.type("Punt van A")
        first.press("C-s")
        first.wait_for("1. Punt van A")
        # B, who never saw it, types a closing text.
        second.press("C-t")
        second.press("C-t")
        second.wait_for("opgeleverd")
        second.type("Tekst van B")
        # Each screen shows the other's work, without a restart.
        first.press("C-t")
        first.press("C-t")
        first.wait_for("Tekst van B", timeout=10)
        second.press("C-t")
        second.wait_for("Punt van A", timeout=10)
        # A moves on in the points and B's text stays.
        first.press("C-t")
        first.wait_for("Punt van A")
        assert first.alive() and second.alive()
    finally:
        first.close()
        second.close()
    meeting = stored(path, meeting_id)
    assert [p.text for p in meeting.outcome.key_points] == ["Punt van A"]
    assert meeting.outcome.produced == "Tekst van B"
    record(two_wrapups=1)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="open regression (issue 10 note): after a purge under an open wrap-up in the "
    "real app, a closing text typed afterwards is not stored (6 of 6 runs); the same "
    "steps on WrapUpSession headless store it. Found while merging; not yet diagnosed.",
)
def test_purge_under_an_open_wrap_up(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "wissen.db"
    meeting_id = new_database(path, remarks=3)
    terminal = open_wrapup(path, meeting_id)
    try:
        terminal.wait_for("Kernpunt space", timeout=10)
        terminal.press("Enter")  # a point from the first source remark
        terminal.wait_for("1. Opmerking")
        # The meeting is open here, so purge asks in a terminal of its own (--yes is
        # refused for a meeting open elsewhere); the note-taker says yes.
        purger = TmuxTerminal(["--db", str(path), "purge", str(meeting_id)], width=100)
        try:
            purger.wait_for(lambda s: "[j/N]" in s, timeout=20)
            purger.type("j")
            purger.press("Enter")
            purger.wait_for("gewist", timeout=30)
        finally:
            purger.close()
        terminal.wait_for("gewist", timeout=10)  # the notice (wrapped in its box)
        terminal.press("C-t")
        terminal.press("C-t")
        terminal.wait_for("opgeleverd")
        terminal.type("Na het wissen")
        terminal.wait_for(lambda s: "Na het wissen" in s)
        screen = terminal.wait_for(lambda s: "FOREIGN" not in s, timeout=3)
        assert "constraint" not in screen
        terminal.press("Escape")  # leave: saved on the way out
        terminal.wait_for("Spreker", timeout=10)
    finally:
        terminal.close()
    assert stored(path, meeting_id).outcome.produced == "Na het wissen"


@pytest.mark.slow
def test_hang_up_in_the_point_editor_keeps_the_text(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "hangup.db"
    meeting_id = new_database(path, remarks=3)
    terminal = open_wrapup(path, meeting_id)
    try:
        to_points(terminal)
        terminal.type("n")
        terminal.wait_for("Nieuw kernpunt")
        terminal.type("Bijna af, dit kernpunt")
        terminal.wait_for("Bijna af, dit kernpunt")
        terminal.hang_up()
        terminal.wait_exit(timeout=5)
    finally:
        terminal.close()
    store = MeetingStore.open(path)
    try:
        drafts = OutcomeStore(store).text_drafts(meeting_id)
    finally:
        store.close()
    assert [text for _, _, text in drafts] == ["Bijna af, dit kernpunt"]
    # The next opening puts it back in the editor.
    again = open_wrapup(path, meeting_id)
    try:
        again.wait_for("Bijna af, dit kernpunt", timeout=10)
        again.wait_for("Nieuw kernpunt")
        again.press("C-s")
        again.wait_for("1. Bijna af, dit kernpunt")
    finally:
        again.close()
    assert [p.text for p in stored(path, meeting_id).outcome.key_points] == [
        "Bijna af, dit kernpunt"
    ]
    record(hangups=1)
