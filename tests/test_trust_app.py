"""The app's own guarantees, in-process: Enter in order, backups when a meeting closes,
a crash report without note text.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from capture_support import SIZE, capture_app, capture_screen
from textual import events
from textual.keys import _character_to_key

from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.maintenance import list_backups
from spiegel_tui.ui.screens.capture import CaptureScreen

SECRET = "Geheimxq vader dreigde"


def burst(pilot, text: str) -> None:
    """Keys arriving together (a fast typist, a slow SSH link): queued at once, no
    waiting in between, as the terminal's input thread posts them."""
    for char in text:
        key = "enter" if char == "\r" else _character_to_key(char)
        pilot.app._driver.send_message(events.Key(key, char))


async def test_enter_is_handled_in_order_with_the_keys_around_it(store, meeting_id) -> None:
    """Textual runs Enter as a binding after the key bubbled up to the app, while the
    keys after it already went into the line: "een⏎twee" was stored as "eentwee"."""
    before = len(store.load_remarks(meeting_id))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        burst(pilot, "een\rtwee\rdrie\rvier")
        await pilot.pause(0.3)
        assert screen.line.value == "vier"
    texts = [r.text for r in store.load_remarks(meeting_id)[before:]]
    assert texts == ["een", "twee", "drie"]


# Backups when a meeting is closed ---------------------------------------------------


async def test_leaving_the_capture_screen_makes_a_backup(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.6)
        assert list_backups(db_path) == []  # opened: nothing new to keep
        await pilot.press(*"iets nieuws", "enter")
        capture_screen(app).close()
        await pilot.pause()
        assert not isinstance(app.screen, CaptureScreen)
        [made] = list_backups(db_path)
        copy = sqlite3.connect(made)
        assert copy.execute("SELECT text FROM remarks ORDER BY id DESC").fetchone() == (
            "iets nieuws",
        )
        copy.close()
        # Opened and left again without typing: no second copy of the same state.
        app.open_meeting(meeting_id)
        await pilot.pause(0.3)
        capture_screen(app).close()
        await pilot.pause()
        assert list_backups(db_path) == [made]


async def test_quitting_makes_a_backup(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"laatste", "enter")
        await pilot.press("ctrl+q")
    assert len(list_backups(db_path)) == 1


async def test_hangup_makes_a_backup_when_quick(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    app.hangup_exit = lambda code: None  # not os._exit: that would end pytest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"net voor de hangup")
        app._on_hangup(signal.SIGHUP, None)
        # Made in the handler itself, before the exit.
        [made] = list_backups(db_path)
        copy = MeetingStore.open(made)
        assert copy.newest_draft(meeting_id).text == "net voor de hangup"
        copy.close()
        await pilot.pause(0.2)


async def test_hangup_skips_a_slow_backup(store, db_path, meeting_id, monkeypatch) -> None:
    from spiegel_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "HANGUP_BACKUP_S", -1.0)  # anything takes too long
    app = capture_app(store, meeting_id)
    app.hangup_exit = lambda code: None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"x")
        app._on_hangup(signal.SIGHUP, None)
        assert list_backups(db_path) == []
        assert list((db_path.parent / "spiegel-backups").glob(".*")) == []
        await pilot.pause(0.2)


async def test_a_failing_backup_is_reported_not_fatal(store, db_path, meeting_id) -> None:
    blocker = db_path.parent / "spiegel-backups"
    blocker.write_text("een bestand waar de map zou komen")
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"iets", "enter")
        capture_screen(app).close()
        await pilot.pause()
        assert app.backup_error and "reservekopie" in app.backup_error
        assert any("reservekopie" in n.message for n in app._notifications)
    assert blocker.read_text() == "een bestand waar de map zou komen"


# A crash report without note text ---------------------------------------------------


async def test_crash_report_has_no_note_text_and_says_what_is_saved(
    store, db_path, meeting_id, monkeypatch, capsys
) -> None:
    from spiegel_tui.capture.session import CaptureSession

    def broken(self, line: str) -> None:
        raise ValueError(f"kon '{line}' niet verwerken")  # a message quoting the note

    monkeypatch.setattr(CaptureSession, "commit", broken)
    app = capture_app(store, meeting_id)
    with pytest.raises(ValueError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*SECRET, "enter")
            await pilot.pause()
    # run() prints it to stderr once the terminal is restored (the tmux test below).
    report = " ".join(str(app.crash_report).split())
    assert "Geheimxq" not in report
    assert "als concept bewaard" in report
    assert "ValueError" in report and "commit" in report
    # The draft was saved first: nothing typed is lost.
    other = MeetingStore.open(db_path)
    assert other.newest_draft(meeting_id).text == SECRET
    other.close()


def test_crash_in_a_real_terminal_prints_no_note_text(tmp_path: Path) -> None:
    """The installed code in tmux, with a fault put into the commit: the report is
    printed after the terminal is restored, as a user would see it."""
    from helpers import require_tool
    from terminal_driver import TmuxTerminal
    from trust_support import new_database, stored_draft

    require_tool("tmux")
    path = tmp_path / "crash.db"
    meeting_id = new_database(path)
    script = tmp_path / "kapot.py"
    script.write_text(
        "import sys\n"
        "from spiegel_tui.capture.session import CaptureSession\n"
        "def broken(self, line):\n"
        "    secret = line\n"
        "    raise ValueError(f'kon {secret} niet verwerken')\n"
        "CaptureSession.commit = broken\n"
        "from spiegel_tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    import sys

    terminal = TmuxTerminal(
        ["--db", str(path), "open", str(meeting_id)],
        program=[sys.executable, str(script)],
        width=100,
        height=40,
    )
    try:
        terminal.wait_for("Spreker", timeout=20)
        terminal.type(SECRET)
        terminal.wait_for(SECRET)
        terminal.press("Enter")
        terminal.wait_exit(timeout=10)
        # The reassuring line comes last: in view even after a long traceback.
        screen = terminal.wait_for(lambda s: "concept bewaard" in " ".join(s.split()), timeout=5)
        status = terminal.exit_status()
        everything = terminal.scrollback()
    finally:
        terminal.close()
    assert "Geheimxq" not in everything
    assert "Voor de ontwikkelaars" in everything and "ValueError" in everything
    assert "concept bewaard" in " ".join(screen.split())
    assert status == 1
    assert stored_draft(path, meeting_id).text == SECRET
