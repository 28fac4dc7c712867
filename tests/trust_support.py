"""Helpers for the trust tests: a database to start on, reading the capture screen."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import small_meeting
from terminal_driver import TmuxTerminal

from spiegel_tui.storage import Draft, MeetingStore


def new_database(path: Path, remarks: int = 0) -> int:
    """A database at ``path`` with one meeting; returns the meeting's id."""
    store = MeetingStore.open(path)
    try:
        return store.add_meeting(small_meeting(remarks))
    finally:
        store.close()


def open_capture(path: Path, meeting_id: int, **kwargs: object) -> TmuxTerminal:
    """The installed ``spiegel`` on the capture screen of ``meeting_id``, in tmux."""
    terminal = TmuxTerminal(
        ["--db", str(path), "open", str(meeting_id)],
        **{"width": 80, "height": 24, **kwargs},  # type: ignore[arg-type]
    )
    try:
        terminal.wait_for("Spreker", timeout=20)
    except BaseException:
        terminal.close()
        raise
    return terminal


def stored_texts(path: Path, meeting_id: int) -> list[str]:
    """The meeting's remarks in order, read on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT text FROM remarks WHERE meeting_id = ? ORDER BY seq", [meeting_id]
        )
        return [row[0] for row in rows]
    finally:
        conn.close()


def stored_draft(path: Path, meeting_id: int) -> Draft | None:
    store = MeetingStore.open(path)
    try:
        return store.newest_draft(meeting_id)
    finally:
        store.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def context_row(screen: str) -> int:
    """The index of the context bar ("Spreker ... Org ..."): the input line follows it."""
    lines = screen.splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].lstrip().startswith("Spreker") and "Org" in lines[index]:
            return index
    raise AssertionError(f"no context bar on the screen:\n{screen}")


def input_line(screen: str) -> str:
    """What the capture input shows (the placeholder when empty), without a
    notification that may lie over its right end."""
    return screen.splitlines()[context_row(screen) + 1].split("▌")[0].strip()


def timeline_text(screen: str) -> str:
    """The screen above the who-was-heard panel: header, question bar, timeline."""
    lines = screen.splitlines()
    end = context_row(screen)
    for index in range(end, -1, -1):
        if lines[index].lstrip().startswith("Gehoord"):
            end = index
            break
    return "\n".join(lines[:end])


# Accounting for what was typed, against what was saved -------------------------


@dataclass
class Typed:
    """Everything typed into the input line in one round, with when it was sent."""

    start: str  # the draft the round began with (restored into the line)
    events: list[tuple[float, str]] = field(default_factory=list)  # (sent at, chars)

    def stream(self, until: float | None = None) -> str:
        """The line's history as one string; Enter is "\\n"."""
        return self.start + "".join(c for t, c in self.events if until is None or t <= until)

    def entered(self) -> list[str]:
        """The remarks whose Enter was sent, as the app stores them (stripped)."""
        return [line.strip() for line in self.stream().split("\n")[:-1]]


def persisted(committed: list[str], draft: str) -> str:
    """Remarks stored this round plus the draft, in the form of :meth:`Typed.stream`."""
    return "".join(text + "\n" for text in committed) + draft


def is_prefix_modulo_strip(saved: str, stream: str) -> bool:
    """``saved`` is a prefix of ``stream``, remark by remark (stored remarks are stripped
    of surrounding spaces; the draft is stored as typed)."""
    saved_lines = saved.split("\n")
    stream_lines = stream.split("\n")
    if len(saved_lines) > len(stream_lines):
        return False
    for i, line in enumerate(saved_lines):
        last = i == len(saved_lines) - 1
        if last:
            if not stream_lines[i].startswith(line):
                return False
        elif line != stream_lines[i].strip():
            return False
    return True


def covers(saved: str, stream: str) -> bool:
    """``saved`` holds at least everything in ``stream`` (itself a prefix of the whole)."""
    saved_lines = saved.split("\n")
    stream_lines = stream.split("\n")
    if len(saved_lines) != len(stream_lines):
        return len(saved_lines) > len(stream_lines)
    return len(saved_lines[-1]) >= len(stream_lines[-1]) or (
        saved_lines[-1].strip() == stream_lines[-1].strip()
    )


# A round: start the app, type as a person does, end it abruptly, check -----------

