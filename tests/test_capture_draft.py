"""Never lose a note: the draft is saved while typing and survives crashes and hangups."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from capture_support import SIZE, capture_app, capture_screen
from helpers import require_tool
from terminal_driver import TmuxTerminal
from trust_support import stored_draft

from spiegel_tui.capture import draft_owner
from spiegel_tui.model import Kind
from spiegel_tui.storage import Draft, MeetingStore


async def test_draft_saved_while_typing_then_restored(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@2 #jgb ? * ", *"half getyp")
        await pilot.pause(0.8)  # the saver runs every half second
        # Still running, no clean shutdown: the draft is on disk already.
        draft = stored_draft(db_path, meeting_id)
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
        assert stored_draft(db_path, meeting_id) == Draft("", "p2", ["jgb"], Kind.NOTE)
    second.close()


async def test_a_loaded_draft_is_not_written_back(store, meeting_id, monkeypatch) -> None:
    store.save_draft(meeting_id, Draft("bewaard", "p1"))
    saves: list[Draft] = []
    original = store.save_draft

    def counted(mid: int, draft: Draft, *owner: str) -> None:
        saves.append(draft)
        original(mid, draft, *owner)

    monkeypatch.setattr(store, "save_draft", counted)
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
    assert stored_draft(db_path, meeting_id).text == "net voor het afsluiten"


async def test_signal_handler_flushes_then_exits(store, db_path, meeting_id) -> None:
    """The handler itself, called in-process (the pty tests below send real signals)."""
    import signal

    app = capture_app(store, meeting_id)
    forced: list[int] = []
    app.hangup_exit = forced.append  # not os._exit: that would end pytest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@3 ", *"zo")
        app._on_hangup(signal.SIGHUP, None)
        assert stored_draft(db_path, meeting_id).text == "zo"
        await pilot.pause(0.2)
    assert app.return_code in (0, None)
    time.sleep(2.2)  # the watchdog fires after the deadline, whatever the exit did
    assert forced == [128 + signal.SIGHUP]


# Real terminals: the installed `spiegel` in tmux ---------------------------------


@pytest.fixture
def terminal_db(tmp_path: Path) -> tuple[Path, int]:
    from helpers import small_meeting

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
    draft = stored_draft(path, meeting_id)
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
    draft = stored_draft(path, meeting_id)
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
    assert stored_draft(path, meeting_id).text == "beleefd gestopt"


# Two note-takers on one meeting: each keeps its own draft ------------------------


def running_owner() -> tuple[subprocess.Popen, str]:
    """Another app that still runs: a real process, and the owner name it would use."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    return child, draft_owner._owner(
        draft_owner._machine(), child.pid, draft_owner._start_time(child.pid)
    )


async def test_a_running_apps_draft_is_left_alone_until_it_is_gone(
    store, db_path, meeting_id
) -> None:
    other, owner = running_owner()
    try:
        store.save_draft(meeting_id, Draft("typt de ander", "p3"), owner)
        app = capture_app(store, meeting_id)
        async with app.run_test(size=SIZE) as pilot:
            screen = capture_screen(app)
            assert screen.line.value == ""
            await pilot.press(*"mijn eigen tekst")
            await pilot.pause(0.8)
        # Both drafts are kept, each under its own app.
        assert store.load_draft(meeting_id, owner) == Draft("typt de ander", "p3")
        assert store.load_draft(meeting_id, draft_owner.this_process()).text == ("mijn eigen tekst")
    finally:
        other.kill()
        other.wait()
    # The other app crashed. Our own text still comes first when we reopen ...
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        assert screen.line.value == "mijn eigen tekst"
        assert "Nog 1 concept" in notices(app)
        await pilot.press("enter")
        await pilot.pause()
    # ... and the crashed app's text comes back at the next opening, with its speaker.
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        assert screen.line.value == "typt de ander"
        assert screen.context.participant == "p3"
        assert not notices(app)
    assert store.draft_owners(meeting_id) == [draft_owner.this_process()]


async def test_left_drafts_without_text_are_cleared(store, meeting_id) -> None:
    for n in range(3):
        # Apps that ended normally leave their context (speaker) behind, no text.
        store.save_draft(meeting_id, Draft("", f"p{n + 1}"), f"oud/{n + 100}/1")
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE):
        screen = capture_screen(app)
        # The newest context is taken over; the other rows are removed.
        assert screen.context.participant == "p3"
    assert store.draft_owners(meeting_id) == [draft_owner.this_process()]


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_a_line_whose_draft_cannot_be_written_goes_into_an_emergency_copy(
    store, db_path, meeting_id, monkeypatch
) -> None:
    import json

    from spiegel_tui.errors import StorageError

    def full(*args: object) -> None:
        raise StorageError("De schijf is vol.")

    monkeypatch.setattr(store, "save_draft", full)  # the disk is full
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@1 HUPTEKST")
        app.flush_drafts()  # what SIGHUP and ctrl+q do
        await pilot.pause()
    # Before: only "Concept niet bewaard"; after exit the line was nowhere.
    assert app.rescue_notice is not None
    path = Path(app.rescue_notice.rsplit(" ", 1)[-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [r["text"] for r in data["remarks"]] == ["(concept) HUPTEKST"]
    assert data["remarks"][0]["participant"] == "p1"  # the line keeps its speaker
