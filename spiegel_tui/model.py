"""The domain model: plain typed classes, free of Textual and SQL.

Organisations, participants and questions are referred to by a short *key* that is
unique within their meeting ("vt", "p1", "q3"): the same keys the meeting file uses,
and the ones a note-taker types in the capture screen. Remarks are referred to by
their database id (``None`` until stored).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    NOTE = "note"
    POSITIVE = "positive"
    IMPROVEMENT = "improvement"
    WISH = "wish"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[Kind, str] = {
    Kind.NOTE: "notitie",
    Kind.POSITIVE: "positief",
    Kind.IMPROVEMENT: "verbeterpunt",
    Kind.WISH: "wens",
}


class Role(StrEnum):
    OUDER = "ouder"
    JONGERE = "jongere"
    PLEEGOUDER = "pleegouder"
    ANDERS = "anders"

    @property
    def pseudonym_stem(self) -> str:
        return ROLE_STEMS[self]


ROLE_STEMS: dict[Role, str] = {
    Role.OUDER: "Ouder",
    Role.JONGERE: "Jongere",
    Role.PLEEGOUDER: "Pleegouder",
    Role.ANDERS: "Deelnemer",
}


@dataclass
class Organisation:
    key: str
    name: str


@dataclass
class Participant:
    key: str
    pseudonym: str
    role: Role = Role.OUDER
    present: bool = True
    organisations: list[str] = field(default_factory=list)
    #: What the note-taker recognises this person by in the room. Local data:
    #: never written to a document or (unless asked) to a meeting file.
    label: str = ""


@dataclass
class Question:
    key: str
    text: str


@dataclass
class Remark:
    at: dt.datetime
    text: str
    kind: Kind = Kind.NOTE
    participant: str | None = None
    organisations: list[str] = field(default_factory=list)
    question: str | None = None
    starred: bool = False
    private: bool = False
    deleted: bool = False
    id: int | None = None


@dataclass
class KeyPoint:
    text: str
    remarks: list[int] = field(default_factory=list)
    id: int | None = None
    #: The stored row's revision: a change names it and is refused when it moved on.
    revision: int = field(default=0, compare=False)
    #: Remarks behind the point that became private or were deleted since the
    #: note-taker last wrote or confirmed it: the point is held out of documents.
    held_by: list[int] = field(default_factory=list, compare=False)


@dataclass
class Outcome:
    key_points: list[KeyPoint] = field(default_factory=list)
    produced: str = ""
    input_follow_up: str = ""
    follow_up_meeting: str = ""
    #: Revision of each stored text (and of the meeting's introduction) when loaded.
    revisions: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass
class Meeting:
    topic: str
    date: dt.date
    start: dt.time | None = None
    location: str = ""
    introduction: str = ""
    invited: int | None = None
    facilitators: list[str] = field(default_factory=list)
    listeners: str = ""
    organisations: list[Organisation] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)
    id: int | None = None

    # Lookups used by exporters and screens alike.

    def organisation(self, key: str) -> Organisation | None:
        return next((o for o in self.organisations if o.key == key), None)

    def participant(self, key: str | None) -> Participant | None:
        return next((p for p in self.participants if p.key == key), None)

    def question(self, key: str | None) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def remark(self, remark_id: int) -> Remark | None:
        return next((r for r in self.remarks if r.id == remark_id), None)

    @property
    def invited_count(self) -> int:
        return self.invited if self.invited is not None else len(self.participants)

    @property
    def present_participants(self) -> list[Participant]:
        return [p for p in self.participants if p.present]

    def live_remarks(self) -> list[Remark]:
        """Remarks not deleted, in capture order."""
        return [r for r in self.remarks if not r.deleted]

    def public_remarks(self) -> list[Remark]:
        """Remarks that may appear in a document: neither deleted nor private."""
        return [r for r in self.remarks if not r.deleted and not r.private]

    def local_labels(self) -> list[str]:
        return [p.label for p in self.participants if p.label.strip()]


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the meeting picker and of ``spiegel list``."""

    id: int
    date: dt.date
    topic: str
    remarks: int


DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_long_date(day: dt.date) -> str:
    """14 oktober 2021: the date as the outcome document writes it."""
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"
