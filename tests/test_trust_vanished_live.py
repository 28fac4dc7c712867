"""The database or the meeting gone under a running app, with real processes.

- Class 3: the installed ``spiegel`` types into a meeting (tmux) while the test puts
  an older copy over the database file (as a restore or a sync client does), or
  deletes it. The app says so, and every remark it showed plus everything typed
  after is in the owner-only emergency copy it names; nothing goes into the file now
  at the path.
- Class 4: a second ``spiegel`` (its own process and terminal) deletes the meeting
  from its list, or ``spiegel purge`` wipes it, while the first has it open. Both
  warn first; the first app says so, writes nothing back (no draft, no remarks in
  the purged meeting) and keeps what it typed since in its emergency copy.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from helpers import require_tool, wait_until
from terminal_driver import SPIEGEL, TmuxTerminal
from trust_support import new_database, open_capture, stored_texts

from spiegel_tui.meetingfile import read_meeting_file
from spiegel_tui.storage import MeetingStore

pytestmark = pytest.mark.slow


def flat(screen: str) -> str:
    return " ".join(screen.split()).lower()


def wait_stored(path: Path, meeting_id: int, text: str, timeout: float = 10) -> None:
    wait_until(
        lambda: text in stored_texts(path, meeting_id), timeout=timeout, what=f"{text!r} stored"
    )


def rescue_copy(folder: Path, stem: str) -> Path:
    found = sorted(folder.glob(f"{stem}-noodkopie-*.json"))
    assert len(found) == 1, found
    assert stat.S_IMODE(found[0].stat().st_mode) == 0o600
    return found[0]


def rescued(folder: Path, stem: str) -> list[str]:
    return [r.text for r in read_meeting_file(rescue_copy(folder, stem)).meeting.remarks]


def wait_rescued(folder: Path, stem: str, text: str, timeout: float = 10) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            texts = rescued(folder, stem)
            if any(text in t for t in texts):
                return texts
        except (AssertionError, OSError):
            pass
        assert time.monotonic() < deadline, f"{text!r} not in the emergency copy"
        time.sleep(0.1)


def quit_app(terminal: TmuxTerminal) -> str:
    terminal.press("C-q")
    terminal.wait_exit(timeout=15)
    return terminal.scrollback()


@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_database_file_replaced_or_deleted_while_typing(tmp_path: Path, how: str) -> None:
    require_tool("tmux")
    path = tmp_path / "live.db"
    meeting_id = new_database(path, remarks=1)
    older = tmp_path / "ouder.db"
    shutil.copy(path, older)
    terminal = open_capture(path, meeting_id)
    try:
        terminal.type("voor het vervangen")
        terminal.press("Enter")
        wait_stored(path, meeting_id, "voor het vervangen")
        terminal.wait_for("voor het vervangen")
        if how == "replaced":
            older.replace(path)
        else:
            path.unlink()
        terminal.type("na het vervangen")
        terminal.press("Enter")
        terminal.wait_for(lambda s: "noodkopie" in flat(s), timeout=10)
        terminal.type("nog half getypt")
        # The draft goes to the copy too (twice a second, as drafts do).
        wait_rescued(tmp_path, "live", "nog half getypt")
        after = quit_app(terminal)
    finally:
        terminal.close()
    texts = rescued(tmp_path, "live")
    assert "voor het vervangen" in texts
    assert "na het vervangen" in texts
    assert any("nog half getypt" in t for t in texts)
    assert "noodkopie" in flat(after)  # repeated on the terminal after quitting
    if how == "replaced":
        assert "na het vervangen" not in stored_texts(path, meeting_id)


def test_meeting_deleted_by_a_second_app_while_open(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "samen.db"
    meeting_id = new_database(path, remarks=2)
    first = open_capture(path, meeting_id)
    second = None
    try:
        first.type("eerste opmerking")
        first.press("Enter")
        wait_stored(path, meeting_id, "eerste opmerking")
        first.type("al getypt")
        # The command line will not purge it with --yes while it is open.
        result = subprocess.run(
            [SPIEGEL, "--db", str(path), "purge", str(meeting_id), "--yes"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 1
        assert "geopend" in result.stderr and "Traceback" not in result.stderr
        assert "eerste opmerking" in stored_texts(path, meeting_id)
        # A second app deletes it from its list, after a warning.
        second = TmuxTerminal(["--db", str(path)], width=100, height=30)
        second.wait_for("Bejegening", timeout=20)
        second.press("d")
        second.wait_for(lambda s: "andere spiegel" in flat(s), timeout=10)
        second.press("j")
        second.wait_for(lambda s: "verwijderd" in flat(s), timeout=10)
        # The first notices within its poll, says so, and keeps the line.
        first.wait_for(lambda s: "noodkopie" in flat(s), timeout=10)
        first.type(" en verder")
        first.press("Enter")
        texts = wait_rescued(tmp_path, "samen", "al getypt en verder")
        # Deleted on purpose, after a warning: what was stored does not come back.
        assert "eerste opmerking" not in texts
        quit_app(first)
    finally:
        first.close()
        if second is not None:
            second.close()
    check = MeetingStore.open(path)
    assert not check.meeting_exists(meeting_id)
    check.close()


def test_meeting_purged_while_open_gets_nothing_back(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "wis.db"
    meeting_id = new_database(path, remarks=2)
    first = open_capture(path, meeting_id)
    purger = None
    try:
        first.type("concept over een gezin")
        deadline = time.monotonic() + 10
        while True:
            store = MeetingStore.open(path, readonly=True)
            draft = store.newest_draft(meeting_id)
            store.close()
            if draft is not None and draft.text == "concept over een gezin":
                break
            assert time.monotonic() < deadline, "draft not saved"
            time.sleep(0.1)
        # spiegel purge in a terminal of its own: it warns, the note-taker says yes.
        purger = TmuxTerminal(["--db", str(path), "purge", str(meeting_id)], width=100)
        purger.wait_for(lambda s: "andere spiegel" in flat(s) and "[j/n]" in flat(s))
        purger.type("j")
        purger.press("Enter")
        purger.wait_for("gewist", timeout=30)
        first.wait_for(lambda s: "noodkopie" in flat(s), timeout=10)
        first.type(" na de purge")
        first.press("Enter")
        wait_rescued(tmp_path, "wis", "concept over een gezin na de purge")
        quit_app(first)
    finally:
        first.close()
        if purger is not None:
            purger.close()
    store = MeetingStore.open(path)
    assert store.load_remarks(meeting_id) == []
    assert store.draft_owners(meeting_id) == []
    assert store.purged_at(meeting_id) is not None
    store.close()
    assert b"concept over een gezin" not in path.read_bytes()
