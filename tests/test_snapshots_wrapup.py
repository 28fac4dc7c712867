"""SVG snapshots of the wrap-up screen and its dialogs at 80x24, on seed 002.

Deterministic: a fixed meeting, no clock, no blinking cursors, and the export folder
fixed (it is shown in the export dialog). Update with ``pytest --snapshot-update`` and
look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from samenkracht import FIXTURE
from test_wrapup import accept_findings, wait_for_export
from textual.pilot import Pilot

from spiegel_tui.meetingfile import parse_meeting_bytes
from spiegel_tui.model import Outcome
from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.wrapup import WrapUpScreen

SIZE = (80, 24)


def still(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


def add_seed(store: MeetingStore, *, empty: bool = False, label: str = "") -> int:
    meeting = parse_meeting_bytes(FIXTURE.read_bytes(), FIXTURE.name).meeting
    if empty:
        meeting.outcome = Outcome()
        meeting.introduction = ""
    if label:
        meeting.participants[0].label = label
        meeting.outcome.key_points[0].text = f"{label} voelde zich gehoord."
    meeting_id = store.add_meeting(meeting)
    accept_findings(store, meeting_id)  # the re-identification check has its own tests
    return meeting_id


def runner(meeting_id: int, *keys: str):
    async def run_before(pilot: Pilot) -> None:
        await pilot.app.push_screen(WrapUpScreen(meeting_id))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            if "ctrl+o" in keys:  # an export: the check runs first, in a worker
                await wait_for_export(pilot.app, pilot)
        await pilot.pause()
        still(pilot)

    return run_before


@pytest.fixture(autouse=True)
def _export_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WrapUpScreen, "export_folder", lambda self: Path("/home/notulist"))


def test_wrapup_remarks_and_key_points(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store)
    # Mark one remark, so the mark, the count and the moved cursor show.
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "space"), terminal_size=SIZE)


def test_wrapup_key_points_focused(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store)
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "tab", "down"), terminal_size=SIZE)


def test_wrapup_introduction_draft(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store, empty=True)
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "ctrl+t"), terminal_size=SIZE)


def test_wrapup_closing_texts(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store)
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "ctrl+t", "ctrl+t"), terminal_size=SIZE)


def test_wrapup_export_dialog(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store)
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "ctrl+r"), terminal_size=SIZE)


def test_wrapup_label_warning(snap_compare, store: MeetingStore) -> None:
    meeting_id = add_seed(store, label="Marieke")
    app = SpiegelApp(store)
    assert snap_compare(app, run_before=runner(meeting_id, "ctrl+o"), terminal_size=SIZE)
