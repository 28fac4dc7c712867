"""Checking the values of a follow-up edit before anything is written.

Each refusal is Dutch and names the field, like the meeting file's reader.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypeVar

from spiegel_tui.errors import SpiegelError
from spiegel_tui.textclean import clean_line, clean_text

E = TypeVar("E", bound=StrEnum)

#: Longest texts we take; a pasted document is no action.
MAX_TEXT = 20_000
MAX_LINE = 300


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def stamp(at: dt.datetime | None) -> str:
    """A history time with its offset, as the meeting file writes it."""
    moment = at or dt.datetime.now().astimezone()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def choice(value: object, kind: type[E], field: str, what: str) -> E:
    """``value`` as a member of ``kind``; a Dutch refusal naming the field otherwise."""
    try:
        return kind(value if isinstance(value, str) else str(value))
    except ValueError:
        allowed = ", ".join(str(member) for member in kind)
        raise SpiegelError(
            f"Veld '{field}': '{value}' is geen geldige {what}; kies uit {allowed}."
        ) from None


def parse_due(value: dt.date | str | None, field: str = "due") -> dt.date | None:
    """A due date from a date, an ISO text or nothing; refuses anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SpiegelError(
            f"Veld '{field}': '{value}' is geen bestaande datum (verwacht JJJJ-MM-DD)."
        ) from None


def text_value(value: str, field: str, *, line: bool = False, required: bool = False) -> str:
    if not isinstance(value, str):
        raise SpiegelError(f"Veld '{field}': verwacht tekst.")
    cleaned = clean_line(value).strip() if line else clean_text(value)
    if required and not cleaned.strip():
        raise SpiegelError(f"Veld '{field}': mag niet leeg zijn.")
    limit = MAX_LINE if line else MAX_TEXT
    if len(cleaned) > limit:
        raise SpiegelError(f"Veld '{field}': te lang (hoogstens {limit} tekens).")
    return cleaned


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
