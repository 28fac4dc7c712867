"""Storing what happens after the meeting: answers, actions, history, cycle, letter."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from spiegel_tui.errors import NotFoundError, SpiegelError
from spiegel_tui.meetingfile import meeting_to_json, parse_meeting
from spiegel_tui.model import ActionStatus, Cycle, Decision, KeyPoint, Recognition
from spiegel_tui.storage.followup_store import FollowUpStore
from spiegel_tui.storage.store import MeetingStore
from tests.conftest import small_meeting

V2 = Path(__file__).parent / "fixtures" / "roundtrip_v2.json"
TZ = dt.timezone(dt.timedelta(hours=2))


def with_points(store: MeetingStore) -> tuple[int, list[int]]:
    meeting = small_meeting()
    meeting.outcome.key_points = [
        KeyPoint("Communicatie is niet helder.", remarks=[1]),
        KeyPoint("Back-up bij ziekte.", remarks=[2]),
    ]
    meeting_id = store.add_meeting(meeting)
    return meeting_id, [p.id for p in meeting.outcome.key_points]  # type: ignore[misc]


def test_version_2_file_round_trips_through_the_store(store: MeetingStore) -> None:
    meeting = parse_meeting(json.loads(V2.read_text(encoding="utf-8"))).meeting
    meeting_id = store.add_meeting(meeting)
    loaded = store.load_meeting(meeting_id)
    assert meeting_to_json(loaded, include_private=True) == V2.read_text(encoding="utf-8")


def test_version_2_round_trip_survives_reopening(db_path: Path) -> None:
    store = MeetingStore.open(db_path)
    meeting_id = store.add_meeting(
        parse_meeting(json.loads(V2.read_text(encoding="utf-8"))).meeting
    )
    store.close()
    again = MeetingStore.open(db_path)
    try:
        loaded = again.load_meeting(meeting_id)
    finally:
        again.close()
    assert loaded.cycle.debrief == dt.date(2021, 10, 28)
    assert loaded.outcome.key_points[0].responses[1].reason == "Valt buiten onze taak."
    assert meeting_to_json(loaded, include_private=True) == V2.read_text(encoding="utf-8")


def test_merge_rewrite_of_the_outcome_keeps_the_follow_up(store: MeetingStore) -> None:
    """``save_outcome`` rewrites the key points (a merge does): the answers come along."""
    meeting_id = store.add_meeting(
        parse_meeting(json.loads(V2.read_text(encoding="utf-8"))).meeting
    )
    loaded = store.load_meeting(meeting_id)
    store.save_outcome(meeting_id, loaded.outcome)
    assert meeting_to_json(store.load_meeting(meeting_id), include_private=True) == V2.read_text(
        encoding="utf-8"
    )


def test_answers_actions_and_history(store: MeetingStore) -> None:
    meeting_id, (first, second) = with_points(store)
    follow = FollowUpStore(store)
    follow.set_response(
        meeting_id, first, "vt", recognition="recognised", decision="act", note="Herkend."
    )
    follow.set_response(
        meeting_id,
        first,
        "jgb",
        recognition=Recognition.NOT,
        decision=Decision.NO_ACTION,
        reason="Valt buiten onze taak.",
    )
    action = follow.add_action(
        meeting_id, first, "vt", "Vast aanspreekpunt.", "Team Intake", "2022-01-31"
    )
    # An action on a point without an answer makes an undecided one.
    other = follow.add_action(meeting_id, second, "rvdk", "Back-up regelen.", due=None)
    follow.set_action_status(action, "in_progress", "Pilot in twee teams.")
    follow.set_action_status(action, ActionStatus.DONE, "Ingevoerd.")
    follow.update_action(other, owner="Teamleider", due=dt.date(2022, 3, 1))
    follow.set_themes(first, ["Communicatie", "Bereikbaarheid", "Communicatie", " "])
    follow.set_cycle(meeting_id, Cycle(debrief=dt.date(2021, 10, 28)))
    follow.set_debrief_notes(meeting_id, "Veel herkend.")
    follow.set_letter(meeting_id, "Beste deelnemers,")

    meeting = store.load_meeting(meeting_id)
    point = meeting.outcome.key_points[0]
    assert point.themes == ["Communicatie", "Bereikbaarheid"]
    assert [r.organisation for r in point.responses] == ["vt", "jgb"]
    vt = point.response("vt")
    assert vt is not None and vt.decision == Decision.ACT and vt.note == "Herkend."
    assert [(e.status, e.note) for e in vt.actions[0].history] == [
        ("open", ""),
        ("in_progress", "Pilot in twee teams."),
        ("done", "Ingevoerd."),
    ]
    assert vt.actions[0].status == ActionStatus.DONE
    rvdk = meeting.outcome.key_points[1].response("rvdk")
    assert rvdk is not None and rvdk.decision == Decision.UNDECIDED
    assert (rvdk.actions[0].owner, rvdk.actions[0].due) == ("Teamleider", dt.date(2022, 3, 1))
    assert meeting.cycle == Cycle(debrief=dt.date(2021, 10, 28))
    assert (meeting.outcome.debrief_notes, meeting.outcome.letter) == (
        "Veel herkend.",
        "Beste deelnemers,",
    )
    follow.remove_action(other)
    assert store.load_meeting(meeting_id).outcome.key_points[1].response("rvdk").actions == []


def test_register_filters_across_meetings(store: MeetingStore) -> None:
    follow = FollowUpStore(store)
    one, (a, _) = with_points(store)
    two, (c, _) = with_points(store)
    late = follow.add_action(one, a, "vt", "Te laat.", "Team A", dt.date(2022, 1, 1))
    done = follow.add_action(one, a, "jgb", "Klaar.", "Team B", dt.date(2022, 1, 1))
    follow.set_action_status(done, "done")
    later = follow.add_action(two, c, "vt", "Later.", "Team C", dt.date(2030, 1, 1))
    follow.add_action(two, c, "rvdk", "Zonder datum.")
    assert len(follow.actions()) == 4
    assert [r.id for r in follow.actions(organisation="VT")] == [late, later]
    assert [r.id for r in follow.actions(organisation="Veilig Thuis")] == [late, later]
    assert [r.id for r in follow.actions(status="done")] == [done]
    assert [r.id for r in follow.actions(overdue_on=dt.date(2023, 1, 1))] == [late]
    assert len(follow.actions(meeting_id=two)) == 2
    row = follow.actions(status="done")[0]
    assert (row.meeting_id, row.organisation) == (one, "jgb")
    assert row.organisation_name == "Jeugd- & Gezinsbeschermers"
    assert row.key_point_text == "Communicatie is niet helder."
    assert [e.status for e in row.history] == ["open", "done"]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda f, m, p: f.set_response(m, p, "vt", recognition="ja", decision="act"),
         "recognition"),
        (lambda f, m, p: f.set_response(m, p, "vt", recognition="not", decision="maybe"),
         "decision"),
        (lambda f, m, p: f.set_response(m, p, "xx", recognition="not", decision="act"),
         "organisation"),
        (lambda f, m, p: f.add_action(m, p, "vt", "Iets.", due="2022-02-30"), "due"),
        (lambda f, m, p: f.add_action(m, p, "vt", "   "), "text"),
        (lambda f, m, p: f.set_action_status(f.add_action(m, p, "vt", "x"), "klaar"), "status"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_naming_the_field(store: MeetingStore, call, field: str) -> None:
    meeting_id, (point, _) = with_points(store)
    follow = FollowUpStore(store)
    before = follow.actions()
    with pytest.raises(SpiegelError, match=f"'{field}'"):
        call(follow, meeting_id, point)
    # The failed call wrote nothing (the status case added one action before failing).
    after = follow.actions()
    assert all(r.status == "open" and len(r.history) == 1 for r in after)
    assert len(after) - len(before) <= (1 if field == "status" else 0)
    if field != "status":
        assert store.load_meeting(meeting_id).outcome.key_points[0].responses == []


def test_gone_things_are_refused(store: MeetingStore) -> None:
    meeting_id, _ = with_points(store)
    follow = FollowUpStore(store)
    with pytest.raises(NotFoundError):
        follow.set_action_status(999, "done")
    with pytest.raises(NotFoundError):
        follow.add_action(meeting_id, 999, "vt", "Iets.")
    with pytest.raises(NotFoundError):
        follow.set_letter(meeting_id + 99, "x")


def test_owner_that_names_a_participant_is_warned_about(store: MeetingStore) -> None:
    meeting_id, (point, _) = with_points(store)
    follow = FollowUpStore(store)
    follow.add_action(meeting_id, point, "vt", "Bellen.", "Team Intake")
    assert follow.last_warning == ""
    follow.add_action(meeting_id, point, "vt", "Bellen.", "ouder 1")
    assert "Ouder 1" in follow.last_warning and "nooit een cliënt" in follow.last_warning
    action = follow.add_action(meeting_id, point, "vt", "Bellen.", "Team Intake")
    follow.update_action(action, owner="Moeder MARIEKE")  # the local label of Ouder 1
    assert "Ouder 1" in follow.last_warning
    assert "marieke" not in follow.last_warning.lower()


def test_purging_keeps_nothing_dangling(store: MeetingStore) -> None:
    """Removing a key point or an organisation removes its answers and actions."""
    meeting_id, (point, _) = with_points(store)
    follow = FollowUpStore(store)
    follow.add_action(meeting_id, point, "vt", "Iets.")
    meeting = store.load_meeting(meeting_id)
    meeting.outcome.key_points = meeting.outcome.key_points[1:]
    store.save_outcome(meeting_id, meeting.outcome)
    assert follow.actions() == []
    assert store.conn.execute("SELECT count(*) FROM action_events").fetchone()[0] == 0
