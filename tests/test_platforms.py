"""Windows and macOS branches of the draft owner and the hang-up signals (issue 9 class 11).

CI runs Linux, so the other platforms' branches are called directly: ``sys.platform``
patched, psutil replaced by a stand-in that behaves as it does there, ``os.kill``
replaced by what it does on Windows (terminate the process) so any call is caught,
and the ``signal`` module stripped of what the platform lacks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import psutil
import pytest
from helpers import wait_until

from spiegel_tui.capture import draft_owner
from spiegel_tui.ui import app as app_module
from spiegel_tui.ui.app import SpiegelApp


@pytest.fixture(autouse=True)
def _fresh_caches():
    draft_owner._machine.cache_clear()
    draft_owner.this_process.cache_clear()
    yield
    draft_owner._machine.cache_clear()
    draft_owner.this_process.cache_clear()


@pytest.fixture
def terminating_kill(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """os.kill as on Windows: any signal, 0 included, ends the process. Records pids."""
    killed: list[int] = []

    def kill(pid: int, sig: int) -> None:
        killed.append(pid)

    monkeypatch.setattr(os, "kill", kill)
    return killed


class FakeProcess:
    """psutil.Process as Windows/macOS report it, for a table of pid -> start."""

    table: ClassVar[dict[int, float]] = {}

    def __init__(self, pid: int) -> None:
        if pid not in self.table:
            raise psutil.NoSuchProcess(pid)
        self.pid = pid

    def status(self) -> str:
        return psutil.STATUS_RUNNING

    def create_time(self) -> float:
        return self.table[self.pid]


def no_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system without /proc: reading anything under it fails."""
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if str(self).startswith("/proc"):
            raise FileNotFoundError(str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_liveness_on_windows_and_macos_never_signals_a_process(
    monkeypatch: pytest.MonkeyPatch, terminating_kill: list[int], platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    no_proc(monkeypatch)
    FakeProcess.table = {4242: 1_700_000_000.25, os.getpid(): 1_700_000_100.5}
    monkeypatch.setattr(psutil, "Process", FakeProcess)
    monkeypatch.setattr(psutil, "pid_exists", lambda pid: pid in FakeProcess.table)
    monkeypatch.setattr(psutil, "boot_time", lambda: 1_699_999_000.0)

    me = draft_owner.this_process()
    machine, _pid, start = me.rsplit("/", 2)
    assert machine.endswith(":1699999000")  # boot time, not /proc's boot id
    assert start == "170000010050"
    assert draft_owner.is_running(me)
    other = f"{machine}/4242/170000000025"
    assert draft_owner.is_running(other)
    assert not draft_owner.is_running(f"{machine}/4242/170000000026")  # pid reused
    assert not draft_owner.is_running(f"{machine}/4343/170000000025")  # ended
    assert not draft_owner.is_running(f"{machine}/{10**30}/1")  # no such pid anywhere
    assert terminating_kill == []


def test_a_process_of_another_user_is_not_taken_for_ours(
    monkeypatch: pytest.MonkeyPatch, terminating_kill: list[int]
) -> None:
    """macOS: psutil may be denied another user's start time; then it is not our app."""

    class Denied(FakeProcess):
        def create_time(self) -> float:
            raise psutil.AccessDenied(self.pid)

    monkeypatch.setattr(sys, "platform", "darwin")
    Denied.table = {4242: 1.0}
    monkeypatch.setattr(psutil, "Process", Denied)
    monkeypatch.setattr(psutil, "pid_exists", lambda pid: pid in Denied.table)
    machine = draft_owner._machine()
    assert not draft_owner.is_running(f"{machine}/4242/100")
    assert terminating_kill == []


def test_linux_uses_the_boot_id_and_real_psutil(terminating_kill: list[int]) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux branch")
    boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    assert draft_owner._machine().endswith(":" + boot)
    assert draft_owner.is_running(draft_owner.this_process())
    # psutil itself may probe with signal 0 on POSIX (harmless there); Spiegel's own
    # code has no os.kill at all:
    assert "os.kill" not in Path(draft_owner.__file__).read_text().replace(
        "Never os.kill", ""
    ).replace("os.kill calls", "")


@pytest.mark.slow
def test_a_zombie_is_not_running_through_psutil() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    owner = draft_owner._owner(
        draft_owner._machine(), child.pid, draft_owner._start_time(child.pid)
    )
    wait_until(lambda: draft_owner._start_time(child.pid) == "gone", what="the child gone")
    assert not draft_owner.is_running(owner)
    child.wait()


# Signals -------------------------------------------------------------------------


def test_windows_has_no_sighup_and_the_app_still_installs_its_handlers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)
    installed: list[int] = []
    monkeypatch.setattr(signal, "signal", lambda signum, handler: installed.append(signum))
    SpiegelApp.install_signal_handlers(SimpleNamespace(_on_hangup=lambda *a: None))  # type: ignore[arg-type]
    assert installed == [signal.SIGTERM, 21]
    assert app_module.hangup_signals() == [signal.SIGTERM, 21]


def test_posix_installs_sighup_and_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(signal, "SIGHUP"):
        pytest.skip("POSIX branch")
    monkeypatch.delattr(signal, "SIGBREAK", raising=False)
    installed: list[int] = []
    monkeypatch.setattr(signal, "signal", lambda signum, handler: installed.append(signum))
    SpiegelApp.install_signal_handlers(SimpleNamespace(_on_hangup=lambda *a: None))  # type: ignore[arg-type]
    assert installed == [signal.SIGHUP, signal.SIGTERM]


def test_a_platform_refusing_a_signal_does_not_stop_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed: list[int] = []

    def refuse_hup(signum: int, handler: object) -> None:
        if signum == getattr(signal, "SIGHUP", None):
            raise OSError("not supported here")
        installed.append(signum)

    monkeypatch.setattr(signal, "signal", refuse_hup)
    SpiegelApp.install_signal_handlers(SimpleNamespace(_on_hangup=lambda *a: None))  # type: ignore[arg-type]
    assert signal.SIGTERM in installed
