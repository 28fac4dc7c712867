"""In a real terminal: keys in bursts, stop/continue and resize storms, on a busy machine.

The installed ``spiegel`` runs in tmux. ``tmux send-keys`` with several keys writes
them to the terminal at once, as an SSH packet or typing ahead does; the app must
apply them in that order (see ``test_capture_key_order.py`` for the many cases at
Pilot level). A plain SIGSTOP and SIGCONT (another program, a debugger, a shell's
job control) made Textual start a second input thread beside the running one, and
resizes while typing must not merge, split or reorder remarks; both are tried with
every core kept busy, because on a quiet machine the same scripts passed.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from helpers import require_tool
from load_support import busy_cores
from terminal_driver import TmuxTerminal
from trust_figures import record
from trust_support import new_database, open_capture

from spiegel_tui.model import Remark
from spiegel_tui.storage import MeetingStore


def remarks(path: Path, meeting_id: int) -> list[Remark]:
    store = MeetingStore.open(path)
    try:
        return store.load_remarks(meeting_id)
    finally:
        store.close()


def wait_for_remarks(path: Path, meeting_id: int, count: int, timeout: float = 30) -> list[Remark]:
    deadline = time.monotonic() + timeout
    while True:
        stored = remarks(path, meeting_id)
        if len(stored) >= count or time.monotonic() > deadline:
            return stored
        time.sleep(0.05)


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def settle_threads(terminal: TmuxTerminal, timeout: float = 10) -> int:
    """The app's thread count once it stops changing (start-up workers finish)."""
    deadline = time.monotonic() + timeout
    last, since = threads(terminal.pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = threads(terminal.pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > 1.0:
            break
    return last


@pytest.mark.slow
def test_a_burst_applies_in_arrival_order(tmp_path: Path) -> None:
    """The issue's reproduction: one send-keys, one write to the terminal."""
    require_tool("tmux")
    path = tmp_path / "burst.db"
    meeting_id = new_database(path)
    terminal = open_capture(path, meeting_id)
    try:
        with busy_cores():
            for round_ in range(3):
                terminal.press(
                    f"openbaar{round_}", "Enter", "C-l", f"GEHEIM{round_}", "Enter",
                    "C-k", f"ster{round_}", "Enter", "C-n", "2", f"twee{round_}", "Enter",
                    "C-n", "0",
                )  # fmt: skip
            stored = wait_for_remarks(path, meeting_id, 12)
    finally:
        terminal.close()
    got = [(r.text, r.private, r.starred, r.participant) for r in stored]
    want = []
    for round_ in range(3):
        want += [
            (f"openbaar{round_}", False, False, None),
            (f"GEHEIM{round_}", True, False, None),
            (f"ster{round_}", False, True, None),
            (f"twee{round_}", False, False, "p2"),
        ]
    assert got == want
    record(burst_remarks_checked=len(want))


@pytest.mark.slow
def test_stop_and_continue_while_typing_under_load(tmp_path: Path) -> None:
    """kill -STOP, typing, kill -CONT: one input reader, every letter once, in order."""
    require_tool("tmux")
    path = tmp_path / "stop.db"
    meeting_id = new_database(path)
    terminal = open_capture(path, meeting_id)
    rounds = 4
    try:
        before = settle_threads(terminal)
        with busy_cores():
            for n in range(rounds):
                terminal.type(f"voor{n} ")
                terminal.kill(signal.SIGSTOP)
                for word in ("tijdens", "de", "stop"):
                    terminal.type(f"{word}{n} ")
                    time.sleep(0.02)
                terminal.kill(signal.SIGCONT)
                terminal.type(f"na{n}")
                terminal.press("Enter")
            stored = wait_for_remarks(path, meeting_id, rounds)
            after = threads(terminal.pid)
    finally:
        terminal.close()
    assert [r.text for r in stored] == [
        f"voor{n} tijdens{n} de{n} stop{n} na{n}" for n in range(rounds)
    ]
    # Textual's resume started a reader (and a writer) per SIGCONT: 2 more threads each.
    assert after <= before, (before, after)
    record(stop_continue_rounds=rounds, stop_continue_under_load=rounds)


@pytest.mark.slow
def test_resize_storm_while_typing_under_load(tmp_path: Path) -> None:
    """Typing at about 25 characters a second while the window is dragged about."""
    require_tool("tmux")
    path = tmp_path / "resize.db"
    meeting_id = new_database(path)
    terminal = open_capture(path, meeting_id, width=100, height=30)
    typed = [f"regel{n} met wat woorden erin, nummer {n}." for n in range(6)]
    done = threading.Event()
    resizes = 0

    def storm() -> None:
        nonlocal resizes
        sizes = [(100, 30), (60, 20), (140, 45), (45, 15), (120, 24), (80, 40)]
        while not done.is_set():
            width, height = sizes[resizes % len(sizes)]
            terminal._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))
            resizes += 1
            time.sleep(0.03)

    try:
        with busy_cores():
            stormer = threading.Thread(target=storm)
            stormer.start()
            try:
                for n, line in enumerate(typed):
                    if n % 2:
                        terminal.press("C-l")  # private, for this remark only
                    for start in range(0, len(line), 3):
                        terminal.type(line[start : start + 3] + "x")
                        terminal.press("BSpace")  # a typo, taken back at once
                        time.sleep(0.12)  # three characters: 25 a second
                    terminal.press("Enter")
            finally:
                done.set()
                stormer.join()
            stored = wait_for_remarks(path, meeting_id, len(typed))
    finally:
        terminal.close()
    assert [(r.text, r.private) for r in stored] == [(t, n % 2 == 1) for n, t in enumerate(typed)]
    assert resizes > 20
    record(resizes_while_typing=resizes)
