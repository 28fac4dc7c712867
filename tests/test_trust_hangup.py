"""A dropped SSH connection or a closed terminal window: saved, clean exit, nothing lost.

Both send SIGHUP: closing the terminal (here: its tmux server, or the master side of
a pseudo-terminal) makes the kernel hang up on the program. Textual does not handle
SIGHUP; Spiegel's handler saves the draft, exits, and makes a backup when that is
quick. The capture tests already hang up once on a typed draft; here:

- hang-ups at seeded random moments while remarks are typed, checked as the kill -9
  rounds are (``trust_support.run_round``);
- the exit status when the terminal closes (a pseudo-terminal of our own, so the
  status can be read): a normal exit, not death by signal, within the deadline;
- a hang-up while another screen (help) lies over the capture screen.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from helpers import require_tool
from terminal_driver import SPIEGEL, TmuxTerminal
from trust_figures import record
from trust_support import (
    integrity,
    new_database,
    open_capture,
    run_round,
    stored_draft,
    stored_texts,
)

from spiegel_tui.storage.maintenance import list_backups

SEED = 5140  # textual#5140: no SIGHUP handling
ROUNDS = 6


def close_terminal(terminal: TmuxTerminal) -> str:
    screen = terminal.screen()  # what it showed just before
    terminal.hang_up()
    terminal.wait_exit(timeout=5)  # the handler's deadline is 2 s
    return screen


@pytest.mark.slow
def test_terminal_closed_at_random_moments(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "hangup.db"
    meeting_id = new_database(path)
    rng = random.Random(SEED)
    results = [run_round(path, meeting_id, rng, f"h{n:02d}", close_terminal) for n in range(ROUNDS)]
    record(
        hangups=len(results),
        hangup_remarks_written=sum(r.written for r in results),
        hangup_remarks_lost=sum(r.lost for r in results),
    )


def wait_exit_status(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"still running {timeout} s after the terminal closed")


@pytest.mark.slow
def test_closing_the_terminal_exits_cleanly_with_everything_saved(tmp_path: Path) -> None:
    import pexpect

    path = tmp_path / "pty.db"
    meeting_id = new_database(path, remarks=2)
    child = pexpect.spawn(
        SPIEGEL,
        ["--db", str(path), "open", str(meeting_id)],
        dimensions=(24, 80),
        env={**os.environ, "TERM": "xterm-256color"},
    )
    try:
        child.expect("Spreker", timeout=20)
        child.send("Vastgelegd voor het sluiten\r")
        deadline = time.monotonic() + 10
        while stored_texts(path, meeting_id)[-1] != "Vastgelegd voor het sluiten":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        child.send("nog aan het typen")
        child.expect("typen", timeout=10)
        # The window closes: the kernel hangs up on the session (SIGHUP).
        started = time.monotonic()
        child.ptyproc.fileobj.close()
        status = wait_exit_status(child.pid, timeout=5)
        took = time.monotonic() - started
    finally:
        child.ptyproc.closed = True  # closed above; nothing more for pexpect to do
    assert os.WIFEXITED(status), f"died of signal {os.WTERMSIG(status)}"
    # 0: Textual's clean exit finished; 129 (128 + SIGHUP): the deadline ended it.
    assert os.WEXITSTATUS(status) in (0, 128 + signal.SIGHUP)
    assert took < 3.5, took
    print(f"terminal closed: exit status {os.WEXITSTATUS(status)} after {took:.2f} s")
    assert stored_texts(path, meeting_id)[-1] == "Vastgelegd voor het sluiten"
    assert stored_draft(path, meeting_id).text == "nog aan het typen"
    assert integrity(path) == "ok"
    # The handler made a backup (it was quick), holding the remark and the draft.
    [made] = list_backups(path)
    assert stored_texts(made, meeting_id)[-1] == "Vastgelegd voor het sluiten"
    assert stored_draft(made, meeting_id).text == "nog aan het typen"
    assert oct(made.stat().st_mode & 0o777) == oct(0o600)
    record(hangups=1)


@pytest.mark.slow
def test_hang_up_with_the_help_screen_open(tmp_path: Path) -> None:
    require_tool("tmux")
    path = tmp_path / "hulp.db"
    meeting_id = new_database(path)
    with open_capture(path, meeting_id) as terminal:
        terminal.type("onder de hulp")
        terminal.wait_for("onder de hulp")
        terminal.press("C-g")
        terminal.wait_for("Notuleren met Spiegel")
        terminal.hang_up()
        terminal.wait_exit(timeout=5)
    assert stored_draft(path, meeting_id).text == "onder de hulp"
    record(hangups=1)
