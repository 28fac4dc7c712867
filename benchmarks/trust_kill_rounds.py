"""kill -9 at random moments while typing, as many rounds as asked (200 by default).

    .venv/bin/python benchmarks/trust_kill_rounds.py [--rounds 200] [--seed N]

CI runs 30 of these rounds (``tests/test_trust_kill.py``); this runs the same round
(``trust_support.run_round``: the installed ``spiegel`` in tmux, typed into a few
characters at a time, SIGKILL at a seeded random moment, then every check) as often
as asked, on one database, and prints the figures. A round whose checks fail is
counted and the run goes on. Exit status 1 if any round failed or lost anything.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from test_trust_kill import SEED, kill_9  # noqa: E402
from trust_support import new_database, run_round  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SEED + 1000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    written = entered = shown = lost = 0
    failures: list[str] = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kill.db"
        meeting_id = new_database(path)
        for n in range(args.rounds):
            try:
                result = run_round(path, meeting_id, rng, f"k{n:03d}", kill_9)
            except AssertionError as error:
                failures.append(f"round {n}: {error}")
                print(f"round {n}: FAILED", flush=True)
                continue
            written += result.written
            entered += result.entered
            shown += result.shown
            lost += result.lost
            if (n + 1) % 20 == 0:
                print(
                    f"{n + 1} rounds: {written} remarks stored, {lost} lost, "
                    f"{len(failures)} failed rounds, {time.monotonic() - start:.0f} s",
                    flush=True,
                )
    print(
        f"kill -9 rounds: {args.rounds} (seed {args.seed}), remarks entered {entered}, "
        f"stored {written}, shown and checked {shown}, lost {lost}, "
        f"failed rounds {len(failures)}, {time.monotonic() - start:.0f} s"
    )
    for failure in failures:
        print(failure)
    return 1 if failures or lost else 0


if __name__ == "__main__":
    sys.exit(main())
