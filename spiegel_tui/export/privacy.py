"""Keeping the note-taker's local labels for participants out of documents.

A label ("Marieke", "vader met rode jas") is how the note-taker recognises someone in
the room. Typed into a remark or a key point by habit, it would end up in a document
that goes to professionals. Exporters replace it with the pseudonym; the warnings tell
the note-taker beforehand where that will happen, so the text can be fixed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Meeting
from ..textclean import clean_line, clean_text

_EXCERPT = 40


def _label_pattern(meeting: Meeting) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for all labels (longest first) and label (casefolded) -> pseudonym."""
    pseudonyms: dict[str, str] = {}
    for participant in meeting.participants:
        label = " ".join(clean_line(participant.label).split())
        if label and label.casefold() != participant.pseudonym.casefold():
            pseudonyms.setdefault(label.casefold(), participant.pseudonym)
    if not pseudonyms:
        return None, pseudonyms
    # Any run of white space inside a label matches any other, so "Jan  de Vries" is
    # found across a line break too.
    alternatives = [
        r"\s+".join(re.escape(word) for word in label.split())
        for label in sorted(pseudonyms, key=len, reverse=True)
    ]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return pattern, pseudonyms


def _key(found: str) -> str:
    return " ".join(found.split()).casefold()


def label_scrubber(meeting: Meeting) -> Callable[[str], str]:
    """A function that replaces every local label in a text by its pseudonym."""
    pattern, pseudonyms = _label_pattern(meeting)
    if pattern is None:
        return lambda text: text

    def scrub(text: str) -> str:
        return pattern.sub(lambda m: pseudonyms.get(_key(m.group()), m.group()), text)

    return scrub


def label_warnings(meeting: Meeting) -> list[str]:
    """Dutch warnings for every text that would go into a document holding a label.

    Only the note-taker sees these, so they name the label itself.
    """
    pattern, pseudonyms = _label_pattern(meeting)
    if pattern is None:
        return []
    places: list[tuple[str, str]] = [
        ("Het onderwerp", meeting.topic),
        ("De inleiding", meeting.introduction),
    ]
    for remark in meeting.public_remarks():
        who = meeting.participant(remark.participant)
        name = who.pseudonym if who else "zonder deelnemer"
        excerpt = clean_line(remark.text)
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[:_EXCERPT].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        places.append((f"De opmerking van {remark.at:%H:%M} ({name}) “{excerpt}”", remark.text))
    for number, point in enumerate(meeting.outcome.key_points, start=1):
        places.append((f"Kernpunt {number}", point.text))
    outcome = meeting.outcome
    places += [
        ("De tekst bij ‘Wat heeft de bijeenkomst opgeleverd’", outcome.produced),
        ("De tekst bij ‘Wat gaat er met de input gebeuren’", outcome.input_follow_up),
        ("De tekst bij ‘Komt er een vervolg(bijeenkomst)’", outcome.follow_up_meeting),
    ]

    warnings = []
    for place, text in places:
        found: dict[str, str] = {}
        for match in pattern.finditer(clean_text(text)):
            found.setdefault(_key(match.group()), " ".join(match.group().split()))
        for key, label in found.items():
            pseudonym = pseudonyms[key]
            warnings.append(
                f"{place} bevat ‘{label}’, uw eigen aanduiding voor {pseudonym}. "
                f"In het document komt daar ‘{pseudonym}’ te staan."
            )
    return warnings
