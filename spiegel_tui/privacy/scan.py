"""The check itself: every text, every detector, one list of findings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spiegel_tui.privacy import lookup as lookup_lists
from spiegel_tui.privacy.findings import (
    CHILD_REPLACEMENT,
    REPLACEMENTS,
    Finding,
    FindingKind,
    Text,
    Vocabulary,
)
from spiegel_tui.privacy.names import names_and_places, tokens
from spiegel_tui.privacy.patterns import addresses, structured
from spiegel_tui.privacy.spans import Spans

# When two findings overlap, the lower number wins (then the longer one).
_PRIORITY = {
    FindingKind.LOCAL_LABEL: 0,
    FindingKind.EMAIL: 1,
    FindingKind.BSN: 2,
    FindingKind.PHONE: 3,
    FindingKind.POSTCODE: 4,
    FindingKind.DATE: 5,
    FindingKind.CASE_NUMBER: 6,
    FindingKind.ADDRESS: 7,
    FindingKind.SCHOOL: 8,
    FindingKind.AGE: 9,
    FindingKind.NAME: 10,
    FindingKind.PLACE: 11,
}


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word, any case, any white space between words; longest first."""
    words = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = [r"\s+".join(re.escape(w) for w in p.split()) for p in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


class Scanner:
    """Compiled once per vocabulary; ``scan_text`` per text."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.lookup = lookup_lists.load()
        self.vocabulary = vocabulary
        self.protected = _phrase_pattern(vocabulary.protected)
        # A label that is its own pseudonym is no secret (the exporters skip it too).
        self.pseudonym_of = {
            " ".join(label.split()).casefold(): pseudonym
            for label, pseudonym in vocabulary.labels.items()
            if " ".join(label.split()).casefold() != " ".join(pseudonym.split()).casefold()
        }
        self.labels = _phrase_pattern(self.pseudonym_of)

    def scan_text(self, item: Text) -> list[Finding]:
        text = item.text
        candidates: list[tuple[FindingKind, int, int, str]] = []
        if self.labels is not None:
            for m in self.labels.finditer(text):
                pseudonym = self.pseudonym_of.get(" ".join(m.group().split()).casefold())
                candidates.append(
                    (
                        FindingKind.LOCAL_LABEL,
                        m.start(),
                        m.end(),
                        pseudonym or REPLACEMENTS[FindingKind.LOCAL_LABEL],
                    )
                )
        blocked = (
            Spans(m.span() for m in self.protected.finditer(text)) if self.protected else Spans()
        )

        def free(start: int, end: int) -> bool:
            return not blocked.overlaps(start, end)

        for kind, start, end in structured(text):
            if free(start, end):
                candidates.append((kind, start, end, REPLACEMENTS[kind]))
        toks = tokens(text, blocked)
        for start, end, numbered in addresses(text):
            if not free(start, end):
                continue
            street = text[start:end]
            words = tuple(street.casefold().split())
            known = words in self.lookup.places or (
                len(words) == 1
                and (self.lookup.is_surname(street) or self.lookup.is_first_name(street))
            )
            if numbered or not known:
                candidates.append(
                    (FindingKind.ADDRESS, start, end, REPLACEMENTS[FindingKind.ADDRESS])
                )
        for kind, start, end, child in names_and_places(toks, self.lookup):
            replacement = CHILD_REPLACEMENT if child else REPLACEMENTS[kind]
            candidates.append((kind, start, end, replacement))
        return self._settle(item.id, text, candidates)

    @staticmethod
    def _settle(
        text_id: str, text: str, candidates: list[tuple[FindingKind, int, int, str]]
    ) -> list[Finding]:
        chosen: list[tuple[FindingKind, int, int, str]] = []
        taken = Spans()
        for cand in sorted(candidates, key=lambda c: (_PRIORITY[c[0]], c[1] - c[2], c[1])):
            _, start, end, _ = cand
            if start < end and not taken.overlaps(start, end):
                taken.add(start, end)
                chosen.append(cand)
        chosen.sort(key=lambda c: c[1])
        return [Finding(kind, text_id, s, e, text[s:e], rep) for kind, s, e, rep in chosen]


def scan(texts: Iterable[Text], vocabulary: Vocabulary | None = None) -> list[Finding]:
    """Every finding in ``texts``, in text order, then position."""
    scanner = Scanner(vocabulary or Vocabulary())
    return [finding for item in texts for finding in scanner.scan_text(item)]
