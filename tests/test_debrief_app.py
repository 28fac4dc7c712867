"""The debrief and the improvement register typed by keyboard (Pilot), read back
from the database."""

from __future__ import annotations

import datetime as dt

from conftest import TZ, small_meeting
from textual.widgets import DataTable, Input

from spiegel_tui.model import ActionStatus, Cycle, Decision, KeyPoint, Recognition
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.followup_store import FollowUpStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.debrief import DebriefScreen
from spiegel_tui.ui.screens.register import RegisterScreen

NOW = dt.datetime(2021, 10, 30, 10, 0, tzinfo=TZ)


def with_points(store: MeetingStore, points: int = 3) -> int:
    meeting = small_meeting()
    meeting.outcome.key_points = [
        KeyPoint(f"Kernpunt {i + 1}: communicatie kan beter") for i in range(points)
    ]
    return store.add_meeting(meeting)


def app_on(store: MeetingStore) -> SpiegelApp:
    return SpiegelApp(store, clock=lambda: NOW, handle_signals=False)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "/": "slash", "-": "minus"}.get(c, c) for c in text])


async def test_a_whole_debrief_by_keyboard_then_the_register(store: MeetingStore) -> None:
    meeting_id = with_points(store)
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # From the meeting list: b opens the debrief of the meeting under the cursor.
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        # Point 1: vt recognised and acts, with two actions; rvdk partly, already
        # working on it; jgb not recognised, no action with a reason.
        await pilot.press("h", "a", "t")
        await type_text(pilot, "Herkend in het team")
        await pilot.press("enter", "v")
        await type_text(pilot, "Vast aanspreekpunt / Team Intake / 31-1-2022")
        await pilot.press("enter", "v")
        await type_text(pilot, "Folder / Communicatie")
        await pilot.press("enter", "down", "d", "b", "down", "n", "g")
        # g asks the reason at once.
        await type_text(pilot, "Buiten ons mandaat")
        await pilot.press("enter")
        # Point 2: every organisation recognised it; rvdk acts with one action.
        await pilot.press("down", "h", "u", "down", "h", "v")
        await type_text(pilot, "Terugbellen binnen een dag / Teamleider")
        await pilot.press("enter", "down", "h", "u")
        # Point 3: one key for each answer, for each organisation.
        await pilot.press("down", "n", "u", "down", "d", "b", "down", "h", "a")
        # The planning, then the free notes.
        await pilot.press("p", "ctrl+u")
        await type_text(pilot, "28-10-2021 / 11-11-2021 / 15-3-2022")
        await pilot.press("enter", "ctrl+t")
        await type_text(pilot, "Toehoorders waren geraakt")
        await pilot.press("ctrl+t", "escape")
        await pilot.pause()

        meeting = store.load_meeting(meeting_id)
        first, second, third = meeting.outcome.key_points
        vt, rvdk, jgb = (first.response(k) for k in ("vt", "rvdk", "jgb"))
        assert vt is not None and rvdk is not None and jgb is not None
        assert (vt.recognition, vt.decision, vt.note) == (
            Recognition.RECOGNISED,
            Decision.ACT,
            "Herkend in het team",
        )
        assert [(a.text, a.owner, a.due) for a in vt.actions] == [
            ("Vast aanspreekpunt", "Team Intake", dt.date(2022, 1, 31)),
            ("Folder", "Communicatie", None),
        ]
        assert (rvdk.recognition, rvdk.decision) == (Recognition.PARTLY, Decision.ALREADY)
        assert (jgb.recognition, jgb.decision, jgb.reason) == (
            Recognition.NOT,
            Decision.NO_ACTION,
            "Buiten ons mandaat",
        )
        assert [r.recognition for r in second.responses] == [Recognition.RECOGNISED] * 3
        (action,) = second.response("rvdk").actions  # type: ignore[union-attr]
        assert action.owner == "Teamleider"
        assert [(r.organisation, r.recognition, r.decision) for r in third.responses] == [
            ("vt", Recognition.NOT, Decision.UNDECIDED),
            ("rvdk", Recognition.PARTLY, Decision.ALREADY),
            ("jgb", Recognition.RECOGNISED, Decision.ACT),
        ]
        assert meeting.cycle == Cycle(
            dt.date(2021, 10, 28), dt.date(2021, 11, 11), dt.date(2022, 3, 15)
        )
        assert meeting.outcome.debrief_notes == "Toehoorders waren geraakt"

        # The register: three actions; the first done with a note, in two keys and a note.
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)
        assert app.screen.query_one("#actions", DataTable).row_count == 3
        await pilot.press("s", "g")
        await type_text(pilot, "Ingevoerd")
        await pilot.press("enter", "down", "s", "b", "enter")
        # Filter: status cycles to open; one action is left.
        await pilot.press("f")
        assert app.screen.query_one("#actions", DataTable).row_count == 1
        await pilot.press("x")
        assert app.screen.query_one("#actions", DataTable).row_count == 3
        await pilot.pause()

    rows = FollowUpStore(store).actions()
    assert [r.status for r in rows] == [
        ActionStatus.DONE,
        ActionStatus.IN_PROGRESS,
        ActionStatus.OPEN,
    ]
    assert rows[0].history[-1].note == "Ingevoerd"
    assert rows[0].history[-1].at == NOW
    assert [e.status for e in rows[1].history] == [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


async def test_escape_on_typed_text_asks_and_the_draft_survives(store: MeetingStore) -> None:
    meeting_id = with_points(store, 1)
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_debrief(meeting_id)
        await pilot.pause()
        await pilot.press("down", "t")
        await type_text(pilot, "Half getypt")
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        screen.flush_draft()
        await pilot.press("escape")
        await pilot.pause()
        # Asked, not thrown away: n keeps typing.
        await pilot.press("n")
        assert screen.query_one("#line", Input).value == "Half getypt"
    # The next opening puts the typed text back, for the same row.
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_debrief(meeting_id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        assert screen.query_one("#line", Input).value == "Half getypt"
        assert screen.query_one("#cells", DataTable).cursor_row == 1
        await pilot.press("enter")
        await pilot.pause()
    response = store.load_meeting(meeting_id).outcome.key_points[0].response("rvdk")
    assert response is not None and response.note == "Half getypt"


async def test_a_bad_action_line_says_why_and_stores_nothing(store: MeetingStore) -> None:
    meeting_id = with_points(store, 1)
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_debrief(meeting_id)
        await pilot.pause()
        await pilot.press("v")
        await type_text(pilot, "Bellen / Ouder 1")
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#line-error").render())
        assert "nooit een deelnemer" in error
    assert store.load_meeting(meeting_id).outcome.key_points[0].responses == []


async def test_meeting_list_shows_the_cycle_marker(store: MeetingStore) -> None:
    meeting_id = with_points(store, 1)
    FollowUpStore(store).set_cycle(meeting_id, Cycle(None, dt.date(2021, 10, 29)))
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        # Debrief planned by default on 28-10, today is 30-10: overdue.
        assert str(table.get_cell(str(meeting_id), "cycle")) == "nabespreking te laat"


async def test_action_text_is_shown_as_typed_not_as_markup(store: MeetingStore) -> None:
    meeting_id = with_points(store, 1)
    point = store.load_meeting(meeting_id).outcome.key_points[0].id
    FollowUpStore(store).add_action(
        meeting_id, point or 0, "vt", "[bold]Nieuwe[/bold] folder [", owner="[i]Team"
    )
    app = app_on(store)
    async with app.run_test(size=(120, 24)) as pilot:
        app.open_register()
        await pilot.pause()
        table = app.screen.query_one("#actions", DataTable)
        shown = table.render_line(1).text
        assert "[bold]Nieuwe[/bold] folder [" in shown
        assert "[i]Team" in shown
