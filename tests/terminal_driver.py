"""Driving the installed `spiegel` in a real terminal (tmux), as a person would.

Each :class:`TmuxTerminal` runs its own tmux server (its own socket), so tests can
run in parallel. The program is started with ``exec`` so the pane's process *is*
spiegel: ``kill -9`` and SIGHUP reach it directly, and closing the pane is what a
dropped SSH connection does to it.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

SPIEGEL = str(Path(sys.executable).with_name("spiegel"))


class TmuxTerminal:
    def __init__(
        self,
        args: list[str],
        *,
        width: int = 100,
        height: int = 30,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        program: list[str] | None = None,
    ) -> None:
        """``program``: what to run instead of the installed ``spiegel`` (``args``
        follow it), e.g. the interpreter and a script that changes something first."""
        self.socket = f"spiegel-test-{uuid.uuid4().hex[:10]}"
        command = " ".join(shlex.quote(a) for a in [*(program or [SPIEGEL]), *args])
        exports = " ".join(
            f"{k}={shlex.quote(v)}"
            for k, v in {"TERM": "xterm-256color", "ESCDELAY": "25", **(env or {})}.items()
        )
        self._tmux(
            "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
            *(["-c", str(cwd)] if cwd else []),
            f"exec env {exports} {command}",
        )  # fmt: skip
        # Keep the pane (and its exit status) after the program ends.
        self._tmux("set-option", "-t", "t", "remain-on-exit", "on")
        self.pid = int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def _tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t", check=False)

    def scrollback(self) -> str:
        """Everything the terminal showed, including what scrolled out of view."""
        return self._tmux("capture-pane", "-p", "-S", "-", "-t", "t", check=False)

    def type(self, text: str) -> None:
        """Type literal text (no key names)."""
        if text:
            self._tmux("send-keys", "-t", "t", "-l", text)

    def press(self, *keys: str) -> None:
        """Press named keys: Enter, Escape, C-s, Up, ..."""
        self._tmux("send-keys", "-t", "t", *keys)

    def send_bytes(self, data: bytes) -> None:
        """Raw bytes as a terminal would send them (e.g. a Latin-1 "ë")."""
        self._tmux("send-keys", "-t", "t", "-H", *(f"{b:02x}" for b in data))

    def wait_for(self, predicate: Callable[[str], bool] | str, timeout: float = 10.0) -> str:
        test = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting; the screen was:\n{screen}")

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        # A zombie (exited, not yet reaped by tmux) counts as gone.
        try:
            with open(f"/proc/{self.pid}/stat") as handle:
                return handle.read().split(") ", 1)[1][0] != "Z"
        except FileNotFoundError:
            return False

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError("spiegel did not exit")
            time.sleep(0.05)

    def exit_status(self, timeout: float = 5.0) -> int | None:
        """The exit status once the program has ended (None if it has not)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self._tmux(
                "display-message", "-p", "-t", "t", "#{pane_dead_status}", check=False
            )
            if text.strip():
                return int(text.strip())
            # tmux may mark the pane dead and reap the process (and note its status)
            # seconds later; a zombie's status is in /proc (field 52, as waitpid gives it).
            try:
                with open(f"/proc/{self.pid}/stat") as handle:
                    fields = handle.read().rsplit(") ", 1)[1].split()
                if fields[0] == "Z" and len(fields) >= 50:
                    return (int(fields[-1]) >> 8) & 0xFF
            except FileNotFoundError:
                pass
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        os.kill(self.pid, sig)

    def hang_up(self) -> None:
        """Close the terminal under the program: the kernel sends it SIGHUP."""
        self._tmux("kill-server", check=False)

    def close(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self._tmux("kill-server", check=False)

    def __enter__(self) -> TmuxTerminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def have_tmux() -> bool:
    return shutil.which("tmux") is not None
