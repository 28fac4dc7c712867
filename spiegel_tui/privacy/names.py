"""Person names and place names, from word lists and the words around them.

Dutch writes proper nouns with a capital and little else, so a capitalised word in
the middle of a sentence that is a listed first name or surname is taken for a name,
and an unlisted one after a cue ("jeugdbeschermer Natasja", "mevrouw De Vries"). At
the start of a sentence, where every word has a capital, only a listed first name
that is not also a common word counts. Spans the meeting protects (organisation
names, aliases, pseudonyms) are walls: a name never runs into "Veilig Thuis".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spiegel_tui.privacy.findings import FindingKind
from spiegel_tui.privacy.lookup import Lookup
from spiegel_tui.privacy.spans import Spans
from spiegel_tui.privacy.words import (
    CHILD_WORDS,
    NAME_CUES,
    NEVER_NAMES,
    PLACE_PREPOSITIONS,
    POSSESSIVES,
)

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*\.?|'t\b", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;•\n\-–—(\"“‘]\s*$")
_INITIAL = re.compile(r"^[A-Z]\.$|^[A-Z]\.[A-Z]\.(?:[A-Z]\.)*$")
# An interfix may be capitalised after a cue: "mevrouw De Vries", "meneer Van Dam".
_MAX_INTERFIX = 3
_MAX_PLACE = 5


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool
    blocked: bool

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def shouted(self) -> bool:
        """All capitals ("NATASJA", "OTS"): a name only if the lists know it."""
        return len(self.bare) > 1 and self.bare.isupper()

    @property
    def form(self) -> str:
        """The word as the lists spell it."""
        return self.bare.capitalize() if self.shouted else self.bare

    @property
    def lower(self) -> str:
        return self.bare.casefold()


def tokens(text: str, blocked: Spans) -> list[Token]:
    out = []
    previous_end = -1
    for m in _WORD.finditer(text):
        start, end = m.start(), m.end()
        word = m.group()
        # A full stop belongs to the word only for initials and abbreviations.
        if word.endswith(".") and not (_INITIAL.match(word) or word[:-1].casefold() in NAME_CUES):
            word, end = word[:-1], end - 1
        # Only what lies between this word and the one before (linear in the text).
        gap = text[max(previous_end, 0) : start]
        sentence_start = previous_end < 0 or bool(_SENTENCE_END.search(gap))
        previous_end = end
        hit = blocked.overlaps(start, end)
        out.append(Token(word, start, end, sentence_start, hit))
    return out


def _place_at(toks: list[Token], i: int, lookup: Lookup) -> int:
    """How many tokens from ``i`` form a known place name (0: none)."""
    if not toks[i].capitalised:
        return 0
    for n in range(min(_MAX_PLACE, len(toks) - i), 0, -1):
        span = toks[i : i + n]
        if any(t.blocked for t in span) or not span[-1].capitalised:
            continue
        if tuple(t.lower for t in span) in lookup.places:
            return n
    return 0


def _listed(tok: Token, lookup: Lookup) -> tuple[bool, bool]:
    return lookup.is_first_name(tok.form), lookup.is_surname(tok.form)


def _interfix_run(toks: list[Token], i: int, lookup: Lookup) -> int:
    """Tokens from ``i`` that form an interfix ("van der", "De"), 0 if none."""
    for n in range(min(_MAX_INTERFIX, len(toks) - i), 0, -1):
        span = toks[i : i + n]
        if any(t.blocked for t in span):
            continue
        if " ".join(t.lower for t in span) in lookup.interfixes:
            return n
    return 0


def _name_word(tok: Token, lookup: Lookup) -> bool:
    """A capitalised word that may continue a name already started."""
    return (
        tok.capitalised
        and not tok.blocked
        and tok.lower not in NEVER_NAMES
        and (tok.form in lookup.surnames or (tok.lower not in lookup.common and not tok.shouted))
        and not tok.sentence_start
    )


def _extend(toks: list[Token], j: int, lookup: Lookup) -> int:
    """The index after the last token of a name whose last word so far is ``j - 1``."""
    while j < len(toks):
        if _name_word(toks[j], lookup):
            j += 1
            continue
        run = _interfix_run(toks, j, lookup)
        if run and j + run < len(toks) and _name_word(toks[j + run], lookup):
            j += run + 1
            continue
        break
    return j


def names_and_places(
    toks: list[Token], lookup: Lookup
) -> Iterator[tuple[FindingKind, int, int, bool]]:
    """``(kind, start, end, child)``: child is True for "mijn zoon Daan" spans."""
    i = 0
    while i < len(toks):
        tok = toks[i]
        prev = toks[i - 1] if i and not toks[i - 1].blocked else None
        cue = prev is not None and prev.lower in NAME_CUES
        if tok.blocked:
            i += 1
            continue
        # "mevrouw de Vries", "meneer Van Dam": an interfix right after a cue.
        if cue and (not tok.capitalised or tok.lower in lookup.interfixes):
            run = _interfix_run(toks, i, lookup)
            # "oma in Den Haag": a preposition before a place, not an interfix.
            if run and tok.lower in PLACE_PREPOSITIONS and _place_at(toks, i + run, lookup):
                run = 0
            if (
                run
                and i + run < len(toks)
                and toks[i + run].capitalised
                and not toks[i + run].blocked
            ):
                end = _extend(toks, i + run + 1, lookup)
                yield FindingKind.NAME, tok.start, toks[end - 1].end, False
                i = end
                continue
        if not tok.capitalised or tok.lower in NEVER_NAMES:
            i += 1
            continue
        # Initials: "J. de Vries", "A.B. Jansen".
        if _INITIAL.match(tok.text):
            run = _interfix_run(toks, i + 1, lookup)
            k = i + 1 + run
            if k < len(toks) and toks[k].capitalised and not toks[k].blocked:
                end = _extend(toks, k + 1, lookup)
                yield FindingKind.NAME, tok.start, toks[end - 1].end, False
                i = end
                continue
            i += 1
            continue
        first, sur = _listed(tok, lookup)
        place = _place_at(toks, i, lookup)
        common = tok.lower in lookup.common
        after_preposition = prev is not None and prev.lower in PLACE_PREPOSITIONS
        if place and (after_preposition or not (first or sur) or tok.sentence_start) and not cue:
            if not (tok.sentence_start and common and place == 1):
                yield FindingKind.PLACE, tok.start, toks[i + place - 1].end, False
            i += place
            continue
        is_name = (
            cue or ((first or sur) and not tok.sentence_start) or (tok.sentence_start and first)
        )
        if cue and (common or tok.shouted) and not (first or sur):
            is_name = False  # "mijn zoon Kwam" typed fast, "de voogd OTS": leave it.
        if not is_name:
            i += 1
            continue
        end = _extend(toks, i + 1, lookup)
        start = tok.start
        child = False
        if prev is not None and prev.lower in CHILD_WORDS:
            child = True
            start = prev.start
            before = toks[i - 2] if i >= 2 and not toks[i - 2].blocked else None
            if before is not None and before.lower in POSSESSIVES and before.end <= prev.start:
                start = before.start
        yield FindingKind.NAME, start, toks[end - 1].end, child
        i = end
