"""The generated key-stream tests with a long budget (CI runs a short one).

    python benchmarks/key_stream_long.py [EXAMPLES] [PILOT_EXAMPLES]

Defaults: 200 examples typed into the installed ``spiegel`` in tmux with every core
kept busy, 2,000 at Pilot level, up to 40 steps each. Prints the trust figures
(examples, steps, bursts, pastes, resizes, stop/continue) at the end; exits with
pytest's status. Takes about 6-10 minutes on two cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    examples = sys.argv[1] if len(sys.argv) > 1 else "200"
    pilot = sys.argv[2] if len(sys.argv) > 2 else "2000"
    env = {
        **os.environ,
        "SPIEGEL_HYPOTHESIS_EXAMPLES": examples,
        "SPIEGEL_HYPOTHESIS_PILOT_EXAMPLES": pilot,
        "SPIEGEL_HYPOTHESIS_STEPS": os.environ.get("SPIEGEL_HYPOTHESIS_STEPS", "40"),
        "SPIEGEL_HYPOTHESIS_LOAD": os.environ.get("SPIEGEL_HYPOTHESIS_LOAD", str(os.cpu_count())),
    }
    command = [
        sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
        "tests/test_trust_key_stream.py", "tests/test_capture_key_stream.py",
    ]  # fmt: skip
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
