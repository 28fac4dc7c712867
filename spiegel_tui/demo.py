"""The sample meeting that ``spiegel demo`` opens, in a throw-away database."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from spiegel_tui.meetingfile import parse_meeting_bytes
from spiegel_tui.storage import MeetingStore


def demo_meeting_bytes() -> bytes:
    return files("spiegel_tui").joinpath("data/demo-meeting.json").read_bytes()


def open_demo_store(folder: Path) -> tuple[MeetingStore, int]:
    """A fresh database in ``folder`` holding the demo meeting."""
    store = MeetingStore.open(folder / "demo.db")
    meeting_id = store.add_meeting(parse_meeting_bytes(demo_meeting_bytes(), "demo").meeting)
    return store, meeting_id
