"""A busy machine for tests: every core kept busy by processes the test owns.

Some failures (keys reordered by a resize, stop/continue while typing) only show when
the app is slow to read its input; on a quiet machine the same scripts pass.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def busy_cores(count: int | None = None) -> Iterator[list[int]]:
    """Run ``count`` (default: one per core) busy loops; killed on leaving."""
    count = count or os.cpu_count() or 2
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield [loop.pid for loop in loops]
    finally:
        for loop in loops:
            loop.kill()
        for loop in loops:
            loop.wait()
