"""SQLite's errors in Dutch: what happened and what to do, never SQLite's English.

:class:`SpiegelConnection` passes every statement's error through
:func:`translate_sqlite_error`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from spiegel_tui.errors import (
    BusyError,
    DatabaseGoneError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
)


def _is_locked(error: BaseException) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    text = str(error).lower()
    return "locked" in text or "busy" in text


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_TOOBIG = 18
_SQLITE_CONSTRAINT = 19
_SQLITE_NOTADB = 26
#: The database file was unlinked or replaced while open (SQLITE_READONLY_DBMOVED).
_SQLITE_READONLY_DBMOVED = 8 | (4 << 8)


def _reason(error: OSError) -> str:
    """A Dutch reason for an OS error (never the system's English strerror)."""
    from spiegel_tui.fileio import describe_os_reason

    return describe_os_reason(error)


def translate_sqlite_error(error: sqlite3.Error, path: Path | None) -> StorageError:
    """The one place where SQLite's (English) errors become Dutch ones.

    The result is a :class:`StorageError` subclass (busy, disk full, read-only) that
    is also a ``sqlite3.OperationalError``, so code that expects SQLite's errors
    (sqlite-utils' own fallbacks) still sees one; its message is the Dutch text.
    """
    if isinstance(error, StorageError):
        return error
    code = _code_of(error)
    message = describe_sqlite_error(error, path)
    primary = code & 0xFF if code is not None else None
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or (code is None and _is_locked(error)):
        base: type[StorageError] = BusyError
    elif primary == _SQLITE_FULL:
        base = DiskFullError
    elif code == _SQLITE_READONLY_DBMOVED:
        base = DatabaseGoneError
    elif primary == _SQLITE_READONLY:
        base = ReadOnlyError
    else:
        base = StorageError
    translated = _combined(base)(message)
    translated.sqlite_errorcode = code  # type: ignore[attr-defined]
    return translated


_COMBINED: dict[type[StorageError], type[StorageError]] = {}


def _combined(base: type[StorageError]) -> type[StorageError]:
    if base not in _COMBINED:
        _COMBINED[base] = type(f"SQLite{base.__name__}", (base, sqlite3.OperationalError), {})
    return _COMBINED[base]


def _code_of(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code
    # Raised without a code (sqlite3's own Python-level errors, tests): by its text.
    text = str(error).lower()
    for needle, guess in (
        ("not a database", _SQLITE_NOTADB),
        ("malformed", _SQLITE_CORRUPT),
        ("full", _SQLITE_FULL),
        ("disk i/o error", _SQLITE_IOERR),
        ("readonly", _SQLITE_READONLY),
        ("read-only", _SQLITE_READONLY),
        ("locked", _SQLITE_BUSY),
        ("busy", _SQLITE_BUSY),
        ("unable to open", _SQLITE_CANTOPEN),
        ("constraint", _SQLITE_CONSTRAINT),
        ("out of memory", _SQLITE_NOMEM),
        ("too big", _SQLITE_TOOBIG),
    ):
        if needle in text:
            return guess
    return None


def describe_sqlite_error(error: sqlite3.Error, path: Path | None) -> str:
    """A Dutch sentence for what went wrong in SQLite; never SQLite's English."""
    code = _code_of(error)
    primary = code & 0xFF if code is not None else None
    where = f"de database '{path}'" if path else "de database"
    if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT):
        return f"{where.capitalize()} is beschadigd of geen Spiegel-database."
    if primary == _SQLITE_FULL:
        return f"De schijf is vol: kan niet in {where} schrijven. Er is niets opgeslagen."
    if primary == _SQLITE_IOERR:
        # What SQLite reports when a write fails halfway: most often a full disk or
        # quota (a file-size limit), sometimes a failing disk or a vanished file.
        return (
            f"Kan niet in {where} schrijven: de schijf is vol of geeft een fout. "
            "Er is niets opgeslagen."
        )
    if code == _SQLITE_READONLY_DBMOVED:
        return (
            f"{where.capitalize()} is verwijderd of vervangen terwijl Spiegel draaide. "
            "Er is niets opgeslagen."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return f"{where.capitalize()} is alleen-lezen: kan niets opslaan."
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return (
            f"{where.capitalize()} is bezet door een ander programma of een tweede "
            "notulist. Er is niets opgeslagen; probeer het zo opnieuw."
        )
    if primary == _SQLITE_CANTOPEN:
        return f"Kan {where} niet openen: het bestand of de map is weg, of u mag er niet schrijven."
    if primary == _SQLITE_CONSTRAINT:
        return (
            "Dit past niet bij wat er in de database staat (is de bijeenkomst intussen "
            "verwijderd?). Er is niets opgeslagen."
        )
    if primary == _SQLITE_NOMEM:
        return "Er is te weinig geheugen. Er is niets opgeslagen."
    if primary == _SQLITE_TOOBIG:
        return "Die tekst is te groot om op te slaan. Er is niets opgeslagen."
    suffix = f" (SQLite-code {code})" if code is not None else ""
    return f"Onverwachte fout in {where}{suffix}. Er is niets opgeslagen."


class SpiegelConnection(sqlite3.Connection):
    """A connection whose errors are Dutch (see :func:`translate_sqlite_error`):
    every statement of the app, the command line and sqlite-utils passes here."""

    db_path: Path | None = None

    def execute(self, sql: str, parameters: object = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().execute(sql, parameters)  # type: ignore[arg-type]
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self.db_path) from None

    def executemany(self, sql: str, parameters: object, /) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executemany(sql, parameters)  # type: ignore[arg-type]
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self.db_path) from None

    def executescript(self, script: str, /) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executescript(script)
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, self.db_path) from None
