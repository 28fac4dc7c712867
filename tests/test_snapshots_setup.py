"""SVG snapshots of the picker, the setup screen and their dialogs at 80x24.

Deterministic: fixed dates only (the setup screen gets its default date injected),
and no blinking cursors. Update with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import small_meeting
from textual.pilot import Pilot

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.setup import SetupScreen

DAY = dt.date(2021, 10, 14)
SIZE = (80, 24)


def still(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


@pytest.fixture
def three_meetings(store: MeetingStore) -> MeetingStore:
    for topic, day, remarks in (
        ("Bejegening in de jeugdbeschermingsketen", DAY, 42),
        ("Ervaringen van jongeren met de Raad voor de Kinderbescherming", dt.date(2022, 3, 1), 0),
        (
            "Pleegouders over de samenwerking met de gecertificeerde instelling",
            dt.date(2022, 9, 20),
            17,
        ),
    ):
        meeting = small_meeting(remarks)
        meeting.topic, meeting.date = topic, day
        store.add_meeting(meeting)
    return store


def setup_runner(meeting_id: int | None, *keys: str):
    async def run_before(pilot: Pilot) -> None:
        await pilot.app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        still(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        still(pilot)

    return run_before


def test_picker(snap_compare, three_meetings: MeetingStore) -> None:
    assert snap_compare(SpiegelApp(three_meetings), terminal_size=SIZE)


def test_picker_empty(snap_compare, store: MeetingStore) -> None:
    assert snap_compare(SpiegelApp(store), terminal_size=SIZE)


def test_picker_delete_confirmation(snap_compare, three_meetings: MeetingStore) -> None:
    assert snap_compare(SpiegelApp(three_meetings), press=["down", "d"], terminal_size=SIZE)


def test_setup_new(snap_compare, store: MeetingStore) -> None:
    assert snap_compare(SpiegelApp(store), run_before=setup_runner(None), terminal_size=SIZE)


def test_setup_edit(snap_compare, store: MeetingStore, meeting_id: int) -> None:
    assert snap_compare(SpiegelApp(store), run_before=setup_runner(meeting_id), terminal_size=SIZE)


def test_setup_edit_participants(snap_compare, store: MeetingStore, meeting_id: int) -> None:
    runner = setup_runner(meeting_id, *["tab"] * 12, "down")
    assert snap_compare(SpiegelApp(store), run_before=runner, terminal_size=SIZE)


def test_setup_participant_dialog(snap_compare, store: MeetingStore, meeting_id: int) -> None:
    runner = setup_runner(meeting_id, *["tab"] * 12, "enter")
    assert snap_compare(SpiegelApp(store), run_before=runner, terminal_size=SIZE)


def test_setup_validation_errors(snap_compare, store: MeetingStore) -> None:
    runner = setup_runner(None, "tab", "end", "ctrl+u", *"30-02-2021", "ctrl+s")
    assert snap_compare(SpiegelApp(store), run_before=runner, terminal_size=SIZE)
