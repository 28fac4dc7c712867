"""Merging a second note-taker's meeting file into an existing meeting.

Organisations are matched by name, participants by pseudonym and questions by text
(case and spacing ignored). A remark already present (same moment, same speaker,
same text) is skipped, so importing the same file twice adds nothing the second time.
Afterwards the remarks stand in time order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Meeting, Organisation, Participant, Question, Remark
from spiegel_tui.storage import MeetingStore


class MergeMismatchError(SpiegelError):
    """The file to merge is of another meeting (topic or date differ)."""


@dataclass
class MergeResult:
    added: int
    skipped: int
    #: In Dutch, one per text of the file that differed: kept here, taken or added.
    notices: list[str] = field(default_factory=list)


_TEXT_NAMES = {
    "introduction": "De inleiding",
    "produced": "Slottekst 1 (wat heeft de bijeenkomst opgeleverd)",
    "input_follow_up": "Slottekst 2 (wat gebeurt er met de input)",
    "follow_up_meeting": "Slottekst 3 (vervolgbijeenkomst)",
}


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _free_key(wanted: str | None, taken: set[str], stem: str) -> str:
    """``wanted`` if free, else the first free ``stem1``, ``stem2``, ..."""
    if wanted and wanted not in taken:
        return wanted
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


def _identity(remark: Remark, meeting: Meeting) -> tuple[dt.datetime, str, str]:
    person = meeting.participant(remark.participant)
    return (
        remark.at.astimezone(dt.UTC),
        _norm(person.pseudonym) if person else "",
        _norm(remark.text),
    )


def check_same_meeting(target: Meeting, incoming: Meeting) -> None:
    """Refuse (in Dutch) a file of another meeting: other topic or other date.

    Merging is for two note-takers of one meeting; a file of another meeting would mix
    two meetings' remarks for good. The CLI lets ``--force`` skip this check.
    """
    differences = []
    if _norm(target.topic) != _norm(incoming.topic):
        differences.append(f"onderwerp '{incoming.topic[:60]}' in plaats van '{target.topic[:60]}'")
    if target.date != incoming.date:
        differences.append(f"datum {incoming.date:%d-%m-%Y} in plaats van {target.date:%d-%m-%Y}")
    if differences:
        raise MergeMismatchError(
            "Dit bestand lijkt van een andere bijeenkomst: "
            + "; ".join(differences)
            + ". Niets samengevoegd. Weet u het zeker, gebruik dan --force."
        )


def merge_into(store: MeetingStore, meeting_id: int, incoming: Meeting) -> MergeResult:
    """Merge ``incoming`` into the stored meeting, all or nothing."""
    target = store.load_meeting(meeting_id)
    org_map = _merge_organisations(target, incoming)
    person_map = _merge_participants(target, incoming, org_map)
    question_map = _merge_questions(target, incoming)

    # Counted, not a set: two remarks alike in time, speaker and text are two remarks
    # (a participant repeating "Ja." in the same second); merging the same file twice
    # still adds nothing, merging a file with one more such copy adds that one.
    present = Counter(_identity(r, target) for r in target.remarks)
    new_remarks: list[Remark] = []
    local_to_new: dict[int, Remark] = {}
    skipped = 0
    for remark in incoming.remarks:
        identity = _identity(remark, incoming)
        if present[identity] > 0:
            present[identity] -= 1
            skipped += 1
            continue
        copy = Remark(
            at=remark.at,
            text=remark.text,
            kind=remark.kind,
            participant=person_map.get(remark.participant) if remark.participant else None,
            organisations=[org_map[k] for k in remark.organisations if k in org_map],
            question=question_map.get(remark.question) if remark.question else None,
            starred=remark.starred,
            private=remark.private,
        )
        new_remarks.append(copy)
        if remark.id is not None:
            local_to_new[remark.id] = copy

    notices = _introduction_notice(target, incoming)
    with store.transaction():
        store.save_setup(target)
        for remark in new_remarks:
            store.add_remark(meeting_id, remark)
        store.resequence_by_time(meeting_id)
        if _merge_outcome(target, incoming, local_to_new, notices):
            store.save_outcome(meeting_id, target.outcome)
    return MergeResult(added=len(new_remarks), skipped=skipped, notices=notices)


def _introduction_notice(target: Meeting, incoming: Meeting) -> list[str]:
    """The introduction is never merged: say so when the file's differs."""
    if incoming.introduction.strip() and _norm(incoming.introduction) != _norm(target.introduction):
        return [
            f"{_TEXT_NAMES['introduction']} in het bestand verschilt; de tekst hier is "
            "gehouden, die uit het bestand is niet overgenomen."
        ]
    return []


