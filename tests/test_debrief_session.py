"""DebriefSession and the cycle helpers, without a terminal: what they store."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import small_meeting
from hypothesis import given, settings
from hypothesis import strategies as st

from spiegel_tui.model import (
    ActionStatus,
    Cycle,
    Decision,
    KeyPoint,
    Recognition,
)
from spiegel_tui.outcome.cycle import (
    CycleProgress,
    effective_cycle,
    format_cycle,
    marker,
    parse_cycle,
)
from spiegel_tui.outcome.debrief import DebriefSession, parse_action_line
from spiegel_tui.setup.form import FieldError
from spiegel_tui.storage import MeetingStore

DAY = dt.date(2021, 10, 14)


def debriefed(store: MeetingStore, points: int = 2) -> DebriefSession:
    meeting = small_meeting()
    meeting.outcome.key_points = [KeyPoint(f"Kernpunt {i + 1}") for i in range(points)]
    meeting_id = store.add_meeting(meeting)
    session = DebriefSession(store, meeting_id, owner="test-owner")
    session.load()
    return session


def test_cells_are_every_point_for_every_organisation(store: MeetingStore) -> None:
    session = debriefed(store, points=8)
    assert len(session.cells) == 8 * 3
    assert [c.organisation.key for c in session.cells[:3]] == ["vt", "rvdk", "jgb"]
    assert session.cells[3].index == 1


def test_answers_are_stored_and_read_back(store: MeetingStore) -> None:
    session = debriefed(store)
    cell = session.cells[1]
    session.set_recognition(cell, Recognition.PARTLY)
    session.set_note(cell, "Herkend in het team.")
    session.set_decision(cell, Decision.NO_ACTION, reason="Valt buiten ons mandaat")
    back = store.load_meeting(session.meeting_id).outcome.key_points[0].response("rvdk")
    assert back is not None
    assert back.recognition == Recognition.PARTLY
    assert back.note == "Herkend in het team."
    assert back.decision == Decision.NO_ACTION
    assert back.reason == "Valt buiten ons mandaat"
    # Changing one answer keeps the others.
    session.set_recognition(cell, Recognition.RECOGNISED)
    back = store.load_meeting(session.meeting_id).outcome.key_points[0].response("rvdk")
    assert back is not None and back.note == "Herkend in het team."
    assert back.decision == Decision.NO_ACTION
    assert session.answered() == 1


def test_an_action_makes_the_organisation_act(store: MeetingStore) -> None:
    session = debriefed(store)
    cell = session.cells[0]
    action = session.add_action(cell, "Vast aanspreekpunt / Team Intake / 31-1-2022")
    assert action.id is not None
    stored = store.load_meeting(session.meeting_id).outcome.key_points[0].response("vt")
    assert stored is not None and stored.decision == Decision.ACT
    (back,) = stored.actions
    assert (back.text, back.owner, back.due) == (
        "Vast aanspreekpunt",
        "Team Intake",
        dt.date(2022, 1, 31),
    )
    assert back.status == ActionStatus.OPEN
    session.update_action(cell, action, "Vast aanspreekpunt binnen vijf dagen / Teamleider")
    stored = store.load_meeting(session.meeting_id).outcome.key_points[0].response("vt")
    assert stored is not None
    assert stored.actions[0].text == "Vast aanspreekpunt binnen vijf dagen"
    assert stored.actions[0].due is None
    session.remove_action(cell, action)
    stored = store.load_meeting(session.meeting_id).outcome.key_points[0].response("vt")
    assert stored is not None and stored.actions == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Schrijf wat er gedaan wordt"),
        ("Bellen / Ouder 1", "nooit een deelnemer"),
        ("Bellen / team van marieke", "nooit een deelnemer"),  # a local label
        ("Bellen / Team / 31-2-2022", "Deadline"),
        ("a / b / c / d", "Te veel delen"),
    ],
)
def test_bad_action_lines_are_refused_and_store_nothing(
    store: MeetingStore, line: str, message: str
) -> None:
    session = debriefed(store)
    with pytest.raises(FieldError, match=message):
        session.add_action(session.cells[0], line)
    assert store.load_meeting(session.meeting_id).outcome.key_points[0].responses == []


def test_action_line_keeps_slashes_inside_words() -> None:
    parsed = parse_action_line("Folder en/of website / Communicatie", [])
    assert (parsed.text, parsed.owner) == ("Folder en/of website", "Communicatie")


def test_cycle_defaults_and_is_stored(store: MeetingStore) -> None:
    session = debriefed(store)
    assert session.cycle.debrief == DAY + dt.timedelta(days=14)
    session.set_cycle("28-10-2021 / 11-11-2021 / 15-3-2022")
    assert store.load_meeting(session.meeting_id).cycle == Cycle(
        dt.date(2021, 10, 28), dt.date(2021, 11, 11), dt.date(2022, 3, 15)
    )
    with pytest.raises(FieldError, match="brief"):
        session.set_cycle("28-10-2021 / 45-11-2021")
    # Refused: nothing changed.
    assert store.load_meeting(session.meeting_id).cycle.letter == dt.date(2021, 11, 11)


def test_cycle_text_round_trips() -> None:
    cycle = Cycle(dt.date(2021, 10, 28), None, dt.date(2022, 3, 15))
    assert parse_cycle(format_cycle(cycle)) == cycle
    assert parse_cycle("28/10/2021") == Cycle(dt.date(2021, 10, 28))


@pytest.mark.parametrize(
    ("today", "progress", "expected"),
    [
        (dt.date(2021, 10, 15), CycleProgress(), ""),
        (dt.date(2021, 10, 25), CycleProgress(), "nabespreking over 3 d"),
        (dt.date(2021, 10, 28), CycleProgress(), "nabespreking vandaag"),
        (dt.date(2021, 10, 30), CycleProgress(), "nabespreking te laat"),
        (dt.date(2021, 11, 12), CycleProgress(debriefed=True), "brief te laat"),
        (dt.date(2021, 11, 12), CycleProgress(True, True), ""),
        (dt.date(2022, 3, 10), CycleProgress(True, True), "terugkoppeling over 5 d"),
    ],
)
def test_markers(today: dt.date, progress: CycleProgress, expected: str) -> None:
    cycle = Cycle(None, dt.date(2021, 11, 11), dt.date(2022, 3, 15))
    assert effective_cycle(DAY, cycle).debrief == dt.date(2021, 10, 28)
    assert marker(DAY, cycle, progress, today) == expected


def test_notes_are_written_when_saved(store: MeetingStore) -> None:
    session = debriefed(store)
    assert session.type_notes("Wat de toehoorders raakte")
    assert store.load_meeting(session.meeting_id).outcome.debrief_notes == ""
    session.save_notes()
    assert store.load_meeting(session.meeting_id).outcome.debrief_notes == (
        "Wat de toehoorders raakte"
    )
    assert session.notes_typed is None


def test_edit_line_drafts_come_back_for_their_cell(store: MeetingStore) -> None:
    session = debriefed(store)
    cell = session.cells[4]
    session.save_draft(f"{cell.slot}:note", "Halverwege getypt")
    again = DebriefSession(store, session.meeting_id, owner="test-owner")
    again.load()
    ((slot, text),) = again.left_drafts()
    assert text == "Halverwege getypt"
    found = again.cell_for_slot(slot)
    assert found is not None and found.index == 1 and found.organisation.key == "rvdk"
    again.clear_draft(slot)
    assert again.left_drafts() == []


# Generated: whatever is typed in the edit line, a Dutch refusal or a clean value.

EXAMPLES = int(os.environ.get("SPIEGEL_HYPOTHESIS_EXAMPLES", "200"))
days = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)))


@settings(max_examples=EXAMPLES, deadline=None)
@given(days, days, days)
def test_any_cycle_round_trips_through_its_line(a, b, c) -> None:
    cycle = Cycle(a, b, c)
    assert parse_cycle(format_cycle(cycle)) == cycle


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=80))
def test_any_typed_line_is_a_value_or_a_dutch_refusal(line: str) -> None:
    clients = [("Ouder 1", "Marieke")]
    for parse in (lambda: parse_action_line(line, clients), lambda: parse_cycle(line)):
        try:
            value = parse()
        except FieldError as error:
            assert str(error)  # a message, never a traceback
            continue
        if hasattr(value, "text"):
            assert value.text and "\n" not in value.text
            assert "marieke" not in value.owner.casefold()
