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
from pathlib import Path


@functools.cache
def this_process() -> str:
    return _owner(_machine(), os.getpid(), _start_time(os.getpid()))


def is_running(owner: str) -> bool:
    """True if ``owner`` is a Spiegel process that still runs on this machine."""
    parts = owner.rsplit("/", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # a draft from before drafts had owners, or not ours to judge
    machine, pid_text, start = parts
    if machine != _machine():
        return False  # another machine or an earlier boot: that process is gone
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, under another user
    return _start_time(pid) == start


def _stat(pid: int) -> list[str]:
    """Fields 3 and on of /proc/<pid>/stat ([] where there is no /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    # The command name (field 2) may hold spaces: count from its closing ')'.
    return stat.rsplit(")", 1)[-1].split()


def _owner(machine: str, pid: int, start: str) -> str:
    return f"{machine}/{pid}/{start}"


@functools.cache
def _machine() -> str:
    boot = ""  # not Linux: the host name alone
    with contextlib.suppress(OSError):
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    return f"{socket.gethostname()}:{boot}".replace("/", "_")


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot ('' where unknown), or
    'gone' for a process that has ended but not yet been reaped (a zombie)."""
    fields = _stat(pid)
    if fields and fields[0] in ("Z", "X"):
        return "gone"
    return fields[19] if len(fields) > 19 else ""
