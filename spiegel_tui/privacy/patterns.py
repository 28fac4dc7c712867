"""Identifiers with a shape: phone numbers, e-mail, dates, ages, numbers, addresses.

Each detector yields ``(kind, start, end)``; the scanner settles overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spiegel_tui.privacy.findings import FindingKind
from spiegel_tui.privacy.words import MONTHS, NUMBER_WORDS, WEEKDAYS

Candidate = tuple[FindingKind, int, int]

_SEP = r"[\s.\-–]{0,3}"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")

# Dutch numbers: 0 + nine digits, or +31 / 0031 + nine digits, in any grouping
# ("06-12345678", "06 12 34 56 78", "+31 (0)6 1234 5678", "088 – 996 3000");
# service numbers 0800/0900 with four to seven digits ("0800-2000").
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)"
    r"[1-9](?:\)?" + _SEP + r"\d){8}(?!\d)"
    r"|(?<![\w+])0[89]0[09]" + _SEP + r"\d(?:" + _SEP + r"\d){3,6}(?!\d)"
)

_DAY = r"(?:[1-9]|[12]\d|3[01])(?:e|ste|de)?"
_YEAR = r"(?:19|20)\d{2}"
DATE = re.compile(
    # (maandag) 3 maart (2021), 3 mrt. '21
    rf"(?<!\w)(?:(?:{WEEKDAYS})\s+)?{_DAY}\s+(?:{MONTHS})\.?(?:\s+(?:{_YEAR}|'\d{{2}}))?(?!\w)"
    # 3-3-2021, 03/03/21, 3.3.2021
    rf"|(?<![\w.\-/])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:{_YEAR}|\d{{2}})(?![\w\-/])"
    # 2021-03-03
    rf"|(?<![\w\-])(?:{_YEAR})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w\-])"
    # maart 2021
    rf"|(?<!\w)(?:{MONTHS})\.?\s+{_YEAR}(?!\w)",
    re.IGNORECASE,
)

_AGE_NUMBER = rf"(?:\d{{1,2}}|{NUMBER_WORDS})"
_PERSON = (
    r"zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|meisje|jongen|jongetje|"
    r"broer|broertje|zus|zusje|baby|pleegzoon|pleegdochter|pleegkind|stiefzoon|"
    r"stiefdochter|kleinzoon|kleindochter|jongere|tiener|puber|man|vrouw|moeder|vader"
)
_NOT_DURATION = (
    r"(?!\s+(?:jaar\s+)?(?:geleden|lang|later|eerder|terug|keer|maanden|weken|dagen|uur"
    r"|minuten|procent|euro))"
)
_AGE_NOT_ONE = r"(?:\d{1,2}|" + NUMBER_WORDS.split("|", 2)[2] + ")"
AGE = re.compile(
    # 8-jarige, achtjarig, 12 jarige
    rf"(?<!\w)(?P<a1>{_AGE_NUMBER}\s?-?\s?jarige?)(?!\w)"
    # 8 jaar oud
    rf"|(?<!\w)(?P<a2>{_AGE_NUMBER}\s+jaar\s+oud)(?!\w)"
    # op mijn 12e, op zijn 14de
    r"|\bop\s+(?:mijn|zijn|haar|hun)\s+(?P<a3>\d{1,2}(?:e|de|ste))(?!\w)"
    # mijn zoon (Daan) van 8 (jaar)
    rf"|\b(?:{_PERSON})\s+(?:(?-i:[A-Z])[\w'-]+\s+)?van\s+(?P<a4>{_AGE_NUMBER}(?:\s+jaar)?)"
    rf"{_NOT_DURATION}(?!\w)"
    # hij is 15, ik was 12 (jaar)
    rf"|\b(?:is|was|werd|ben|word|wordt|waren)\s+(?:(?:ik|hij|zij|ze|pas|net|nu|toen|al)\s+)?"
    rf"(?P<a5>{_AGE_NOT_ONE}(?:\s+jaar)?){_NOT_DURATION}"
    r"(?=\s*(?:[.,;!?)]|$|\s+(?:was|werd|is|en|toen|jaar|oud)\b))"
    # toen ze 9 was
    rf"|\btoen\s+(?:ik|hij|zij|ze)\s+(?P<a6>{_AGE_NUMBER}(?:\s+jaar)?)(?=\s+(?:was|werd)\b)",
    re.IGNORECASE,
)
_AGE_GROUPS = ("a1", "a2", "a3", "a4", "a5", "a6")

# Nine digits, in any grouping of three (123.456.782, 1234 56 782).
_NINE = re.compile(r"(?<![\d.\-/])\d(?:[.\s]?\d){8}(?![\d\-/]|\.\d)")
_BSN_WORD = re.compile(r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b", re.IGNORECASE)


def elf_proef(digits: str) -> bool:
    """The Dutch eleven test for a citizen service number (BSN)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


