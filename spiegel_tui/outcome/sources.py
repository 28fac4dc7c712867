"""What the key points are made from: the remarks worth a second look, grouped.

Free of Textual. A *source* is a remark that was starred, or that is a positive, an
improvement point or a wish (plain notes only when starred). Sources are grouped by
organisation, in the meeting's order, the way the outcome document's appendix groups
them; a remark about two organisations appears under both. Private remarks form a
group of their own at the end: they may be read here but never reach a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from spiegel_tui.export.samenkracht import GENERAL
from spiegel_tui.model import Kind, Meeting, Remark

#: Kind filter values besides a Kind: everything, or only the starred remarks.
ALL = None
STARRED = "starred"
#: Participant filter value for remarks said by nobody in particular.
NOBODY = ""

KIND_CHOICES: tuple[str | None, ...] = (
    ALL,
    STARRED,
    Kind.IMPROVEMENT.value,
    Kind.POSITIVE.value,
    Kind.WISH.value,
)
_KIND_CHOICE_LABELS = {
    ALL: "alles",
    STARRED: "belangrijk",
    Kind.IMPROVEMENT.value: "verbeterpunten",
    Kind.POSITIVE.value: "positief",
    Kind.WISH.value: "wensen",
}

T = TypeVar("T")

PRIVATE_GROUP = "Vertrouwelijk: komt nooit in het document"
GENERAL_KEY = "-algemeen"
PRIVATE_KEY = "-vertrouwelijk"


def is_source(remark: Remark) -> bool:
    return not remark.deleted and (remark.starred or remark.kind != Kind.NOTE)


@dataclass(frozen=True)
class SourceFilter:
    kind: str | None = ALL
    participant: str | None = None  # None: everyone; NOBODY; or a participant key

    def matches(self, remark: Remark) -> bool:
        if self.kind == STARRED and not remark.starred:
            return False
        if self.kind not in (ALL, STARRED) and remark.kind != self.kind:
            return False
        if self.participant is None:
            return True
        return (remark.participant or NOBODY) == self.participant

    @property
    def active(self) -> bool:
        return self.kind is not ALL or self.participant is not None


def kind_choice_label(choice: str | None) -> str:
    return _KIND_CHOICE_LABELS[choice]


def participant_choices(meeting: Meeting) -> list[str | None]:
    """Everyone, each participant who said something worth a look, and 'nobody'."""
    sources = [r for r in meeting.remarks if is_source(r)]
    speakers = {r.participant for r in sources}
    choices: list[str | None] = [None]
    choices += [p.key for p in meeting.participants if p.key in speakers]
    if None in speakers:
        choices.append(NOBODY)
    return choices


def participant_choice_label(meeting: Meeting, choice: str | None) -> str:
    if choice is None:
        return "iedereen"
    if choice == NOBODY:
        return "zonder deelnemer"
    person = meeting.participant(choice)
    return person.pseudonym if person else choice


def next_choice(choices: Sequence[T], current: T) -> T:
    """The choice after ``current``, wrapping round; the first if it is gone."""
    try:
        return choices[(list(choices).index(current) + 1) % len(choices)]
    except ValueError:
        return choices[0]


@dataclass(frozen=True)
class SourceGroup:
    key: str  # an organisation key, GENERAL_KEY or PRIVATE_KEY
    title: str
    remarks: list[Remark]

    @property
    def private(self) -> bool:
        return self.key == PRIVATE_KEY


def source_groups(meeting: Meeting, flt: SourceFilter | None = None) -> list[SourceGroup]:
    """Non-empty groups of sources matching ``flt``, each in capture order."""
    flt = flt or SourceFilter()
    sources = [r for r in meeting.remarks if is_source(r) and flt.matches(r)]
    public = [r for r in sources if not r.private]
    groups = [
        SourceGroup(org.key, org.name, [r for r in public if org.key in r.organisations])
        for org in meeting.organisations
    ]
    known = {org.key for org in meeting.organisations}
    groups.append(
        SourceGroup(
            GENERAL_KEY, GENERAL, [r for r in public if not known.intersection(r.organisations)]
        )
    )
    groups.append(SourceGroup(PRIVATE_KEY, PRIVATE_GROUP, [r for r in sources if r.private]))
    return [g for g in groups if g.remarks]
