"""Never lose a note: the draft is saved while typing and survives crashes and hangups."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from capture_support import SIZE, capture_app, capture_screen
from conftest import require_tool
from terminal_driver import TmuxTerminal

from spiegel_tui.model import Kind
from spiegel_tui.storage import Draft, MeetingStore


def fresh_draft(db_path: Path, meeting_id: int) -> Draft | None:
    """Read the draft on a connection of its own, as a restarted app would."""
    other = MeetingStore.open(db_path)
    try:
        return other.load_draft(meeting_id)
    finally:
        other.close()


async def test_draft_saved_while_typing_then_restored(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@2 #jgb ? * ", *"half getyp")
        await pilot.pause(0.8)  # the saver runs every half second
        # Still running, no clean shutdown: the draft is on disk already.
        draft = fresh_draft(db_path, meeting_id)
        assert draft == Draft("half getyp", "p2", ["jgb"], Kind.WISH, True, False)

    second = MeetingStore.open(db_path)
    app = capture_app(second, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        assert screen.line.value == "half getyp"
        assert screen.line.cursor_position == len("half getyp")
        assert (screen.context.participant, screen.context.organisations) == ("p2", ("jgb",))
        assert (screen.context.kind, screen.context.starred) == (Kind.WISH, True)
        # Enter stores it, and the next draft keeps only speaker and organisation.
        await pilot.press("enter")
        await pilot.pause(0.8)
        assert second.load_remarks(meeting_id)[-1].text == "half getyp"
        assert fresh_draft(db_path, meeting_id) == Draft("", "p2", ["jgb"], Kind.NOTE)
    second.close()


async def test_a_loaded_draft_is_not_written_back(store, meeting_id, monkeypatch) -> None:
    store.save_draft(meeting_id, Draft("bewaard", "p1"))
    saves: list[Draft] = []
    original = store.save_draft
    monkeypatch.setattr(store, "save_draft", lambda mid, d: (saves.append(d), original(mid, d))[1])
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(1.2)
        assert saves == []
        await pilot.press("x")
        await pilot.pause(0.8)
        assert [d.text for d in saves] == ["bewaardx"]


async def test_quit_saves_the_draft_at_once(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"net voor het afsluiten")
        await pilot.press("ctrl+q")
    assert fresh_draft(db_path, meeting_id).text == "net voor het afsluiten"


async def test_signal_handler_flushes_then_exits(store, db_path, meeting_id) -> None:
    """The handler itself, called in-process (the pty tests below send real signals)."""
    import signal

    app = capture_app(store, meeting_id)
    forced: list[int] = []
    app.hangup_exit = forced.append  # not os._exit: that would end pytest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@3 ", *"zo")
        app._on_hangup(signal.SIGHUP, None)
        assert fresh_draft(db_path, meeting_id).text == "zo"
        await pilot.pause(0.2)
    assert app.return_code in (0, None)
    time.sleep(2.2)  # the watchdog fires after the deadline, whatever the exit did
    assert forced == [128 + signal.SIGHUP]


# Real terminals: the installed `spiegel` in tmux ---------------------------------


@pytest.fixture
def terminal_db(tmp_path: Path) -> tuple[Path, int]:
    from conftest import small_meeting

    require_tool("tmux")
    path = tmp_path / "echt.db"
    store = MeetingStore.open(path)
    meeting_id = store.add_meeting(small_meeting(5))
    store.close()
    return path, meeting_id


def open_in_tmux(path: Path, meeting_id: int) -> TmuxTerminal:
    terminal = TmuxTerminal(["--db", str(path), "open", str(meeting_id)], width=80, height=24)
    terminal.wait_for("Spreker", timeout=15)
    return terminal


@pytest.mark.slow
def test_kill_9_keeps_the_draft(terminal_db) -> None:
    path, meeting_id = terminal_db
    with open_in_tmux(path, meeting_id) as terminal:
        terminal.type("@1 ")
        terminal.type("niet bewaard met Enter")
        terminal.wait_for("niet bewaard met Enter")
        time.sleep(1.0)
        terminal.kill()  # SIGKILL: no handler, no cleanup
        terminal.wait_exit()
    draft = fresh_draft(path, meeting_id)
    assert draft is not None
    assert (draft.text, draft.participant) == ("niet bewaard met Enter", "p1")
    with open_in_tmux(path, meeting_id) as terminal:
        screen = terminal.wait_for("niet bewaard met Enter")
        assert "Spreker 1 Ouder 1" in screen


@pytest.mark.slow
def test_sighup_saves_the_draft_and_exits(terminal_db) -> None:
    path, meeting_id = terminal_db
    with open_in_tmux(path, meeting_id) as terminal:
        terminal.type("@2 ")
        terminal.type("verbinding valt weg")
        terminal.wait_for("verbinding valt weg")
        # At once, before the half-second saver: only the handler can save it.
        terminal.hang_up()
        terminal.wait_exit(timeout=5)
    draft = fresh_draft(path, meeting_id)
    assert draft is not None
    assert (draft.text, draft.participant) == ("verbinding valt weg", "p2")


@pytest.mark.slow
def test_sigterm_saves_the_draft_and_exits(terminal_db) -> None:
    import signal

    path, meeting_id = terminal_db
    with open_in_tmux(path, meeting_id) as terminal:
        terminal.type("beleefd gestopt")
        terminal.wait_for("beleefd gestopt")
        terminal.kill(signal.SIGTERM)
        terminal.wait_exit(timeout=5)
    assert fresh_draft(path, meeting_id).text == "beleefd gestopt"