CASE_NUMBER = re.compile(
    # dossiernummer 2021-12345, kenmerk: VT/2021/456, zaaknummer C/13/654321, dossier 4567
    r"(?:(?<=nummer)|(?<=\bnr)|(?<=\bnr\.)|(?<=\bkenmerk)|(?<=\bdossier)|(?<=\bzaak))"
    r"\s*[:#]?\s*(?P<id>(?=[\w/.\-]*\d)[A-Z]{0,5}[\s/\-]?\d[\w/.\-]*\w|\d)"
    # VT-2021-0456, C/13/654321, JE RK 21-1234
    r"|(?<![\w/\-])(?P<code>[A-Z]{1,5}(?:[\s\-/][A-Z]{1,5})?[\-/ ]?\d{2,}(?:[\-/.]\d+)+)(?![\w/\-])"
    # 2021-12345, 21/0456 ... numbers joined by a dash or slash
    r"|(?<![\w/\-.])(?P<joined>\d{2,}[\-/]\d{3,}(?:[\-/]\d+)*)(?![\w/\-])"
    # a long bare number
    r"|(?<![\w/\-.,€$])(?P<long>\d{6,})(?![\w/\-]|[.,]\d|\s*(?:euro|eur\b|%|procent))",
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}[\-/](?:(?:19|20)?\d{2})$")

POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?!\w)")

_STREET_END = (
    r"straat|straatje|laan|weg|plein|singel|gracht|kade|dijk|dreef|pad|steeg|markt|"
    r"baan|plantsoen|erf|ring|boulevard|allee|wal|haven|hof|park|veld|akker|brink|kwartier"
)
ADDRESS = re.compile(
    rf"(?<!\w)(?:[A-Z][\w'.-]*\s+(?:(?:van|de|der|den|het|'t)\s+)*){{0,3}}"
    rf"[A-Z][a-zà-ÿ'-]+(?:{_STREET_END})(?!\w)(?P<number>\s+\d{{1,4}}(?:\s?[a-zA-Z](?!\w)|-\d+)?)?"
)

_SCHOOL_WORDS = "school|college|lyceum|gymnasium|atheneum|scholengemeenschap|kindcentrum|academie"
SCHOOL = re.compile(
    # basisschool De Regenboog, school 't Kompas, bso De Boomhut
    r"(?<!\w)(?:basisschool|school|middelbare\s+school|kinderopvang|kinderdagverblijf|bso|"
    r"peuterspeelzaal|cbs|obs|rkbs|sbo|vso)\s+['‘\"“]?(?:(?:de|het|De|Het|'t|St\.?|Sint)\s+)?"
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
    # het Gooise Lyceum, Comenius College (Hilversum), de Montessorischool
    rf"|(?<!\w)(?:[A-Z][\w'-]*\s+){{1,3}}(?i:{_SCHOOL_WORDS})(?:\s+[A-Z][\w'-]+)?(?!\w)"
    rf"|(?<!\w)[A-Z][a-zà-ÿ'-]+(?:{_SCHOOL_WORDS})(?:\s+[A-Z][\w'-]+)?(?!\w)"
)
# Generic school words that name no school ("Basisschool", at the start of a sentence).
_GENERIC_SCHOOL = re.compile(
    r"^(?:de\s+|het\s+)?(?:basis|middelbare|hoge|speciale|vrije|openbare|christelijke|"
    r"particuliere|nieuwe|andere|eigen|zelfde|eerste|vorige|gewone)?\s*"
    rf"(?:{_SCHOOL_WORDS})$",
    re.IGNORECASE,
)


def structured(text: str) -> Iterator[Candidate]:
    for m in EMAIL.finditer(text):
        yield FindingKind.EMAIL, m.start(), m.end()
    for m in PHONE.finditer(text):
        yield FindingKind.PHONE, m.start(), m.end()
    for m in _NINE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        keyword = _BSN_WORD.search(text, max(0, m.start() - 30), m.start())
        if elf_proef(digits) or keyword:
            yield FindingKind.BSN, m.start(), m.end()
    for m in DATE.finditer(text):
        yield FindingKind.DATE, m.start(), m.end()
    for m in AGE.finditer(text):
        group = next(g for g in _AGE_GROUPS if m.group(g))
        yield FindingKind.AGE, m.start(group), m.end(group)
    for m in CASE_NUMBER.finditer(text):
        for group in ("id", "code", "joined", "long"):
            if m.group(group):
                value = m.group(group)
                if group in ("joined", "id") and _YEAR_RANGE.match(value):
                    break
                yield FindingKind.CASE_NUMBER, m.start(group), m.end(group)
                break
    for m in POSTCODE.finditer(text):
        yield FindingKind.POSTCODE, m.start(), m.end()
    for m in SCHOOL.finditer(text):
        if not _GENERIC_SCHOOL.match(m.group()):
            yield FindingKind.SCHOOL, m.start(), m.end()


def addresses(text: str) -> Iterator[tuple[int, int, bool]]:
    """Street names, with whether a house number follows ("Kerkstraat 12")."""
    for m in ADDRESS.finditer(text):
        yield m.start(), m.end(), bool(m.group("number"))
