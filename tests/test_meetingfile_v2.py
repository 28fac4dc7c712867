"""Version 2 of the meeting file: the debrief, the answers, the actions, the cycle."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from spiegel_tui.errors import MeetingFileError
from spiegel_tui.meetingfile import meeting_to_dict, meeting_to_json, parse_meeting
from spiegel_tui.model import ActionStatus, Decision, Recognition

FIXTURES = Path(__file__).parent / "fixtures"
V2 = FIXTURES / "roundtrip_v2.json"


def load_v2() -> dict:
    return json.loads(V2.read_text(encoding="utf-8"))


def test_version_2_file_is_read_whole() -> None:
    parsed = parse_meeting(load_v2())
    assert parsed.warnings == []
    meeting = parsed.meeting
    assert meeting.cycle.debrief == dt.date(2021, 10, 28)
    assert meeting.cycle.feedback_meeting is None
    first = meeting.outcome.key_points[0]
    assert first.themes == ["Communicatie", "Bereikbaarheid"]
    vt = first.response("vt")
    assert vt is not None
    assert (vt.recognition, vt.decision) == (Recognition.RECOGNISED, Decision.ACT)
    assert [a.status for a in vt.actions] == [ActionStatus.IN_PROGRESS, ActionStatus.OPEN]
    assert vt.actions[0].due == dt.date(2022, 1, 31)
    assert [e.status for e in vt.actions[0].history] == ["open", "in_progress"]
    assert first.response("jgb").reason == "Valt buiten onze taak."
    assert meeting.outcome.letter.startswith("Beste deelnemers")


def test_version_2_file_is_written_back_unchanged() -> None:
    original = load_v2()
    assert (
        meeting_to_dict(parse_meeting(copy.deepcopy(original)).meeting, include_private=True)
        == original
    )
    # Byte for byte, too: the fixture is written the way export writes.
    assert meeting_to_json(parse_meeting(load_v2()).meeting, include_private=True) == V2.read_text(
        encoding="utf-8"
    )


def test_version_1_files_still_import() -> None:
    for name in ("roundtrip.json", "samenkracht_2021.json"):
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        assert data["version"] == 1
        parsed = parse_meeting(data)
        assert parsed.warnings == []
        assert all(p.responses == [] for p in parsed.meeting.outcome.key_points)


def test_version_1_file_does_not_read_version_2_fields() -> None:
    data = json.loads((FIXTURES / "roundtrip.json").read_text(encoding="utf-8"))
    data["outcome"]["letter"] = "Beste deelnemers"
    parsed = parse_meeting(data)
    assert parsed.meeting.outcome.letter == ""
    assert parsed.warnings == ["outcome.letter: onbekend veld genegeerd."]


def _broken(path: str, value: object) -> dict:
    data = load_v2()
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is _DELETE:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


_DELETE = object()
RESPONSE = "outcome.key_points.0.responses.0"
ACTION = f"{RESPONSE}.actions.0"

BAD_V2 = [
    ("meeting.cycle.debrief", "28-10-2021", "meeting.cycle.debrief"),
    ("meeting.cycle.letter", 20211111, "meeting.cycle.letter"),
    ("meeting.cycle", ["2021-10-28"], "meeting.cycle"),
    ("outcome.key_points.0.themes", "Communicatie", "outcome.key_points[0].themes"),
    ("outcome.key_points.0.themes.0", "", "outcome.key_points[0].themes[0]"),
    (f"{RESPONSE}.organisation", "ggd", "responses[0].organisation"),
    ("outcome.key_points.0.responses.1.organisation", "vt", "responses[1].organisation"),
    (f"{RESPONSE}.recognition", "ja", "responses[0].recognition"),
    (f"{RESPONSE}.recognition", _DELETE, "responses[0].recognition"),
    (f"{RESPONSE}.decision", "maybe", "responses[0].decision"),
    (f"{RESPONSE}.decision", None, "responses[0].decision"),
    (f"{ACTION}.status", "klaar", "actions[0].status"),
    (f"{ACTION}.status", "done", "actions[0].status"),  # differs from the history
    (f"{ACTION}.due", "volgende week", "actions[0].due"),
    (f"{ACTION}.due", "2022-02-30", "actions[0].due"),
    (f"{ACTION}.text", "", "actions[0].text"),
    (f"{ACTION}.id", _DELETE, "actions[0].id"),
    (f"{RESPONSE}.actions.1.id", "a1", "actions[1].id"),
    (f"{ACTION}.history.0.at", "2021-10-28", "history[0].at"),
    (f"{ACTION}.history.0.status", "gepland", "history[0].status"),
    ("outcome.letter", 12, "outcome.letter"),
    ("outcome.debrief_notes", ["x"], "outcome.debrief_notes"),
]


@pytest.mark.parametrize(
    ("path", "value", "named"),
    BAD_V2,
    ids=[f"{b[0]}={b[1]!r}"[:80] if b[1] is not _DELETE else f"{b[0]}-deleted" for b in BAD_V2],
)
def test_bad_version_2_field_is_refused_naming_it(path: str, value: object, named: str) -> None:
    with pytest.raises(MeetingFileError) as caught:
        parse_meeting(_broken(path, value))
    assert named in caught.value.message


def test_action_ids_are_unique_across_the_file() -> None:
    data = load_v2()
    second = data["outcome"]["key_points"][1]["responses"][0]
    second["actions"] = [{"id": "a1", "text": "Nog iets.", "status": "open"}]
    with pytest.raises(MeetingFileError, match="a1"):
        parse_meeting(data)
