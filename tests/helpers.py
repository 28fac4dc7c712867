"""Helpers shared by the tests: sample meetings, tools a test needs, waiting on a
condition. Import them from here (``from helpers import small_meeting``), not from
conftest, which holds only fixtures and hooks."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from spiegel_tui.model import (
    Kind,
    Meeting,
    Organisation,
    Participant,
    Question,
    Remark,
    Role,
)

T = TypeVar("T")

TZ = dt.timezone(dt.timedelta(hours=2))


def small_meeting(remarks: int = 3) -> Meeting:
    """A meeting with three organisations, four participants and two questions."""
    meeting = Meeting(
        topic="Bejegening in de jeugdbeschermingsketen",
        date=dt.date(2021, 10, 14),
        start=dt.time(19, 30),
        location="Hilversum",
        invited=5,
        facilitators=["Gespreksleider A"],
        listeners="Medewerkers van de drie organisaties",
        organisations=[
            Organisation("vt", "Veilig Thuis"),
            Organisation("rvdk", "Raad voor de Kinderbescherming"),
            Organisation("jgb", "Jeugd- & Gezinsbeschermers"),
        ],
        participants=[
            Participant("p1", "Ouder 1", Role.OUDER, True, ["vt", "rvdk"], label="Marieke"),
            Participant("p2", "Ouder 2", Role.OUDER, True, ["jgb"]),
            Participant("p3", "Jongere 1", Role.JONGERE, True, ["vt"]),
            Participant("p4", "Ouder 3", Role.OUDER, False, []),
        ],
        questions=[
            Question("q1", "Hoe werd u bejegend bij het eerste contact?"),
            Question("q2", "Wat zou u anders willen zien?"),
        ],
    )
    kinds = list(Kind)
    for i in range(remarks):
        meeting.remarks.append(
            Remark(
                at=dt.datetime(2021, 10, 14, 19, 40 + i % 20, i % 60, tzinfo=TZ),
                text=f"Opmerking {i + 1} over de bejegening",
                kind=kinds[i % 4],
                participant=f"p{i % 3 + 1}",
                organisations=[["vt"], ["rvdk"], ["jgb", "vt"]][i % 3],
                question="q1",
                starred=i % 5 == 0,
                id=i + 1,
            )
        )
    return meeting


def require_tool(name: str) -> str:
    """The path of a command-line tool a test needs.

    Skipped on a developer's machine without it; a failure in CI (``CI`` set), where
    ``.ci/run`` installs it, so a missing install can never pass as a skip.
    """
    import os
    import shutil

    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed, but CI must run this test")
    pytest.skip(f"{name} is not installed")


def wait_until(
    condition: Callable[[], T],
    *,
    timeout: float = 10.0,
    interval: float = 0.05,
    what: str = "the condition",
) -> T:
    """Poll ``condition`` until it returns something true, and return that; fail
    with ``what`` after ``timeout`` seconds. For conditions outside the test's
    control (a process, a file, a terminal): waits on them, never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(interval)


def small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. "2m") mounted at ``folder`` for a fixture to yield
    (a full disk for real); skips where mounting is not allowed."""
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {result.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)
