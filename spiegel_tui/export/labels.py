"""Keeping the note-taker's local labels for participants out of documents.

A label ("Marieke", "vader met rode jas") is how the note-taker recognises someone in
the room. Typed into a remark or a key point by habit, it would end up in a document
that goes to professionals. Exporters replace it with the pseudonym; the warnings tell
the note-taker beforehand where that will happen, so the text can be fixed by hand.

A label is found however it is spelled: in another case (also where case folding
changes the length: "Straße", "İlker"), with or without accents (composed or not),
with zero-width or other invisible characters inside (every default-ignorable code
point: joiners, variation selectors, Hangul fillers), split by a hyphen or a no-break
space, followed by a digit or underscore, in fullwidth letters, small capitals or with
Cyrillic or Greek look-alike letters, and with a Dutch ending ("Jansens", "Anna's",
"Jantje", "Bobbie"). Matching runs on a folded copy of the text that remembers, for
every folded character, the original character it came from; the replacement is made
in the original text, so everything around a label stays as it was typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from spiegel_tui.model import Meeting
from spiegel_tui.textclean import clean_line, clean_text

_EXCERPT = 40

# Letters from other scripts that look like Latin ones (the Unicode "confusables" that
# matter for names written in Latin letters), mapped to the Latin letter they imitate.
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ӏ": "l",
        "А": "a", "В": "b", "Е": "e", "Ё": "e", "К": "k", "М": "m", "Н": "h", "О": "o",
        "Р": "p", "С": "c", "Т": "t", "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ї": "i",
        "Ј": "j", "Һ": "h", "Ԁ": "d", "Ԛ": "q", "Ԝ": "w", "Ӏ": "l",
        # Greek
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
        "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
        "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
        # Latin letters that read as others: dotless i, long s, small capitals.
        "ı": "i", "ſ": "s", "ɪ": "i", "ʟ": "l", "ɴ": "n", "ʀ": "r", "ᴀ": "a", "ᴇ": "e",
        "ᴏ": "o", "ᴜ": "u", "ꜱ": "s", "ᴛ": "t", "ᴍ": "m", "ᴋ": "k", "ʜ": "h", "ʙ": "b",
        "ᴄ": "c", "ᴅ": "d", "ꜰ": "f", "ɢ": "g", "ᴊ": "j", "ᴘ": "p", "ǫ": "q", "ᴠ": "v",
        "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ᴌ": "l", "ᴎ": "n",
        # Apostrophes and hyphens of every kind read as the plain one.
        "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
    }
)  # fmt: skip

# Dutch endings a name takes: plural and possessive (-s, -'s, -en, -es, -sen), and the
# diminutive (-je, -tje, -pje, -kje, -etje, -ie, -y) with its plural (-jes, ...).
# "Jansens kinderen", "de Jansens", "Anna's fiets", "Jantje", "Bobbie".
_ENDINGS = r"'?(?:s|en|es|n|je|jes|tje|tjes|pje|pjes|kje|kjes|etje|etjes|ie|ies|y)"


# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15):
# characters a text shows as nothing. Most are format characters (category Cf), but not
# the grapheme joiner, the variation selectors and the Hangul fillers: those hid a label.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip

#: What a hyphen or a no-break space inside a word folds to: the pattern lets it stand
#: between any two letters of a label ("Jan-sen", "Jan\u00a0sen") and between its words.
_JOIN = "\x00"
_NO_BREAK_SPACES = "\u00a0\u2007\u202f"


def is_invisible(char: str) -> bool:
    """True for a character shown as nothing (format character or default-ignorable)."""
    if unicodedata.category(char) == "Cf":
        return True
    point = ord(char)
    return any(low <= point <= high for low, high in _IGNORABLE_RANGES)


def _fold_char(char: str) -> str:
    """What one (NFC) character counts as when looking for labels; '' for invisible ones."""
    category = unicodedata.category(char)
    if is_invisible(char):  # zero-width characters, joiners, soft hyphen, selectors, fillers
        return ""
    if char in _NO_BREAK_SPACES:
        return _JOIN
    if category.startswith("Z") or char in "\t\n":
        return " "
    folded = unicodedata.normalize("NFKD", char.translate(_LOOK_ALIKES))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    # Case folding may bring accents back ("İ" becomes "i" + a combining dot).
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_LOOK_ALIKES)
    return folded.replace("-", _JOIN)


@functools.lru_cache(maxsize=4096)
def _fold_cached(char: str) -> str:
    return _fold_char(char)


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index in ``text`` it came from.

    ``text`` is taken as it is (not normalised first): a combining accent typed as its
    own character folds to nothing and stays part of the letter before it.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.combining(char):
            continue
        folded = _fold_cached(char)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def fold_label(label: str) -> str:
    """A label as the matching sees it: folded, white space collapsed."""
    return " ".join(fold(clean_line(label))[0].split())


def _label_pattern(meeting: Meeting) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for all folded labels (longest first) and folded label -> pseudonym."""
    pseudonyms: dict[str, str] = {}
    for participant in meeting.participants:
        label = fold_label(participant.label)
        if label and label != fold_label(participant.pseudonym):
            pseudonyms.setdefault(label, participant.pseudonym)
    if not pseudonyms:
        return None, pseudonyms
    # Any run of white space inside a label matches any other, so "Jan  de Vries" is
    # found across a line break too; a hyphen or no-break space may stand between any
    # two letters. The last letter may be doubled before an ending ("Bob" -> "Bobbie");
    # the ending itself is part of the match and is replaced too.
    alternatives = [
        rf"[\s{_JOIN}]+".join(
            f"{_JOIN}?".join(re.escape(c) for c in word if c != _JOIN)
            for word in label.replace(_JOIN, " ").split()
        )
        + (f"(?:{re.escape(label[-1])}(?={_ENDINGS}))?" if label[-1].isalpha() else "")
        for label in sorted(pseudonyms, key=len, reverse=True)
    ]
    labels = "|".join(alternatives)
    # A name ends where letters end: a digit or underscore glued on ("Jansen2",
    # "Jansen_x") does not hide it.
    pattern = re.compile(rf"(?<!{_LETTER})(?P<label>{labels})(?:{_ENDINGS})?(?!{_LETTER})")
    compact = {_compact(label): pseudonym for label, pseudonym in pseudonyms.items()}
    return pattern, compact


