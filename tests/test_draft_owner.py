"""Whose draft is it, and is that app still running?"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from spiegel_tui.capture import draft_owner


def owner_of(pid: int) -> str:
    return draft_owner._owner(draft_owner._machine(), pid, draft_owner._start_time(pid))


def test_this_process_is_running() -> None:
    assert draft_owner.this_process() == owner_of(os.getpid())
    assert draft_owner.is_running(draft_owner.this_process())


def test_a_process_that_ended_is_not_running() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    owner = owner_of(child.pid)
    try:
        assert draft_owner.is_running(owner)
        child.kill()
        # Not yet reaped: a zombie still has its pid, but is not running.
        time.sleep(0.2)
        assert not draft_owner.is_running(owner)
    finally:
        child.kill()
        child.wait()
    assert not draft_owner.is_running(owner)


def test_a_reused_pid_is_not_the_same_app() -> None:
    machine, pid, start = draft_owner.this_process().rsplit("/", 2)
    # Same pid, another start time: the pid was reused after the app ended.
    assert not draft_owner.is_running(f"{machine}/{pid}/{int(start or 0) + 1}")


def test_owners_from_elsewhere_are_not_running() -> None:
    _, pid, start = draft_owner.this_process().rsplit("/", 2)
    assert not draft_owner.is_running(f"another-laptop:1234abcd/{pid}/{start}")
    assert not draft_owner.is_running("")  # drafts from before owners existed
    assert not draft_owner.is_running("garbage")
