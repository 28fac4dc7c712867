"""Time and memory of the re-identification check on a 500-remark meeting.

    python benchmarks/bench_privacy.py [--runs 5] [--remarks 500]

Measured:
1. the one-time build of the word-list cache (first check after install), in a
   fresh process with an empty cache folder;
2. the check as the export runs it: a child process (``scan_isolated``) that
   loads the cached lists, scans every text of the meeting (500 remarks, 8 key
   points, introduction, closing texts) and exits: wall time from the parent,
   peak memory (max RSS) of the child;
3. in one process: importing the package, loading the lists, and the time per
   sentence;
4. that starting the app and capture do not import the check at all (so their
   start and Enter figures in bench_capture.py cannot change);
5. one pasted text of about 800 KB (the check must stay linear in the text).

Targets: the check (2) under 2 s and under 250 MiB, load time included. Never a
timed test: run it by hand and read the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from privacy_cases import ALL_CASES, SEED_KEY_POINTS, VOCABULARY

from spiegel_tui.privacy import Text
from spiegel_tui.privacy.lookup import CACHE_ENV


def meeting_texts(remarks: int) -> list[Text]:
    """A meeting's worth of texts: the test set's sentences, cycled, as remarks."""
    sentences = [text for text, _ in ALL_CASES]
    texts = [Text("inleiding", " ".join(sentences[:6]))]
    texts += [Text(f"opmerking:{n}", sentences[n % len(sentences)]) for n in range(remarks)]
    texts += [Text(f"kernpunt:{n}", p) for n, p in enumerate(SEED_KEY_POINTS, 1)]
    texts += [Text(f"slot:{n}", sentences[-n]) for n in range(1, 4)]
    return texts


def measure_isolated(texts: list[Text], env: dict[str, str], runs: int) -> tuple[list, list, int]:
    """The check as the export runs it: scan_isolated, timed from the parent."""
    code = (
        "import json, resource, sys, time\n"
        "from spiegel_tui.privacy import Text, Vocabulary, scan_isolated\n"
        "data = json.loads(sys.stdin.read())\n"
        "texts = [Text(i, t) for i, t in data['texts']]\n"
        "vocabulary = Vocabulary.of(data['protected'], data['labels'])\n"
        "start = time.perf_counter()\n"
        "found = scan_isolated(texts, vocabulary)\n"
        "wall = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(wall, peak, len(found))\n"
    )
    payload = json.dumps(
        {
            "texts": [(t.id, t.text) for t in texts],
            "protected": list(VOCABULARY.protected),
            "labels": dict(VOCABULARY.labels),
        }
    ).encode()
    walls, peaks, count = [], [], 0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], input=payload, env=env, capture_output=True, check=True
        ).stdout.split()
        walls.append(float(out[0]))
        peaks.append(float(out[1]))
        count = int(out[2])
    return walls, peaks, count


def measure_in_process(texts: list[Text], env: dict[str, str]) -> str:
    code = (
        "import time, resource\n"
        "t0 = time.perf_counter()\n"
        "from spiegel_tui.privacy import scan\n"
        "from spiegel_tui.privacy import lookup\n"
        "t1 = time.perf_counter()\n"
        "lookup.load()\n"
        "t2 = time.perf_counter()\n"
        "import sys; sys.path.insert(0, 'tests')\n"
        "from privacy_cases import ALL_CASES, VOCABULARY\n"
        "from spiegel_tui.privacy import Text\n"
        "texts = [Text(str(n), t) for n, (t, _) in enumerate(ALL_CASES)] * 10\n"
        "t3 = time.perf_counter()\n"
        "scan(texts, VOCABULARY)\n"
        "t4 = time.perf_counter()\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "big = [Text('plak', ' '.join(t for t, _ in ALL_CASES) * 100)]\n"
        "t5 = time.perf_counter()\n"
        "scan(big, VOCABULARY)\n"
        "t6 = time.perf_counter()\n"
        "print(f'import {(t1-t0)*1000:.0f} ms, load lists {(t2-t1)*1000:.0f} ms, '\n"
        "      f'{(t4-t3)/len(texts)*1000:.2f} ms per sentence ({len(texts)} sentences), '\n"
        "      f'max RSS {rss:.0f} MiB; one text of {len(big[0].text) // 1000} KB: '\n"
        "      f'{t6 - t5:.2f} s')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def start_up_imports() -> str:
    code = (
        "import sys\n"
        "import spiegel_tui.cli, spiegel_tui.ui.app, spiegel_tui.ui.screens.capture\n"
        "print(sorted({'spiegel_tui.privacy', 'deduce', 'docdeid', 'numpy'} & set(sys.modules)))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--remarks", type=int, default=500)
    args = parser.parse_args()
    texts = meeting_texts(args.remarks)
    words = sum(len(t.text.split()) for t in texts)
    print(f"meeting: {len(texts)} texts, {words} words")

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, CACHE_ENV: folder}
        build = (
            "import time; t = time.perf_counter()\n"
            "from spiegel_tui.privacy.lookup import ensure_cache\n"
            "ensure_cache(); print(time.perf_counter() - t)\n"
        )
        wall = subprocess.run(
            [sys.executable, "-c", build], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1024
        print(f"1. cache build (once): {float(wall):.2f} s, cache file {size:.0f} KiB")

        walls, peaks, count = measure_isolated(texts, env, args.runs)
        print(
            f"2. check in a child process: median {statistics.median(walls):.2f} s "
            f"(min {min(walls):.2f}, max {max(walls):.2f}), peak RSS "
            f"{max(peaks):.0f} MiB, {count} findings  [target < 2 s, < 250 MiB]"
        )
        print(f"3. in one process: {measure_in_process(texts, env)}")
    print(f"4. modules of the check imported by app start-up and capture: {start_up_imports()}")


if __name__ == "__main__":
    main()