#: The draft is saved every half second; allow the other half for a busy machine.
DRAFT_HORIZON_S = 1.0
# fmt: off
WORDS = [
    "gesprek", "warm", "kil", "ouder", "jongere", "rapport", "beloofd", "gebeld", "drie",
    "weken", "zitting", "cliënt", "geluisterd", "brief", "rechter", "plan", "voogd",
    "school", "huis", "zorg", "eerlijk", "bang", "gehoord", "één",
]
# fmt: on

#: Ends the program abruptly; returns the screen to check (what it showed by then).
Ending = Callable[[TmuxTerminal], str]


@dataclass
class RoundResult:
    written: int  # remarks stored in this round
    entered: int  # remarks whose Enter was sent
    shown: int  # remarks seen on the screen, each checked to be stored
    lost: int  # remarks or typing missing beyond the last second (must be 0)
    ended_at: float


def remark_text(rng: random.Random, tag: str) -> str:
    return f"{tag} " + " ".join(rng.sample(WORDS, rng.randint(2, 5)))


def type_until_end(
    terminal: TmuxTerminal, rng: random.Random, tag: str, typed: Typed, end: Ending
) -> tuple[float, str]:
    """Type remarks, a few characters at a time, Enter after each, until the moment
    drawn from ``rng`` (in 40% of the rounds: a few milliseconds after an Enter, to
    hit the commit itself); then ``end``. Returns when it ended and the screen."""
    near_enter = rng.random() < 0.4
    end_after_enter = rng.randint(1, 4) if near_enter else None
    end_at = time.monotonic() + rng.uniform(0.3, 3.0)
    enters = number = 0

    def due() -> bool:
        return end_after_enter is None and time.monotonic() >= end_at

    while True:
        number += 1
        text = remark_text(rng, f"{tag}n{number:02d}")
        if number == 1 and typed.start and not typed.start.endswith(" "):
            text = " " + text
        position = 0
        while position < len(text):
            chunk = text[position : position + rng.randint(1, 6)]
            position += len(chunk)
            if due():
                return time.monotonic(), end(terminal)
            terminal.type(chunk)
            typed.events.append((time.monotonic(), chunk))
            time.sleep(rng.uniform(0.01, 0.06))
        if due():
            return time.monotonic(), end(terminal)
        terminal.press("Enter")
        typed.events.append((time.monotonic(), "\n"))
        enters += 1
        if enters == end_after_enter:
            time.sleep(rng.uniform(0.0, 0.03))
            return time.monotonic(), end(terminal)
        time.sleep(rng.uniform(0.02, 0.1))


def run_round(
    path: Path, meeting_id: int, rng: random.Random, tag: str, end: Ending
) -> RoundResult:
    """One round on the database at ``path``; asserts what must hold, counts losses.

    - reopening shows the saved draft in the input line;
    - the stored remarks are exactly the first ones typed, in order, nothing twice;
    - ``PRAGMA integrity_check`` is ok;
    - remarks stored plus the draft are a prefix of all typed, and cover what was
      typed up to a second before the end;
    - every remark the screen showed is stored (Enter commits before it shows).
    """
    before = stored_texts(path, meeting_id)
    draft = stored_draft(path, meeting_id)
    start = draft.text if draft else ""
    terminal = open_capture(path, meeting_id)
    try:
        if start.strip():
            tail = start.strip()[-50:]  # a long line shows its end
            terminal.wait_for(lambda s: input_line(s).endswith(tail))
        typed = Typed(start)
        ended_at, screen = type_until_end(terminal, rng, tag, typed, end)
        terminal.wait_exit(timeout=10)
    finally:
        terminal.close()

    after = stored_texts(path, meeting_id)
    assert after[: len(before)] == before, f"{tag}: earlier remarks changed"
    committed = after[len(before) :]
    draft = stored_draft(path, meeting_id)
    saved = persisted(committed, draft.text if draft else "")
    whole = typed.stream()
    horizon = typed.stream(ended_at - DRAFT_HORIZON_S)
    context = (
        f"{tag}: committed {committed!r}, draft {draft!r}, typed {whole!r}, "
        f"typed a second before the end {horizon!r}"
    )
    assert integrity(path) == "ok", context
    assert committed == typed.entered()[: len(committed)], context
    assert is_prefix_modulo_strip(saved, whole), context
    lost = 0 if covers(saved, horizon) else 1
    shown = 0
    on_screen = timeline_text(screen) if screen.strip() else ""
    for number, text in enumerate(typed.entered(), 1):
        if f"{tag}n{number:02d}" in on_screen:
            shown += 1
            lost += text not in committed
    assert lost == 0, context
    return RoundResult(len(committed), len(typed.entered()), shown, lost, ended_at)
