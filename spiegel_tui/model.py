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


class Recognition(StrEnum):
    """Did an organisation's listeners recognise a key point (in the debrief)?"""

    RECOGNISED = "recognised"
    PARTLY = "partly"
    NOT = "not"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return RECOGNITION_LABELS[self]


RECOGNITION_LABELS: dict[Recognition, str] = {
    Recognition.RECOGNISED: "herkend",
    Recognition.PARTLY: "deels herkend",
    Recognition.NOT: "niet herkend",
    Recognition.UNKNOWN: "onbekend",
}


class Decision(StrEnum):
    """What an organisation decided to do with a key point."""

    ACT = "act"
    ALREADY = "already"
    NO_ACTION = "no_action"
    UNDECIDED = "undecided"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS: dict[Decision, str] = {
    Decision.ACT: "gaat ermee aan de slag",
    Decision.ALREADY: "is er al mee bezig",
    Decision.NO_ACTION: "doet er niets mee",
    Decision.UNDECIDED: "nog niet besloten",
}


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return ACTION_STATUS_LABELS[self]


ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "open",
    ActionStatus.IN_PROGRESS: "bezig",
    ActionStatus.DONE: "gedaan",
    ActionStatus.DROPPED: "vervallen",
}


@dataclass
class ActionEvent:
    """One status change of an improvement action, with when and why."""

    at: dt.datetime
    status: ActionStatus
    note: str = ""


@dataclass
class Action:
    """An improvement action an organisation takes on a key point.

    ``owner`` is a team or a role, never a client. ``history`` holds every status
    change in order; when there is one, its last entry's status is ``status``.
    """

    text: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    history: list[ActionEvent] = field(default_factory=list)
    id: int | None = None


@dataclass
class Response:
    """One organisation's answer to one key point, from the debrief."""

    organisation: str
    recognition: Recognition = Recognition.UNKNOWN
    decision: Decision = Decision.UNDECIDED
    note: str = ""
    reason: str = ""
    actions: list[Action] = field(default_factory=list)


@dataclass
class KeyPoint:
    text: str
    remarks: list[int] = field(default_factory=list)
    id: int | None = None
    themes: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    #: The stored row's revision: a change names it and is refused when it moved on.
    revision: int = field(default=0, compare=False)
    #: Remarks behind the point that became private or were deleted since the
    #: note-taker last wrote or confirmed it: the point is held out of documents.
    held_by: list[int] = field(default_factory=list, compare=False)

    def response(self, organisation: str) -> Response | None:
        return next((r for r in self.responses if r.organisation == organisation), None)


@dataclass
class Outcome:
    key_points: list[KeyPoint] = field(default_factory=list)
    produced: str = ""
    input_follow_up: str = ""
    follow_up_meeting: str = ""
    #: Free notes of the debrief with the listeners (nabespreking).
    debrief_notes: str = ""
    #: The letter to the participants; empty: it may be drafted.
    letter: str = ""
    #: Revision of each stored text (and of the meeting's introduction) when loaded.
    revisions: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass
class Cycle:
    """The planned dates after the meeting: debrief, letter, report-back meeting."""

    debrief: dt.date | None = None
    letter: dt.date | None = None
    feedback_meeting: dt.date | None = None


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
    cycle: Cycle = field(default_factory=Cycle)
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
