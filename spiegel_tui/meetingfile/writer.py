"""Writing a meeting file: the meeting as JSON, without private remarks or local
labels unless asked for."""

from __future__ import annotations

import json
from typing import Any

from spiegel_tui.meetingfile.followup import (
    FollowUpWriter,
    cycle_to_dict,
)
from spiegel_tui.meetingfile.version import FORMAT, VERSION
from spiegel_tui.model import (
    Meeting,
)


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
