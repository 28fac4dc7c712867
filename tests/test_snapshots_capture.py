"""SVG snapshots of the capture screen, its dialogs and the help screen.

Deterministic: the clock is frozen at 20:15 on the meeting's own day (the header
shows "bezig 0:45" since the 19:30 start), remark times come from the fixture, and
the capture input does not blink. Update with ``pytest --snapshot-update`` and look
at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from capture_support import capture_app
from helpers import small_meeting
from textual.pilot import Pilot

from spiegel_tui.storage import MeetingStore

SIZE = (80, 24)
WIDE = (160, 48)


@pytest.fixture
def filled(store: MeetingStore) -> tuple[MeetingStore, int]:
    """Twelve remarks: long ones that wrap, a private one, stars, every kind."""
    meeting = small_meeting(12)
    for number, remark in enumerate(meeting.remarks):
        if number % 3 == 1:
            remark.text += (
                " en het gesprek duurde veel te lang, want niemand wist precies wie er"
                " verantwoordelijk was voor de vervolgafspraak"
            )
        remark.private = number == 7
    meeting.remarks[10].participant = None
    meeting.remarks[10].organisations = []
    return store, store.add_meeting(meeting)


def keys(*pressed: str, text: str = ""):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        if pressed:
            await pilot.press(*pressed)
        if text:
            pilot.app.screen.query_one("#capture-input").insert_text_at_cursor(text)
        await pilot.pause()

    return run_before


def test_capture_80x24(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=keys("ctrl+y", *"@2 #vt + * ", text="Ze luisterden echt"),
    )


def test_capture_wide(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=WIDE, run_before=keys("ctrl+y", *"@1 "))


def test_capture_empty_meeting(snap_compare, store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(0))
    assert snap_compare(capture_app(store, meeting_id), terminal_size=SIZE)


def test_capture_timeline_selected(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("up", "up"))


def test_capture_speaker_chord(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("ctrl+n"))


def test_capture_filter(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("ctrl+f", *"@1 *"))


def test_capture_edit_dialog(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("up", "enter"))


def test_help_screen(snap_compare, filled) -> None:
    store, meeting_id = filled
    app = capture_app(store, meeting_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("ctrl+g"))
