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
from pathlib import Path

import pytest
from helpers import require_tool
from terminal_driver import TmuxTerminal
from trust_figures import record
from trust_support import new_database, run_round

SEED = 20211014
ROUNDS = 30
CHUNKS = 3


def kill_9(terminal: TmuxTerminal) -> str:
    terminal.kill(signal.SIGKILL)  # no handler, no cleanup
    terminal.wait_exit(timeout=10)
    return terminal.screen()  # the pane keeps the last screen


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path, chunk: int) -> None:
    require_tool("tmux")
    path = tmp_path / "kill.db"
    meeting_id = new_database(path)
    rng = random.Random(SEED + chunk)
    rounds = range(chunk * ROUNDS // CHUNKS, (chunk + 1) * ROUNDS // CHUNKS)
    results = [run_round(path, meeting_id, rng, f"k{n:02d}", kill_9) for n in rounds]
    record(
        rounds_killed=len(results),
        remarks_written=sum(r.written for r in results),
        remarks_entered=sum(r.entered for r in results),
        remarks_shown_checked=sum(r.shown for r in results),
        remarks_lost=sum(r.lost for r in results),
    )
    # The schedule is meant to end the program mid-work: most rounds store something.
    assert sum(r.written for r in results) >= len(results)
