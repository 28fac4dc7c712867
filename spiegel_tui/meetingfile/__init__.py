"""The meeting file (``spiegel-meeting`` versions 1 and 2): JSON in and out.

See ``shared/format/meeting-json.md``. Parsing validates everything before anything
is stored and names the offending field in Dutch; serialising writes the same meeting
back (remark ids renumbered r1, r2, ... in capture order).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spiegel_tui.errors import MeetingFileError
from spiegel_tui.meetingfile.followup import (
    KEY_POINT_FIELDS,
    OUTCOME_FIELDS,
    FollowUpReader,
    FollowUpWriter,
    cycle_to_dict,
)
from spiegel_tui.meetingfile.reader import Reader as _Reader
from spiegel_tui.meetingfile.reader import describe as _describe
from spiegel_tui.model import (
    KeyPoint,
    Kind,
    Meeting,
    Organisation,
    Outcome,
    Participant,
    Question,
    Remark,
    Role,
)

FORMAT = "spiegel-meeting"
#: What ``export --format json`` writes.
VERSION = 2
#: What ``import`` reads: a version-1 file is a version-2 meeting without follow-up.
READABLE_VERSIONS = (1, 2)
#: A three-hour meeting with a remark every ten seconds is about half a megabyte; a
#: file 30 times that is no meeting file, and parsing 64 MB took 25 s and 1 GB here.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: From this size on the CLI says that it is reading (it takes a few seconds).
SLOW_FILE_BYTES = 2 * 1024 * 1024

_TOP_FIELDS = {
    "format",
    "version",
    "meeting",
    "organisations",
    "participants",
    "questions",
    "remarks",
    "outcome",
}
_REMARK_FIELDS = {"at", "participant", "organisations", "question", "text", "kind", "starred",
                  "private"}  # fmt: skip
_MEETING_FIELDS = {
    "topic",
    "date",
    "start",
    "location",
    "introduction",
    "invited",
    "facilitators",
    "listeners",
}


@dataclass
class ParsedMeeting:
    meeting: Meeting
    #: Things that were accepted but changed or ignored, in Dutch, for the user.
    warnings: list[str] = field(default_factory=list)


def read_meeting_file(
    path: Path, *, progress: Callable[[str], None] | None = None
) -> ParsedMeeting:
    """Read and validate a meeting file; raises MeetingFileError in Dutch.

    Only a regular file of at most MAX_FILE_BYTES is read (a pipe or a device could
    hang or never end); ``progress`` hears about a file that takes a while.
    """
    path = Path(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise MeetingFileError(f"'{path}' is een map, geen bijeenkomstbestand.")
        if not stat.S_ISREG(info.st_mode):
            raise MeetingFileError(
                f"'{path}' is geen gewoon bestand (maar een apparaat, pijp of socket)."
            )
        if info.st_size > MAX_FILE_BYTES:
            raise MeetingFileError(
                f"'{path}' is te groot voor een bijeenkomstbestand "
                f"({info.st_size / 1024 / 1024:.0f} MB; hoogstens "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB)."
            )
        if progress is not None and info.st_size >= SLOW_FILE_BYTES:
            progress(f"Bezig met inlezen van '{path.name}' ({info.st_size / 1024 / 1024:.0f} MB)…")
        with open(path, "rb") as handle:
            # Bounded even if the file grows meanwhile.
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise MeetingFileError(f"'{path}' is te groot voor een bijeenkomstbestand.")
    except FileNotFoundError:
        raise MeetingFileError(f"Het bestand '{path}' bestaat niet.") from None
    except PermissionError:
        raise MeetingFileError(f"Geen toestemming om '{path}' te lezen.") from None
    except OSError as error:
        from spiegel_tui.fileio import describe_os_error

        reason = describe_os_error(error, path).rsplit(": ", 1)[-1]
        raise MeetingFileError(f"Kan '{path}' niet lezen: {reason}") from None
    return parse_meeting_bytes(raw, str(path))


def parse_meeting_bytes(raw: bytes, name: str = "het bestand") -> ParsedMeeting:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MeetingFileError(
            f"'{name}' is geen UTF-8-tekst (byte {error.start}); "
            "een bijeenkomstbestand is altijd UTF-8."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MeetingFileError(
            f"'{name}' is geen geldige JSON (regel {error.lineno}, kolom {error.colno}): "
            "is het bestand onvolledig of van een ander formaat?"
        ) from None
    except RecursionError:
        # Lists or objects nested thousands deep: no meeting file looks like that.
        raise MeetingFileError(
            f"'{name}' is geen bijeenkomstbestand: de gegevens zijn te diep genest."
        ) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits.
        raise MeetingFileError(
            f"'{name}' is geen bijeenkomstbestand: het bevat een getal met te veel cijfers."
        ) from None
    return parse_meeting(data)


def parse_meeting(data: Any) -> ParsedMeeting:
    """Validate a decoded meeting file and build the Meeting (not yet stored).

    Remarks get ids 1..n as local references; key points refer to those.
    """
    warnings: list[str] = []
    r = _Reader(warnings)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MeetingFileError(
            f"Dit is geen Spiegel-bijeenkomstbestand: het veld 'format' moet \"{FORMAT}\" zijn."
        )
    version = data.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise MeetingFileError(
            f"Het bestand heeft versie {_describe(version)} van het bijeenkomstformaat; "
            "deze Spiegel leest versie 1 en 2. "
            + ("Werk Spiegel bij." if isinstance(version, int) and version > VERSION else "")
        )
    follow_up = version >= 2
    r.unknown(data, _TOP_FIELDS, "")
    setup = r.obj(r.required(data, "meeting", ""), "meeting")
    meeting = _parse_setup(r, setup, follow_up)

    org_keys: set[str] = set()
    for i, item in enumerate(r.array(r.required(data, "organisations", ""), "organisations")):
        where = f"organisations[{i}]"
        obj, key = r.identified(item, where, {"name"}, org_keys)
        name = r.text(
            r.required(obj, "name", where), f"{where}.name", multiline=False, allow_empty=False
        )
        meeting.organisations.append(Organisation(key=key, name=name))

    later = FollowUpReader(r, org_keys) if follow_up else None
    if later is not None:
        meeting.cycle = later.cycle(setup.get("cycle"))

    def org_list(value: Any, where: str) -> list[str]:
        return [
            r.listed(ref, f"{where}[{j}]", org_keys, "organisatie", "organisations")
            for j, ref in enumerate(r.array(value, where))
        ]

    people: set[str] = set()
    for i, item in enumerate(r.array(r.required(data, "participants", ""), "participants")):
        where = f"participants[{i}]"
        obj, key = r.identified(
            item, where, {"pseudonym", "role", "present", "organisations", "label"}, people
        )
        role_text = obj.get("role", "ouder")
        try:
            role = Role(role_text)
        except ValueError:
            raise r.fail(
                f"{where}.role",
                f"{_describe(role_text)} is geen rol; kies ouder, jongere, pleegouder of anders.",
            ) from None
        meeting.participants.append(
            Participant(
                key=key,
                pseudonym=r.text(
                    r.required(obj, "pseudonym", where),
                    f"{where}.pseudonym",
                    multiline=False,
                    allow_empty=False,
                ),
                role=role,
                present=r.boolean(obj.get("present", True), f"{where}.present"),
                organisations=org_list(obj.get("organisations", []), f"{where}.organisations"),
                label=r.text(obj.get("label", ""), f"{where}.label", multiline=False),
            )
        )

    question_keys: set[str] = set()
    for i, item in enumerate(r.array(r.required(data, "questions", ""), "questions")):
        where = f"questions[{i}]"
        obj, key = r.identified(item, where, {"text"}, question_keys)
        text = r.text(r.required(obj, "text", where), f"{where}.text", multiline=False)
        meeting.questions.append(Question(key=key, text=text))

    remark_ids: dict[str, int] = {}
    seen_remarks: set[str] = set()
    for i, item in enumerate(r.array(r.required(data, "remarks", ""), "remarks")):
        where = f"remarks[{i}]"
        obj, file_id = r.identified(item, where, _REMARK_FIELDS, seen_remarks)
        remark_ids[file_id] = i + 1
        participant = r.reference(
            obj.get("participant"), f"{where}.participant", people, "deelnemer", "participants"
        )
        question = r.reference(
            obj.get("question"), f"{where}.question", question_keys, "vraag", "questions"
        )
        kind_text = obj.get("kind", "note")
        try:
            kind = Kind(kind_text)
        except ValueError:
            raise r.fail(
                f"{where}.kind",
                f"{_describe(kind_text)} is geen soort; kies note, positive, improvement of wish.",
            ) from None
        meeting.remarks.append(
            Remark(
                id=i + 1,
                at=r.timestamp(r.required(obj, "at", where), f"{where}.at"),
                text=r.text(r.required(obj, "text", where), f"{where}.text"),
                kind=kind,
                participant=participant,
                organisations=org_list(obj.get("organisations", []), f"{where}.organisations"),
                question=question,
                starred=r.boolean(obj.get("starred", False), f"{where}.starred"),
                private=r.boolean(obj.get("private", False), f"{where}.private"),
            )
        )

    meeting.outcome = _parse_outcome(
        r, r.obj(r.required(data, "outcome", ""), "outcome"), remark_ids, later
    )
    return ParsedMeeting(meeting=meeting, warnings=warnings)


def _parse_setup(r: _Reader, obj: dict[str, Any], follow_up: bool) -> Meeting:
    r.unknown(obj, _MEETING_FIELDS | ({"cycle"} if follow_up else set()), "meeting")
    topic = r.text(
        r.required(obj, "topic", "meeting"), "meeting.topic", multiline=False, allow_empty=False
    )
    date_text = r.required(obj, "date", "meeting")
    try:
        if not isinstance(date_text, str):
            raise ValueError
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise r.fail(
            "meeting.date",
            f"{_describe(date_text)} is geen bestaande datum (verwacht JJJJ-MM-DD).",
        ) from None
    start = obj.get("start")
    start_time = None
    if start not in (None, ""):
        try:
            if not isinstance(start, str):
                raise ValueError
            start_time = dt.time.fromisoformat(start)
        except ValueError:
            raise r.fail(
                "meeting.start", f"{_describe(start)} is geen tijd (verwacht UU:MM)."
            ) from None
    invited = obj.get("invited")
    if invited is not None and (
        not isinstance(invited, int) or isinstance(invited, bool) or invited < 0
    ):
        raise r.fail(
            "meeting.invited", f"verwacht een aantal (0 of meer), vond {_describe(invited)}."
        )
    facilitators = [
        r.text(f, f"meeting.facilitators[{i}]", multiline=False)
        for i, f in enumerate(r.array(obj.get("facilitators", []), "meeting.facilitators"))
    ]
    return Meeting(
        topic=topic,
        date=date,
        start=start_time,
        location=r.text(obj.get("location", ""), "meeting.location", multiline=False),
        introduction=r.text(obj.get("introduction", ""), "meeting.introduction"),
        invited=invited,
        facilitators=facilitators,
        listeners=r.text(obj.get("listeners", ""), "meeting.listeners"),
    )


def _parse_outcome(
    r: _Reader, obj: dict[str, Any], remark_ids: dict[str, int], later: FollowUpReader | None
) -> Outcome:
    extra = OUTCOME_FIELDS if later else set()
    r.unknown(
        obj, {"key_points", "produced", "input_follow_up", "follow_up_meeting"} | extra, "outcome"
    )
    points = []
    for i, item in enumerate(
        r.array(r.required(obj, "key_points", "outcome"), "outcome.key_points")
    ):
        where = f"outcome.key_points[{i}]"
        point = r.obj(item, where)
        r.unknown(point, {"text", "remarks"} | (KEY_POINT_FIELDS if later else set()), where)
        refs = [
            remark_ids[
                r.listed(ref, f"{where}.remarks[{j}]", set(remark_ids), "opmerking", "remarks")
            ]
            for j, ref in enumerate(r.array(point.get("remarks", []), f"{where}.remarks"))
        ]
        text = r.text(r.required(point, "text", where), f"{where}.text")
        points.append(KeyPoint(text=text, remarks=refs))
        if later is not None:
            later.key_point(points[-1], point, where)
    outcome = Outcome(
        key_points=points,
        **{
            name: r.text(r.required(obj, name, "outcome"), f"outcome.{name}")
            for name in ("produced", "input_follow_up", "follow_up_meeting")
        },
    )
    if later is not None:
        later.outcome(outcome, obj)
    return outcome


def meeting_to_dict(
    meeting: Meeting, *, include_private: bool = False, include_labels: bool = False
) -> dict[str, Any]:
    """The meeting as a version-2 meeting file. Deleted remarks are left out.

    Safe to share by default: private remarks are left out and every local label in
    the texts is replaced by its pseudonym, as in a document. ``include_private``
    keeps private remarks (flagged); ``include_labels`` writes the labels and leaves
    the texts as typed. Both are deliberate choices of the person exporting, e.g. to
    move a meeting to their own other computer or to a second note-taker.
    """
    from spiegel_tui.export.labels import label_scrubber

    keep = (lambda text: text) if include_labels else label_scrubber(meeting)
    remarks = [r for r in meeting.live_remarks() if include_private or not r.private]
    deleted = {r.id for r in meeting.remarks if r.deleted}
    # A held point (its remark turned private or was deleted after it was made) stays
    # out, as in a document. With the private remarks it travels, linked to them, so
    # the copy holds it again; a deleted remark's text never travels.
    points = [
        k
        for k in meeting.outcome.key_points
        if not k.held_by or (include_private and not deleted.intersection(k.held_by))
    ]
    later = FollowUpWriter(keep)
    file_ids = {r.id: f"r{n}" for n, r in enumerate(remarks, start=1)}
    participants = []
    for p in meeting.participants:
        item: dict[str, Any] = {
            "id": p.key,
            "pseudonym": p.pseudonym,
            "role": str(p.role),
            "present": p.present,
            "organisations": list(p.organisations),
        }
        if include_labels and p.label:
            item["label"] = p.label
        participants.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "meeting": {
            "topic": keep(meeting.topic),
            "date": meeting.date.isoformat(),
            "start": meeting.start.strftime("%H:%M") if meeting.start else None,
            "location": keep(meeting.location),
            "introduction": keep(meeting.introduction),
            "invited": meeting.invited,
            "facilitators": [keep(f) for f in meeting.facilitators],
            "listeners": keep(meeting.listeners),
            "cycle": cycle_to_dict(meeting.cycle),
        },
        "organisations": [{"id": o.key, "name": keep(o.name)} for o in meeting.organisations],
        "participants": participants,
        "questions": [{"id": q.key, "text": keep(q.text)} for q in meeting.questions],
        "remarks": [
            {
                "id": file_ids[r.id],
                "at": r.at.isoformat(),
                "participant": r.participant,
                "organisations": list(r.organisations),
                "question": r.question,
                "text": keep(r.text),
                "kind": str(r.kind),
                "starred": r.starred,
                "private": r.private,
            }
            for r in remarks
        ],
        "outcome": {
            "key_points": [
                {
                    "text": keep(k.text),
                    "remarks": [file_ids[i] for i in k.remarks if i in file_ids],
                    **later.key_point(k),
                }
                for k in points
            ],
            "produced": keep(meeting.outcome.produced),
            "input_follow_up": keep(meeting.outcome.input_follow_up),
            "follow_up_meeting": keep(meeting.outcome.follow_up_meeting),
            "debrief_notes": keep(meeting.outcome.debrief_notes),
            "letter": keep(meeting.outcome.letter),
        },
    }


def meeting_to_json(
    meeting: Meeting, *, include_private: bool = False, include_labels: bool = False
) -> str:
    data = meeting_to_dict(meeting, include_private=include_private, include_labels=include_labels)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
