"""Merging a second note-taker's file into an existing meeting (`import --into`)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from spiegel_tui.meetingfile import parse_meeting
from spiegel_tui.meetingfile.merge import merge_into
from spiegel_tui.storage import MeetingStore

ROUNDTRIP = Path(__file__).parent / "fixtures" / "roundtrip.json"


def second_note_taker() -> dict:
    """The same meeting as typed on another laptop: other keys, some overlap."""
    data = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    data["organisations"] = [
        {"id": "veilig", "name": "veilig  thuis"},
        {"id": "save", "name": "SAVE"},
    ]
    data["participants"] = [
        {
            "id": "a",
            "pseudonym": "ouder 1",
            "role": "ouder",
            "present": True,
            "organisations": ["save"],
        },
        {"id": "b", "pseudonym": "Ouder 4", "role": "ouder", "present": True, "organisations": []},
    ]
    data["questions"] = [{"id": "x", "text": "Wat zou u anders willen zien?"}]
    data["remarks"] = [
        # Already there (same moment, speaker and text): skipped.
        {
            "id": "s1",
            "at": "2021-10-14T17:42:05+00:00",
            "participant": "a",
            "organisations": ["veilig"],
            "question": None,
            "text": "Communicatie is niet helder en er wordt niet gedaan wat er wordt gezegd.",
            "kind": "improvement",
            "starred": False,
            "private": False,
        },
        {
            "id": "s2",
            "at": "2021-10-14T19:43:00+02:00",
            "participant": "b",
            "organisations": ["save"],
            "question": "x",
            "text": "Nieuw: SAVE kwam snel.",
            "kind": "positive",
            "starred": True,
            "private": False,
        },
        {
            "id": "s3",
            "at": "2021-10-14T20:30:00+02:00",
            "participant": None,
            "organisations": [],
            "question": None,
            "text": "Afsluiting.",
            "kind": "note",
            "starred": False,
            "private": False,
        },
    ]
    data["outcome"] = {
        "key_points": [{"text": "SAVE kwam snel.", "remarks": ["s2"]}],
        "produced": "",
        "input_follow_up": "",
        "follow_up_meeting": "",
    }
    return data


def test_merge_matches_by_name_and_orders_by_time(store: MeetingStore) -> None:
    original = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    meeting_id = store.add_meeting(parse_meeting(original).meeting)

    result = merge_into(store, meeting_id, parse_meeting(second_note_taker()).meeting)

    assert (result.added, result.skipped) == (2, 1)
    merged = store.load_meeting(meeting_id)
    assert [o.name for o in merged.organisations] == [
        "Veilig Thuis",
        "Raad voor de Kinderbescherming",
        "Jeugd- & Gezinsbeschermers",
        "SAVE",
    ]
    assert [p.pseudonym for p in merged.participants] == [
        "Ouder 1",
        "Jongere 1",
        "Pleegouder 1",
        "Ouder 4",
    ]
    assert "save" in merged.participant("p1").organisations
    texts = [r.text for r in merged.remarks]
    assert texts[:3] == [
        "Communicatie is niet helder en er wordt niet gedaan wat er wordt gezegd.",
        "Nieuw: SAVE kwam snel.",
        "Stilte in de zaal.",
    ]
    assert texts[-1] == "Afsluiting."
    new = merged.remarks[1]
    assert (new.participant, new.organisations, new.question) == ("p4", ["save"], "q2")
    point = merged.outcome.key_points[-1]
    assert point.text == "SAVE kwam snel."
    assert [merged.remark(i).text for i in point.remarks] == ["Nieuw: SAVE kwam snel."]
    # The first note-taker's closing texts are kept.
    assert merged.outcome.produced == original["outcome"]["produced"]


def test_reimport_adds_nothing_twice(store: MeetingStore) -> None:
    original = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    meeting_id = store.add_meeting(parse_meeting(original).meeting)
    incoming = second_note_taker()
    merge_into(store, meeting_id, parse_meeting(copy.deepcopy(incoming)).meeting)
    before = store.load_meeting(meeting_id)

    again = merge_into(store, meeting_id, parse_meeting(incoming).meeting)

    assert (again.added, again.skipped) == (0, 3)
    after = store.load_meeting(meeting_id)
    assert after.remarks == before.remarks
    assert after.participants == before.participants
    assert after.outcome == before.outcome


def test_merging_a_file_into_its_own_meeting_changes_nothing(store: MeetingStore) -> None:
    original = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    meeting_id = store.add_meeting(parse_meeting(copy.deepcopy(original)).meeting)
    result = merge_into(store, meeting_id, parse_meeting(original).meeting)
    assert (result.added, result.skipped) == (0, 5)


def test_separate_identical_remarks_are_all_kept(store: MeetingStore) -> None:
    """Three "Ja." by the same parent in the same second are three remarks: merging a
    file that has all three into a meeting that has one adds the other two (the
    attack found "0 toegevoegd, 3 al aanwezig"); merging it again adds nothing."""
    original = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    one = copy.deepcopy(original["remarks"][0])
    three = [dict(one, id=f"d{n}") for n in range(3)]
    original["outcome"]["key_points"] = []
    meeting_id = store.add_meeting(parse_meeting(copy.deepcopy(original)).meeting)
    incoming = copy.deepcopy(original)
    incoming["remarks"] = three
    result = merge_into(store, meeting_id, parse_meeting(copy.deepcopy(incoming)).meeting)
    assert (result.added, result.skipped) == (2, 1)
    again = merge_into(store, meeting_id, parse_meeting(incoming).meeting)
    assert (again.added, again.skipped) == (0, 3)
    texts = [r.text for r in store.load_meeting(meeting_id).remarks]
    assert texts.count(one["text"]) == 3
