"""The "Samenkracht!" outcome document as a list of blocks, shared by Word and Markdown.

The headings, their order and every fixed sentence live here once; the writers only
decide how a title, a heading, a paragraph or a bullet looks in their format. All text
is cleaned (control characters, lone surrogates) and scrubbed of the note-taker's
local labels before it leaves this module, so no writer can forget to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from spiegel_tui.export.labels import label_scrubber
from spiegel_tui.model import Kind, Meeting, Remark, dutch_long_date
from spiegel_tui.outcome.intro import draft_introduction
from spiegel_tui.textclean import clean_line, clean_text

TITLE = "Uitkomsten Samenkracht!-bijeenkomst"
DATE_LABEL = "Datum bijeenkomst"
TOPIC_LABEL = "Project/onderwerp"
Q_KEY_POINTS = (
    "Wat waren de belangrijkste opmerkingen en verbeterpunten die genoemd zijn door de deelnemers?"
)
Q_PRODUCED = "Wat heeft de bijeenkomst opgeleverd:"
Q_INPUT = "Wat gaat er met de input gebeuren en op welke termijn?"
Q_FOLLOW_UP = "Komt er een vervolg(bijeenkomst)?"
APPENDIX = "Bijlage: opmerkingen per organisatie"
GENERAL = "Algemeen"
#: Remarks about more than one organisation: listed once, naming them all.
SEVERAL = "Meerdere organisaties"
LOCATION_LABEL = "Locatie"
PARTICIPANTS_LABEL = "Deelnemers"
ORGANISATIONS_LABEL = "Organisaties"
#: The appendix lists per organisation; notes come last so nothing said is dropped.
KIND_SECTIONS: tuple[tuple[Kind, str], ...] = (
    (Kind.POSITIVE, "Positief"),
    (Kind.IMPROVEMENT, "Verbeterpunten"),
    (Kind.WISH, "Wensen"),
    (Kind.NOTE, "Overige opmerkingen"),
)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"  # the four questions, the appendix
    SUBHEADING = "subheading"  # an organisation in the appendix
    MINOR_HEADING = "minor_heading"  # Positief / Verbeterpunten / Wensen
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    INFO = "info"  # one "Label: value" line of the compact block under the title


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the document. ``text`` may hold ``\\n`` for a line break."""

    kind: BlockKind
    text: str
    #: Starts a new page (the appendix).
    new_page: bool = False


def info_blocks(meeting: Meeting, scrub: Callable[[str], str]) -> list[Block]:
    """The compact block: date, topic, location, who took part, the organisations."""
    present = len(meeting.present_participants)
    invited = max(meeting.invited_count, present)
    rows = [
        (DATE_LABEL, dutch_long_date(meeting.date)),
        (TOPIC_LABEL, scrub(clean_line(meeting.topic))),
        (LOCATION_LABEL, scrub(clean_line(meeting.location))),
        (PARTICIPANTS_LABEL, f"{present} van de {invited} uitgenodigden" if invited else ""),
        (
            ORGANISATIONS_LABEL,
            ", ".join(scrub(clean_line(o.name)) for o in meeting.organisations),
        ),
    ]
    return [Block(BlockKind.INFO, f"{label}: {value}") for label, value in rows if value.strip()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; single newlines stay as line breaks."""
    result = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n")]
        paragraph = "\n".join(lines).strip()
        if paragraph:
            result.append(paragraph)
    return result


def outcome_blocks(meeting: Meeting, *, appendix: bool = False) -> list[Block]:
    """The whole outcome document, in order, ready to be written."""
    scrub = label_scrubber(meeting)

    def paragraphs(text: str) -> list[Block]:
        return [Block(BlockKind.PARAGRAPH, p) for p in split_paragraphs(scrub(clean_text(text)))]

    introduction = meeting.introduction
    if not introduction.strip():
        introduction = draft_introduction(meeting)
    outcome = meeting.outcome

    blocks = [
        Block(BlockKind.TITLE, TITLE),
        *info_blocks(meeting, scrub),
        *paragraphs(introduction),
        Block(BlockKind.HEADING, Q_KEY_POINTS),
    ]
    for point in outcome.key_points:
        # A bullet is one paragraph: blank lines inside a key point become breaks.
        text = "\n".join(split_paragraphs(scrub(clean_text(point.text))))
        if text:
            blocks.append(Block(BlockKind.BULLET, text))
    for question, answer in (
        (Q_PRODUCED, outcome.produced),
        (Q_INPUT, outcome.input_follow_up),
        (Q_FOLLOW_UP, outcome.follow_up_meeting),
    ):
        blocks.append(Block(BlockKind.HEADING, question))
        blocks.extend(paragraphs(answer))
    if appendix:
        blocks.extend(appendix_blocks(meeting, scrub))
    return blocks


def appendix_blocks(meeting: Meeting, scrub: Callable[[str], str]) -> list[Block]:
    """Per organisation, then remarks about several organisations (each once, naming
    them), then "Algemeen": the public remarks grouped by kind. On a new page."""
    remarks = meeting.public_remarks()
    known = [org.key for org in meeting.organisations]

    def about(remark: Remark) -> list[str]:
        return [key for key in known if key in remark.organisations]

    groups: list[tuple[str, list[Remark]]] = [
        (org.name, [r for r in remarks if about(r) == [org.key]]) for org in meeting.organisations
    ]
    groups.append((SEVERAL, [r for r in remarks if len(about(r)) > 1]))
    groups.append((GENERAL, [r for r in remarks if not about(r)]))

    blocks = [Block(BlockKind.HEADING, APPENDIX, new_page=True)]
    for name, group in groups:
        if not group:
            continue
        blocks.append(Block(BlockKind.SUBHEADING, scrub(clean_line(name))))
        for kind, label in KIND_SECTIONS:
            items = [
                _remark_line(meeting, r, scrub, several=name == SEVERAL)
                for r in group
                if r.kind == kind
            ]
            items = [item for item in items if item]
            if items:
                blocks.append(Block(BlockKind.MINOR_HEADING, label))
                blocks.extend(Block(BlockKind.BULLET, item) for item in items)
    return blocks


def _remark_line(
    meeting: Meeting, remark: Remark, scrub: Callable[[str], str], *, several: bool = False
) -> str:
    text = "\n".join(split_paragraphs(scrub(clean_text(remark.text))))
    if not text:
        return ""
    if several:
        names = [scrub(clean_line(o.name)) for o in meeting.organisations
                 if o.key in remark.organisations]  # fmt: skip
        text = f"{text} ({', '.join(names)})"
    # Said by nobody in particular: no name in front, never a guess.
    participant = meeting.participant(remark.participant) if remark.participant else None
    if participant is None:
        return text
    return f"{clean_line(participant.pseudonym)}: {text}"