_LETTER = r"[^\W\d_]"


def _compact(folded: str) -> str:
    """A folded label without its spaces and joins: how found text is looked up."""
    return "".join(c for c in folded if c != _JOIN and not c.isspace())


def _find(
    pattern: re.Pattern[str], pseudonyms: dict[str, str], text: str
) -> list[tuple[int, int, str]]:
    """(start, end, pseudonym) in ``text`` for every label found in it."""
    folded, origin = fold(text)
    found = []
    for match in pattern.finditer(folded):
        key = _label_key(match.group("label"), pseudonyms)
        if key is None:
            continue
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        # Combining accents on the last letter belong to the label.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        found.append((start, end, pseudonyms[key]))
    return found


def _label_key(found: str, pseudonyms: dict[str, str]) -> str | None:
    key = _compact(found)
    if key in pseudonyms:
        return key
    if key[:-1] in pseudonyms:  # a doubled last letter ("bobb" of "Bobbie")
        return key[:-1]
    return None


def label_scrubber(meeting: Meeting) -> Callable[[str], str]:
    """A function that replaces every local label in a text by its pseudonym."""
    pattern, pseudonyms = _label_pattern(meeting)
    if pattern is None:
        return lambda text: text

    def scrub(text: str) -> str:
        pieces: list[str] = []
        last = 0
        for start, end, pseudonym in _find(pattern, pseudonyms, text):
            pieces += [text[last:start], pseudonym]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    return scrub


def label_warnings(meeting: Meeting, *, include_private: bool = False) -> list[str]:
    """Dutch warnings for every text that would go into a document holding a label.

    Only the note-taker sees these, so they name the label itself, as it was typed.
    """
    pattern, pseudonyms = _label_pattern(meeting)
    if pattern is None:
        return []
    places: list[tuple[str, str]] = [
        ("Het onderwerp", meeting.topic),
        ("De inleiding", meeting.introduction),
    ]
    remarks = meeting.live_remarks() if include_private else meeting.public_remarks()
    for remark in remarks:
        who = meeting.participant(remark.participant)
        name = who.pseudonym if who else "zonder deelnemer"
        excerpt = clean_line(remark.text)
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[:_EXCERPT].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        places.append((f"De opmerking van {remark.at:%H:%M} ({name}) “{excerpt}”", remark.text))
    for question in meeting.questions:
        places.append((f"De vraag “{clean_line(question.text)[:_EXCERPT]}”", question.text))
    # Numbered as the wrap-up shows them; a held point stays out of the document (see
    # outcome.edit.without_held_points), so its text is no place a label could leak.
    for number, point in enumerate(meeting.outcome.key_points, start=1):
        if not point.held_by or include_private:
            places.append((f"Kernpunt {number}", point.text))
    outcome = meeting.outcome
    places += [
        ("De tekst bij ‘Wat heeft de bijeenkomst opgeleverd’", outcome.produced),
        ("De tekst bij ‘Wat gaat er met de input gebeuren’", outcome.input_follow_up),
        ("De tekst bij ‘Komt er een vervolg(bijeenkomst)’", outcome.follow_up_meeting),
    ]

    warnings = []
    for place, text in places:
        text = clean_text(text)
        found: dict[str, str] = {}
        for start, end, pseudonym in _find(pattern, pseudonyms, text):
            # Shown without the invisible characters that may have hidden it.
            shown = "".join(c for c in text[start:end] if not is_invisible(c))
            found.setdefault(" ".join(shown.split()), pseudonym)
        for label, pseudonym in found.items():
            warnings.append(
                f"{place} bevat ‘{label}’, uw eigen aanduiding voor {pseudonym}. "
                f"In het document komt daar ‘{pseudonym}’ te staan."
            )
    return warnings
