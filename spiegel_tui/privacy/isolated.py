"""Running the check in a child process that exits afterwards.

The word lists take ~50 MiB; in a child process they are gone when the check ends,
so a long note-taking session never carries them. The texts go over a pipe (never
on the command line, where ``ps`` would show them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable

from spiegel_tui.privacy.findings import Finding, Text, Vocabulary


class CheckFailed(RuntimeError):
    """The child process did not give an answer."""


def request(texts: Iterable[Text], vocabulary: Vocabulary) -> dict[str, object]:
    return {
        "texts": [{"id": t.id, "text": t.text} for t in texts],
        "protected": list(vocabulary.protected),
        "labels": dict(vocabulary.labels),
    }


def scan_isolated(
    texts: Iterable[Text], vocabulary: Vocabulary | None = None, *, timeout: float = 120
) -> list[Finding]:
    """Like :func:`scan`, in a fresh ``python -m spiegel_tui.privacy`` process."""
    payload = json.dumps(request(texts, vocabulary or Vocabulary()), ensure_ascii=False)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "spiegel_tui.privacy"],
            input=payload.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CheckFailed("De privacycontrole kon niet worden uitgevoerd.") from error
    if done.returncode != 0:
        raise CheckFailed("De privacycontrole kon niet worden uitgevoerd.")
    answer = json.loads(done.stdout.decode("utf-8"))
    return [Finding.from_json(item) for item in answer["findings"]]