def _merge_organisations(target: Meeting, incoming: Meeting) -> dict[str, str]:
    by_name = {_norm(o.name): o.key for o in target.organisations}
    mapping: dict[str, str] = {}
    for org in incoming.organisations:
        if _norm(org.name) in by_name:
            mapping[org.key] = by_name[_norm(org.name)]
            continue
        key = _free_key(org.key, {o.key for o in target.organisations}, org.key)
        target.organisations.append(Organisation(key=key, name=org.name))
        by_name[_norm(org.name)] = mapping[org.key] = key
    return mapping


def _merge_participants(
    target: Meeting, incoming: Meeting, org_map: dict[str, str]
) -> dict[str, str]:
    by_name = {_norm(p.pseudonym): p for p in target.participants}
    mapping: dict[str, str] = {}
    for person in incoming.participants:
        known = by_name.get(_norm(person.pseudonym))
        orgs = [org_map[k] for k in person.organisations if k in org_map]
        if known is not None:
            known.organisations = list(dict.fromkeys(known.organisations + orgs))
            known.present = known.present or person.present
            mapping[person.key] = known.key
            continue
        key = _free_key(None, {p.key for p in target.participants}, "p")
        added = Participant(
            key=key,
            pseudonym=person.pseudonym,
            role=person.role,
            present=person.present,
            organisations=orgs,
            label=person.label,
        )
        target.participants.append(added)
        by_name[_norm(person.pseudonym)] = added
        mapping[person.key] = key
    return mapping


def _merge_questions(target: Meeting, incoming: Meeting) -> dict[str, str]:
    by_text = {_norm(q.text): q.key for q in target.questions}
    mapping: dict[str, str] = {}
    for question in incoming.questions:
        if _norm(question.text) not in by_text:
            key = _free_key(None, {q.key for q in target.questions}, "q")
            target.questions.append(Question(key=key, text=question.text))
            by_text[_norm(question.text)] = key
        mapping[question.key] = by_text[_norm(question.text)]
    return mapping


def _merge_outcome(
    target: Meeting, incoming: Meeting, local_to_new: dict[int, Remark], notices: list[str]
) -> bool:
    """Add key points not yet there; fill closing texts that are still empty.

    Every difference goes into ``notices`` (by number and name, never the text, which
    may hold a name).
    """
    changed = False
    texts = {_norm(k.text) for k in target.outcome.key_points}
    for point in incoming.outcome.key_points:
        if _norm(point.text) in texts:
            continue
        sources = [local_to_new[i].id for i in point.remarks if i in local_to_new]
        target.outcome.key_points.append(
            KeyPoint(text=point.text, remarks=[i for i in sources if i is not None])
        )
        texts.add(_norm(point.text))
        changed = True
        notices.append(
            f"Kernpunt {len(target.outcome.key_points)} komt uit het bestand: zo stond het "
            "hier niet (nieuw of anders geformuleerd). Kijk bij Afronden of het een ander "
            "kernpunt dubbelt."
        )
    for name in ("produced", "input_follow_up", "follow_up_meeting"):
        here, there = getattr(target.outcome, name), getattr(incoming.outcome, name)
        if not there.strip() or _norm(here) == _norm(there):
            continue
        if not here.strip():
            setattr(target.outcome, name, there)
            changed = True
            notices.append(f"{_TEXT_NAMES[name]} was hier leeg en komt uit het bestand.")
        else:
            notices.append(
                f"{_TEXT_NAMES[name]} in het bestand verschilt; de tekst hier is gehouden, "
                "die uit het bestand is niet overgenomen."
            )
    return changed
