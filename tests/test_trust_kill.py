"""kill -9 at random moments while remarks are typed and saved: nothing acknowledged is lost.

The installed ``spiegel`` runs in a real terminal (tmux) and is typed into as a
person does: a few characters at a time, Enter after each remark. At a moment drawn
from a seeded random schedule (sometimes a few milliseconds after an Enter, to hit
the commit itself) it gets SIGKILL: no handler, no cleanup. Then, for every round:

- every remark the screen showed is in the database (Enter commits before it shows),
  the stored remarks are exactly the first ones typed, in order, and nothing else;
- ``PRAGMA integrity_check`` is ok;
- remarks stored plus the saved draft are a prefix of everything typed, and cover all
  that was typed up to one second before the kill (the draft is saved twice a
  second), so at most the last second of typing is missing;
- the next round starts the app again on the same file and first checks that the
  input line shows the draft as it was saved.

Each test runs a third of the 30 rounds (so pytest-xdist can spread them); the
figures go to the run's summary (``trust_figures``).
"""

from __future__ import annotations

import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import require_tool
from trust_figures import record
from trust_support import (
    input_line,
    integrity,
    new_database,
    open_capture,
    stored_draft,
    stored_texts,
    timeline_text,
)

SEED = 20211014
ROUNDS = 30
CHUNKS = 3
#: The draft is saved every half second; allow the other half for a busy machine.
DRAFT_HORIZON_S = 1.0
# fmt: off
WORDS = [
    "gesprek", "warm", "kil", "ouder", "jongere", "rapport", "beloofd", "gebeld", "drie",
    "weken", "zitting", "cliënt", "geluisterd", "brief", "rechter", "plan", "voogd",
    "school", "huis", "zorg", "eerlijk", "bang", "gehoord", "één",
]
# fmt: on


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


def remark_text(rng: random.Random, tag: str) -> str:
    words = rng.sample(WORDS, rng.randint(2, 5))
    return f"{tag} " + " ".join(words)


def type_round(terminal, rng: random.Random, round_no: int, typed: Typed) -> float:
    """Type remarks until the scheduled kill; returns the moment of the kill."""
    begin = time.monotonic()
    near_enter = rng.random() < 0.4
    kill_after_enter = rng.randint(1, 4) if near_enter else None
    kill_at = begin + rng.uniform(0.3, 3.0)
    enters = 0
    number = 0
    while True:
        number += 1
        text = remark_text(rng, f"k{round_no:02d}n{number:02d}")
        if number == 1 and typed.start and not typed.start.endswith(" "):
            text = " " + text
        position = 0
        while position < len(text):
            chunk = text[position : position + rng.randint(1, 6)]
            position += len(chunk)
            if kill_after_enter is None and time.monotonic() >= kill_at:
                return _kill(terminal)
            terminal.type(chunk)
            typed.events.append((time.monotonic(), chunk))
            time.sleep(rng.uniform(0.01, 0.06))
        if kill_after_enter is None and time.monotonic() >= kill_at:
            return _kill(terminal)
        terminal.press("Enter")
        typed.events.append((time.monotonic(), "\n"))
        enters += 1
        if kill_after_enter is not None and enters == kill_after_enter:
            time.sleep(rng.uniform(0.0, 0.03))
            return _kill(terminal)
        time.sleep(rng.uniform(0.02, 0.1))


def _kill(terminal) -> float:
    at = time.monotonic()
    terminal.kill(signal.SIGKILL)
    return at


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


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path, chunk: int) -> None:
    require_tool("tmux")
    path = tmp_path / "kill.db"
    meeting_id = new_database(path)
    rng = random.Random(SEED + chunk)
    rounds = range(chunk * ROUNDS // CHUNKS, (chunk + 1) * ROUNDS // CHUNKS)
    written = entered = lost = 0
    shown_checked = 0
    for round_no in rounds:
        before = stored_texts(path, meeting_id)
        draft = stored_draft(path, meeting_id)
        start = draft.text if draft else ""
        terminal = open_capture(path, meeting_id)
        try:
            # Reopening restores the draft into the input line, exactly.
            if start.strip():
                tail = start.strip()[-50:]  # a long line shows its end
                terminal.wait_for(lambda s, tail=tail: input_line(s).endswith(tail))
            typed = Typed(start)
            killed_at = type_round(terminal, rng, round_no, typed)
            terminal.wait_exit(timeout=10)
            last_screen = terminal.screen()
        finally:
            terminal.close()

        after = stored_texts(path, meeting_id)
        assert after[: len(before)] == before, f"round {round_no}: earlier remarks changed"
        committed = after[len(before) :]
        draft = stored_draft(path, meeting_id)
        saved = persisted(committed, draft.text if draft else "")
        whole = typed.stream()
        context = (
            f"round {round_no}: committed {committed!r}, draft {draft!r}, "
            f"typed {whole!r}, typed a second before the kill "
            f"{typed.stream(killed_at - DRAFT_HORIZON_S)!r}"
        )
        assert integrity(path) == "ok", context
        # Only what was typed, in order, nothing twice.
        assert committed == typed.entered()[: len(committed)], context
        assert is_prefix_modulo_strip(saved, whole), context
        # At most the last second of typing is missing.
        if not covers(saved, typed.stream(killed_at - DRAFT_HORIZON_S)):
            lost += 1
        # Every remark the screen showed is stored (Enter commits before it shows).
        on_screen = timeline_text(last_screen)
        for number, text in enumerate(typed.entered(), 1):
            tag = f"k{round_no:02d}n{number:02d}"
            if tag in on_screen:
                shown_checked += 1
                if text not in committed:
                    lost += 1
        written += len(committed)
        entered += len(typed.entered())
        assert lost == 0, context

    record(
        rounds_killed=len(rounds),
        remarks_written=written,
        remarks_entered=entered,
        remarks_shown_checked=shown_checked,
        remarks_lost=lost,
    )
    # The schedule is meant to kill mid-work: most rounds store something.
    assert written >= len(rounds)
