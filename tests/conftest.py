"""Shared fixtures: every test gets its own data folder and database."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TZ, require_tool, small_meeting

from spiegel_tui.storage import MeetingStore

# Re-exported for tests written before tests/helpers.py existed.
__all__ = ["TZ", "require_tool", "small_meeting"]


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


@pytest.fixture
def meeting_id(store: MeetingStore) -> int:
    return store.add_meeting(small_meeting())


# The trust tests' figures (kill rounds, remarks lost, bad inputs), summed at the end.
from trust_figures import (  # noqa: E402
    pytest_configure,
    pytest_runtest_logreport,
    pytest_terminal_summary,
)

__all__ += ["pytest_configure", "pytest_runtest_logreport", "pytest_terminal_summary"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Meeting ids the app was asked to open (the capture screen is not needed here)."""
    from spiegel_tui.ui.app import SpiegelApp

    calls: list[int] = []
    monkeypatch.setattr(
        SpiegelApp, "open_meeting", lambda self, meeting_id: calls.append(meeting_id)
    )
    return calls
