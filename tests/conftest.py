"""Shared fixtures: every test gets its own data folder and database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from spiegel_tui.storage import MeetingStore

TZ = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a developer's own meetings (and settings) out of every test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("SPIEGEL_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "spiegel.db"


@pytest.fixture
def store(db_path: Path):
    s = MeetingStore.open(db_path)
    yield s
    s.close()


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


@pytest.fixture
def meeting_id(store: MeetingStore) -> int:
    return store.add_meeting(small_meeting())


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


# The trust tests' figures (kill rounds, remarks lost, bad inputs), summed at the end.
from trust_figures import (  # noqa: E402
    pytest_configure,
    pytest_runtest_logreport,
    pytest_terminal_summary,
)

__all__ = ["pytest_configure", "pytest_runtest_logreport", "pytest_terminal_summary"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Meeting ids the app was asked to open (the capture screen is not needed here)."""
    from spiegel_tui.ui.app import SpiegelApp

    calls: list[int] = []
    monkeypatch.setattr(
        SpiegelApp, "open_meeting", lambda self, meeting_id: calls.append(meeting_id)
    )
    return calls
