"""Pure helpers behind the setup form: parsing, validating, suggesting, keeping keys.

No Textual here, so every rule can be tested without a screen. Error messages are
Dutch and meant to be shown next to the field as they are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from spiegel_tui.model import DUTCH_MONTHS, Meeting, Organisation, Participant, Question, Role
from spiegel_tui.textclean import clean_line, clean_text

T = TypeVar("T")


class FieldError(ValueError):
    """A value the user typed that cannot be used; ``str(error)`` is the message."""


class FormErrors(ValueError):
    """Every field that cannot be used: ``errors`` maps field name to message, in form order."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# Dates and times ---------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def format_date(day: dt.date) -> str:
    """14-10-2021: the short Dutch form used in the form and the picker."""
    return day.strftime("%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    """'14-10-2021' (also with / or .) or '2021-10-14'."""
    text = clean_line(text)
    if not text:
        raise FieldError("Vul de datum in, bijvoorbeeld 14-10-2021.")
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise FieldError(f"'{text}' is geen datum. Schrijf de datum als 14-10-2021.")
    if not 1 <= month <= 12:
        raise FieldError(f"'{text}' is geen datum: er is geen maand {month}.")
    if not 1 <= year <= 9999:
        raise FieldError(f"'{text}' is geen datum.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise FieldError(
            f"'{text}' bestaat niet: {DUTCH_MONTHS[month - 1]} {year} heeft {last} dagen."
        )
    return dt.date(year, month, day)


def format_time(moment: dt.time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def parse_time(text: str) -> dt.time | None:
    """'19:30' or '19.30'; empty means no start time."""
    text = clean_line(text)
    if not text:
        return None
    match = _TIME.match(text)
    if not match:
        raise FieldError(f"'{text}' is geen tijd. Schrijf de tijd als 19:30.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise FieldError(f"'{text}' is geen tijd: uren gaan tot 23, minuten tot 59.")
    return dt.time(hour, minute)


# Numbers and lists -------------------------------------------------------


def parse_invited(text: str) -> int | None:
    """How many were invited; empty means 'as many as there are participants'."""
    text = clean_line(text)
    if not text:
        return None
    if not text.isdigit() or not text.isascii():
        raise FieldError(f"'{text}' is geen aantal. Vul een heel getal in, bijvoorbeeld 7.")
    # Length first: int() of more than 4300 digits raises ValueError (CPython's limit).
    digits = text.lstrip("0") or "0"
    number = int(digits) if len(digits) <= 3 else 1000
    if number > 999:
        raise FieldError("Dat zijn wel erg veel genodigden: vul hoogstens 999 in.")
    return number


def parse_names(text: str) -> list[str]:
    """Comma-separated names (facilitators), empty ones dropped."""
    return [name for name in (clean_line(part) for part in text.split(",")) if name]


def format_names(names: Iterable[str]) -> str:
    return ", ".join(names)


_BULLET = re.compile(r"^(?:[-*•·–]\s+|\d{1,2}[.)]\s+)")


def parse_questions(text: str) -> list[str]:
    """One question a line; blank lines dropped, pasted bullets and numbering removed."""
    lines = (clean_line(line) for line in text.splitlines())
    return [q for q in (_BULLET.sub("", line).strip() for line in lines) if q]


def check_topic(text: str) -> str:
    topic = clean_line(text)
    if not topic:
        raise FieldError("Vul het onderwerp in: het komt bovenaan het verslag.")
    return topic


# Keys and pseudonyms -----------------------------------------------------


def next_key(prefix: str, keys: Iterable[str]) -> str:
    """``prefix`` + one more than the highest number in use ('p5' after 'p4')."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for key in keys if (m := pattern.match(key))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def suggest_pseudonym(role: Role, pseudonyms: Iterable[str]) -> str:
    """'Ouder 3' when 'Ouder 1' and 'Ouder 2' exist: numbering per role continues."""
    stem = role.pseudonym_stem
    pattern = re.compile(rf"^{re.escape(stem)}\s+(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for name in pseudonyms if (m := pattern.match(name.strip()))]
    return f"{stem} {max(numbers, default=0) + 1}"


def pseudonym_error(pseudonym: str, others: Iterable[str]) -> str | None:
    """A Dutch message when the pseudonym is empty or already used, else None."""
    if not pseudonym:
        return "Geef een pseudoniem op, bijvoorbeeld Ouder 1."
    if pseudonym.casefold() in {o.casefold() for o in others}:
        return f"Het pseudoniem {pseudonym} is al in gebruik."
    return None


def match_questions(
    old: Sequence[Question], texts: Sequence[str], *, used_keys: Iterable[str] = ()
) -> list[Question]:
    """New questions from edited lines, keeping the keys of questions that stayed.

    A line keeps a key when its text is unchanged; otherwise when the question at the
    same position was not kept and resembles it (edited in place); otherwise when it
    closely resembles a question not yet kept (moved and edited). Every other line
    gets a new key above every key ever used. When in doubt a new key is the safer
    mistake: remarks then lose their question, rather than being shown under a
    question that was never asked when they were said.
    """
    keys: list[str | None] = [None] * len(texts)
    free = {q.key: q for q in old}
    for index, text in enumerate(texts):
        same = next((q for q in free.values() if q.text == text), None)
        if same:
            keys[index] = same.key
            del free[same.key]
    for index in range(len(texts)):
        if (
            keys[index] is None
            and index < len(old)
            and old[index].key in free
            and _similarity(old[index].text, texts[index]) >= 0.5
        ):
            keys[index] = old[index].key
            del free[old[index].key]
    for index, text in enumerate(texts):
        if keys[index] is None and free:
            best = max(free.values(), key=lambda q: _similarity(q.text, text))
            if _similarity(best.text, text) >= 0.6:
                keys[index] = best.key
                del free[best.key]
    taken = [q.key for q in old] + list(used_keys)
    result: list[Question] = []
    for key, text in zip(keys, texts, strict=True):
        if key is None:
            key = next_key("q", taken)
            taken.append(key)
        result.append(Question(key, text))
    return result


def _similarity(a: str, b: str) -> float:
    """0..1: characters and words in common. Characters alone rate short questions
    alike ("Wat ging goed?" / "Wat kan beter?"); words alone miss typo fixes."""
    chars = difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()
    words_a, words_b = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    union = words_a | words_b
    words = len(words_a & words_b) / len(union) if union else 1.0
    return (chars + words) / 2


# The whole form ------------------------------------------------------------

#: The fields ``build_meeting`` checks, in the order the form shows them.
CHECKED_FIELDS = ("topic", "date", "start", "invited")


def build_meeting(
    base: Meeting,
    fields: Mapping[str, str],
    *,
    organisations: list[Organisation],
    participants: list[Participant],
) -> Meeting:
    """The meeting as typed into the setup form; raises FormErrors when fields are wrong.

    ``fields`` holds the raw text of topic, date, start, location, invited,
    facilitators, listeners, introduction and questions. ``base`` gives the id and
    the question keys to keep.
    """
    errors: dict[str, str] = {}

    def checked(name: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(fields[name])
        except FieldError as error:
            errors[name] = str(error)
            return None

    topic = checked("topic", check_topic)
    date = checked("date", parse_date)
    start = checked("start", parse_time)
    invited = checked("invited", parse_invited)
    if invited is not None and invited < len(participants):
        people = len(participants)
        errors["invited"] = (
            f"Er staan {people} deelnemers op de lijst: vul minstens {people} in, of laat het leeg."
        )
    if errors or topic is None or date is None:
        raise FormErrors({name: errors[name] for name in CHECKED_FIELDS if name in errors})
    return Meeting(
        id=base.id,
        topic=topic,
        date=date,
        start=start,
        location=clean_line(fields["location"]),
        introduction=clean_text(fields["introduction"]).strip(),
        invited=invited,
        facilitators=parse_names(fields["facilitators"]),
        listeners=clean_line(fields["listeners"]),
        organisations=organisations,
        participants=participants,
        questions=match_questions(base.questions, parse_questions(fields["questions"])),
    )


# References from remarks -------------------------------------------------


def describe_participant(person: Participant) -> str:
    """'Ouder 1 (Marieke)': the pseudonym, with the local label when there is one."""
    return f"{person.pseudonym} ({person.label})" if person.label else person.pseudonym


def remarks_phrase(count: int) -> str:
    return "1 opmerking" if count == 1 else f"{count} opmerkingen"
