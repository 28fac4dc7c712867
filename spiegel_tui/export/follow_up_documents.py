"""The documents after the meeting, as blocks: the letter and the report-back.

Like the outcome document (``samenkracht.py``) every text is cleaned and scrubbed of
local labels here, and no remark is quoted: the letter and the report-back are made
of key points, decisions and actions only, so a private remark cannot reach them.
Key points held back for a remark that turned private are left out.
"""

from __future__ import annotations

from collections.abc import Callable

from spiegel_tui.errors import ExportError
from spiegel_tui.export.labels import label_scrubber
from spiegel_tui.export.samenkracht import Block, BlockKind, info_blocks, split_paragraphs
from spiegel_tui.model import Meeting, Response, dutch_long_date
from spiegel_tui.outcome.follow_up_draft import (
    decision_sentence,
    draft_letter,
    organisations_of,
    points_for,
)
from spiegel_tui.textclean import clean_line, clean_text

LETTER_TITLE = "Brief aan de deelnemers"
FEEDBACK_TITLE = "Terugkoppeling: wat u ons vertelde, wat we deden"
ORGANISATION_LABEL = "Organisatie"
FEEDBACK_INTRO = (
    "In de bijeenkomst vertelden de deelnemers wat zij hebben meegemaakt. Hieronder staat "
    "per kernpunt wat zij ons vertelden, wat elke organisatie besloot en wat er sindsdien "
    "is gedaan."
)
NO_ANSWER = "Nog geen antwoord van deze organisatie."
NO_ANSWERS = "Nog geen antwoord van de organisaties."


def check_organisation(meeting: Meeting, organisation: str | None) -> None:
    """Refuse, in Dutch, an organisation code that is not one of the meeting's."""
    if organisation is None or meeting.organisation(organisation) is not None:
        return
    codes = ", ".join(o.key for o in meeting.organisations) or "geen"
    raise ExportError(
        f"Veld 'org': organisatie '{organisation}' hoort niet bij deze bijeenkomst; "
        f"kies uit {codes}."
    )


def _header(
    meeting: Meeting, title: str, organisation: str | None, scrub: Callable[[str], str]
) -> list[Block]:
    blocks = [Block(BlockKind.TITLE, title), *info_blocks(meeting, scrub)]
    org = meeting.organisation(organisation) if organisation else None
    if org is not None:
        blocks.append(Block(BlockKind.INFO, f"{ORGANISATION_LABEL}: {scrub(clean_line(org.name))}"))
    return blocks


def letter_blocks(meeting: Meeting, organisation: str | None = None) -> list[Block]:
    """The letter to all participants together: the note-taker's text, or a draft
    from the outcome and the decisions when there is none (always a draft for one
    organisation's part: the typed letter speaks for all)."""
    check_organisation(meeting, organisation)
    scrub = label_scrubber(meeting)
    text = meeting.outcome.letter
    if not text.strip() or organisation is not None:
        text = draft_letter(meeting, organisation, scrub)
    blocks = _header(meeting, LETTER_TITLE, organisation, scrub)
    for paragraph in split_paragraphs(scrub(clean_text(text))):
        lines = paragraph.split("\n")
        lead = [line for line in lines if not line.startswith("- ")]
        items = [line[2:].strip() for line in lines if line.startswith("- ")]
        if lead:
            blocks.append(Block(BlockKind.PARAGRAPH, "\n".join(lead)))
        blocks.extend(Block(BlockKind.BULLET, item) for item in items if item)
    return blocks


def feedback_blocks(meeting: Meeting, organisation: str | None = None) -> list[Block]:
    """The report-back: per key point, per organisation, the decision and every action
    with its status and latest note."""
    check_organisation(meeting, organisation)
    scrub = label_scrubber(meeting)

    def text(value: str) -> str:
        return " ".join(scrub(clean_text(value)).split())

    blocks = _header(meeting, FEEDBACK_TITLE, organisation, scrub)
    blocks.append(Block(BlockKind.PARAGRAPH, FEEDBACK_INTRO))
    orgs = organisations_of(meeting, organisation)
    for number, point in enumerate(points_for(meeting, organisation), start=1):
        blocks.append(Block(BlockKind.HEADING, f"Kernpunt {number}"))
        told = "\n".join(split_paragraphs(scrub(clean_text(point.text))))
        blocks.append(Block(BlockKind.PARAGRAPH, f"Wat u ons vertelde: {told}"))
        if point.themes:
            themes = ", ".join(scrub(clean_line(t)) for t in point.themes)
            blocks.append(Block(BlockKind.PARAGRAPH, f"Thema's: {themes}"))
        answered = [o for o in orgs if point.response(o.key) is not None]
        if organisation is None and not answered:
            blocks.append(Block(BlockKind.PARAGRAPH, NO_ANSWERS))
        for org in answered if organisation is None else orgs:
            name = scrub(clean_line(org.name))
            blocks.append(Block(BlockKind.SUBHEADING, name))
            response = point.response(org.key)
            if response is None:
                blocks.append(Block(BlockKind.PARAGRAPH, NO_ANSWER))
                continue
            blocks.extend(_response_blocks(name, response, text))
    return blocks


def _response_blocks(name: str, response: Response, text: Callable[[str], str]) -> list[Block]:
    said = [f"Herkenning: {response.recognition.label}."]
    note = text(response.note)
    if note:
        said.append(f"Wat de toehoorders zeiden: {note}")
    blocks = [
        Block(BlockKind.PARAGRAPH, " ".join(said)),
        Block(
            BlockKind.PARAGRAPH,
            "Besluit: " + decision_sentence(name, response.decision, text(response.reason)),
        ),
    ]
    if response.actions:
        blocks.append(Block(BlockKind.MINOR_HEADING, "Wat we deden"))
    for action in response.actions:
        parts = [text(action.text)]
        details = [f"status: {action.status.label}"]
        if action.owner.strip():
            details.append(f"wie: {text(action.owner)}")
        if action.due is not None:
            details.append(f"klaar vóór {dutch_long_date(action.due)}")
        parts.append(f"({'; '.join(details)})")
        latest = next((e for e in reversed(action.history) if e.note.strip()), None)
        if latest is not None:
            day = dutch_long_date(latest.at.date())
            # On a line of its own within the bullet: what happened since.
            parts[-1] += f"\nLaatste stand ({day}): {text(latest.note)}"
        blocks.append(Block(BlockKind.BULLET, " ".join(p for p in parts if p)))
    return blocks
