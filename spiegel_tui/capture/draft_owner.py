"""Which running Spiegel typed a draft, and whether it is still running.

Every app keeps its own draft per meeting. When a meeting is opened, a draft whose
app has gone (crashed, killed, its SSH session dropped, or closed with text still in
the line) is taken over and put back in the input line; a draft of an app that still
runs belongs to another note-taker and is left alone.

An owner is ``machine/pid/start``: the machine (host name and boot), the process id
and the process's start time, so a process id reused after a reboot or by another
program is not taken for the app that wrote the draft.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import sys
from pathlib import Path

# Liveness goes through psutil on every platform. Never os.kill(pid, 0): on Windows
# os.kill calls TerminateProcess, so "is it still running?" would end that process
# (any process of the user, once pids are reused). /proc exists only on Linux.


@functools.cache
def this_process() -> str:
    return _owner(_machine(), os.getpid(), _start_time(os.getpid()))


def is_running(owner: str) -> bool:
    """True if ``owner`` is a Spiegel process that still runs on this machine."""
    import psutil

    parts = owner.rsplit("/", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # a draft from before drafts had owners, or not ours to judge
    machine, pid_text, start = parts
    if machine != _machine():
        return False  # another machine or an earlier boot: that process is gone
    pid = int(pid_text)
    try:
        if not psutil.pid_exists(pid):
            return False
    except (OverflowError, ValueError):
        return False  # a pid no system has
    return _start_time(pid) == start


def _owner(machine: str, pid: int, start: str) -> str:
    return f"{machine}/{pid}/{start}"


@functools.cache
def _machine() -> str:
    return f"{socket.gethostname()}:{_boot_id()}".replace("/", "_")


def _boot_id() -> str:
    """What tells this boot from the previous one: Linux's boot id, elsewhere the boot
    time (psutil reads it on Windows and macOS alike)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            return Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    import psutil

    try:
        return str(int(psutil.boot_time()))
    except (psutil.Error, OSError):
        return ""


def _start_time(pid: int) -> str:
    """The process's start time in hundredths of a second ('' where unknown), or
    'gone' for a process that has ended but not yet been reaped (a zombie)."""
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD):
            return "gone"
        return str(round(process.create_time() * 100))
    except psutil.ZombieProcess:
        return "gone"
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.Error, OSError, ValueError):
        return ""
