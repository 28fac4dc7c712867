"""Reading a decoded meeting file field by field, with errors that name the field."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any, TypeVar

from spiegel_tui.errors import MeetingFileError
from spiegel_tui.textclean import clean_line, clean_text, has_control_characters

E = TypeVar("E", bound=StrEnum)


class Reader:
    """Typed access to a JSON object that reports errors by field path."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings

    @staticmethod
    def fail(where: str, problem: str) -> MeetingFileError:
        return MeetingFileError(f"Ongeldig bijeenkomstbestand, veld '{where}': {problem}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"verwacht een object, maar vond {describe(value)}.")
        return value

    def array(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"verwacht een lijst, maar vond {describe(value)}.")
        return value

    def required(self, data: dict[str, Any], key: str, where: str) -> Any:
        if key not in data:
            raise self.fail(f"{where}.{key}" if where else key, "ontbreekt.")
        return data[key]

    def text(
        self, value: Any, where: str, *, multiline: bool = True, allow_empty: bool = True
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"verwacht tekst, maar vond {describe(value)}.")
        cleaned = clean_text(value) if multiline else clean_line(value)
        if has_control_characters(value):
            self.warnings.append(f"{where}: stuurtekens verwijderd uit de tekst.")
        if not allow_empty and not cleaned.strip():
            raise self.fail(where, "mag niet leeg zijn.")
        return cleaned

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"verwacht true of false, maar vond {describe(value)}.")
        return value

    def ident(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"verwacht een niet-lege id-tekst, maar vond {describe(value)}.")
        return value.strip()

    def identified(
        self, item: Any, where: str, fields: set[str], seen: set[str]
    ) -> tuple[dict[str, Any], str]:
        """An object of a list whose ``id`` must be unique; adds the id to ``seen``."""
        obj = self.obj(item, where)
        self.unknown(obj, fields | {"id"}, where)
        key = self.ident(self.required(obj, "id", where), f"{where}.id")
        if key in seen:
            raise self.fail(f"{where}.id", f"'{key}' komt twee keer voor.")
        seen.add(key)
        return obj, key

    def reference(
        self, value: Any, where: str, known: set[str], what: str, listed_in: str
    ) -> str | None:
        """An optional id (``null`` allowed) naming an item listed elsewhere in the file."""
        if value is None:
            return None
        return self.listed(value, where, known, what, listed_in)

    def listed(self, value: Any, where: str, known: set[str], what: str, listed_in: str) -> str:
        """An id that must name an item listed elsewhere in the file."""
        key = self.ident(value, where)
        if key not in known:
            raise self.fail(where, f"{what} '{key}' staat niet in '{listed_in}'.")
        return key

    def date(self, value: Any, where: str) -> dt.date | None:
        """An ISO date, or ``null``/missing for none."""
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(
                where, f"{describe(value)} is geen bestaande datum (verwacht JJJJ-MM-DD)."
            ) from None

    def timestamp(self, value: Any, where: str) -> dt.datetime:
        try:
            if not isinstance(value, str):
                raise ValueError
            stamp = dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(
                where, f"{describe(value)} is geen tijdstip (verwacht 2021-10-14T19:42:05+02:00)."
            ) from None
        if stamp.tzinfo is None:
            raise self.fail(where, f"{describe(value)} mist de tijdzone (zoals +02:00).")
        return stamp

    def choice(self, value: Any, where: str, kind: type[E], what: str) -> E:
        """One value of a string enum; the message lists the allowed values."""
        try:
            if not isinstance(value, str):
                raise ValueError
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(member) for member in kind)
            raise self.fail(
                where, f"{describe(value)} is geen {what}; kies uit {allowed}."
            ) from None

    def unknown(self, data: dict[str, Any], known: set[str], where: str) -> None:
        for key in sorted(set(data) - known):
            name = f"{where}.{key}" if where else key
            self.warnings.append(f"{name}: onbekend veld genegeerd.")


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"de tekst {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, list):
        return "een lijst"
    return "een object"
