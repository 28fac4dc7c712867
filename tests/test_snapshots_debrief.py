"""SVG snapshots of the debrief screen and the improvement register at 80x24, on seed
002. Deterministic: a fixed meeting, a frozen clock, no blinking cursors. Update with
``pytest --snapshot-update`` and look at the SVGs."""

from __future__ import annotations

import datetime as dt

from samenkracht import FIXTURE
from textual.pilot import Pilot

from spiegel_tui.meetingfile import parse_meeting_bytes
from spiegel_tui.model import ActionStatus, Decision, Recognition
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.followup_store import FollowUpStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.debrief import DebriefScreen
from spiegel_tui.ui.screens.register import RegisterScreen

SIZE = (80, 24)
TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2021, 12, 1, 10, 0, tzinfo=TZ)
OPENED = dt.datetime(2021, 10, 28, 16, 0, tzinfo=TZ)


def still(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


def debriefed_seed(store: MeetingStore) -> int:
    meeting = parse_meeting_bytes(FIXTURE.read_bytes(), FIXTURE.name).meeting
    meeting_id = store.add_meeting(meeting)
    points = [p.id for p in store.load_meeting(meeting_id).outcome.key_points]
    follow = FollowUpStore(store)
    follow.set_response(
        meeting_id,
        points[0],
        "vt",
        recognition=Recognition.RECOGNISED,
        decision=Decision.ACT,
        note="Herkend in het team; speelt na de eerste melding.",
    )
    follow.set_response(
        meeting_id,
        points[0],
        "rvdk",
        recognition=Recognition.PARTLY,
        decision=Decision.NO_ACTION,
        reason="Valt onder de wettelijke taak.",
    )
    first = follow.add_action(
        meeting_id,
        points[0],
        "vt",
        "Elke ouder krijgt binnen vijf werkdagen een vast aanspreekpunt.",
        owner="Team Veiligheidsbeoordeling",
        due=dt.date(2022, 1, 31),
        note="Afgesproken in de nabespreking.",
        at=OPENED,
    )
    follow.add_action(
        meeting_id,
        points[0],
        "vt",
        "Folder over de werkwijze herschrijven.",
        owner="Communicatie",
        due=dt.date(2021, 11, 15),
        at=OPENED,
    )
    follow.set_action_status(
        first,
        ActionStatus.IN_PROGRESS,
        "Pilot in twee teams.",
        at=dt.datetime(2021, 11, 20, 10, 0, tzinfo=TZ),
    )
    return meeting_id


def test_debrief_screen(snap_compare, store: MeetingStore) -> None:
    meeting_id = debriefed_seed(store)

    async def run_before(pilot: Pilot) -> None:
        await pilot.app.push_screen(DebriefScreen(meeting_id))
        await pilot.pause()
        still(pilot)

    app = SpiegelApp(store, clock=lambda: NOW)
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_debrief_action_line(snap_compare, store: MeetingStore) -> None:
    meeting_id = debriefed_seed(store)

    async def run_before(pilot: Pilot) -> None:
        await pilot.app.push_screen(DebriefScreen(meeting_id))
        await pilot.pause()
        await pilot.press("down", "v")
        await pilot.press(*"Bellen")
        await pilot.pause()
        still(pilot)

    app = SpiegelApp(store, clock=lambda: NOW)
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_register_screen(snap_compare, store: MeetingStore) -> None:
    debriefed_seed(store)

    async def run_before(pilot: Pilot) -> None:
        await pilot.app.push_screen(RegisterScreen())
        await pilot.pause()
        still(pilot)

    app = SpiegelApp(store, clock=lambda: NOW)
    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
