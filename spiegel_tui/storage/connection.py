"""The store's connection: opening, the file check, transactions, row helpers."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from spiegel_tui.errors import DatabaseGoneError, MeetingGoneError, NotFoundError, StorageError
from spiegel_tui.model import (
    Kind,
)
from spiegel_tui.storage.database import (
    WRITE_PATIENCE_S,
    describe_sqlite_error,
    open_database,
    write_transaction,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


#: Kind by stored value: a dict lookup, ten times cheaper than ``Kind(value)``.
_KINDS: dict[str, Kind] = {str(kind): kind for kind in Kind}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class StoreConnection:
    """What every part of :class:`~spiegel_tui.storage.MeetingStore` stands on."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        #: How long a write waits for another connection's lock (the app shortens it).
        self.write_patience = WRITE_PATIENCE_S
        #: The file this connection opened (device, inode): a sync client, a restore
        #: or ``mv`` can put another file at ``path`` (or none) while we run, and the
        #: connection would go on writing into the old one, which nobody will see.
        self._identity = _identity(path)
        #: Rows changed by bookkeeping (which app has a meeting open), not by notes.
        self.bookkeeping_changes = 0

    def check_file(self) -> None:
        """Raise :class:`DatabaseGoneError` if the file at ``path`` is no longer the
        one this connection writes to (deleted, or replaced by another file)."""
        if self._identity is None:
            return
        if _identity(self.path) != self._identity:
            raise DatabaseGoneError(
                f"Het databasebestand '{self.path}' is verwijderd of vervangen terwijl "
                "Spiegel draaide (een synchronisatieprogramma, een herstelde kopie of een "
                "ander programma). Wat u nu bewaart, zou daar niet meer in komen."
            )

    @classmethod
    def open(cls, path: Path | str, *, create_folder: bool = False, readonly: bool = False) -> Self:
        conn = open_database(path, create_folder=create_folder, readonly=readonly)
        return cls(conn, None if str(path) == ":memory:" else Path(path))

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection, for its table API (setup, outcome,
        import). Loaded on first use: the paths taken on every start and every
        remark (load, commit, draft) are plain SQL."""
        from sqlite_utils import Database

        # No plugins: a sqlite-utils plugin installed elsewhere on the machine must
        # not get a hook into the connection that holds client notes.
        return Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(self._stream(sql, params))

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts, one at a time: for results that are turned into objects as
        they come (10,000 remarks: 8 MB less at the peak than a list first)."""
        try:
            cursor = self.conn.execute(sql, list(params))
            names = [column[0] for column in cursor.description]
            for row in cursor:
                yield dict(zip(names, row, strict=True))
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None

    def transaction(
        self, patience: float | None = None
    ) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """Group several store calls into one all-or-nothing write.

        Waits up to ``patience`` seconds (default :attr:`write_patience`) for another
        connection's write lock, then raises :class:`BusyError`. Raises
        :class:`DatabaseGoneError` when the file was deleted or replaced, before the
        write, or after it (then the write went into the old file only).
        """
        return self._checked_transaction(self.write_patience if patience is None else patience)

    @contextlib.contextmanager
    def _checked_transaction(self, patience: float) -> Iterator[sqlite3.Connection]:
        self.check_file()
        with write_transaction(self.conn, patience) as conn:
            yield conn
        if not self.conn.in_transaction:
            self.check_file()

    def data_version(self) -> int:
        """Changes whenever another connection commits: a cheap 'anything new?'."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # Whether a meeting is there (every part asks) ---------------------------

    def require_open_for_notes(self, meeting_id: int) -> None:
        """Raise :class:`MeetingGoneError` if the meeting was deleted or its raw notes
        purged (by another Spiegel, or ``spiegel purge``): nothing may be added then."""
        rows = self._rows("SELECT purged_at FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise MeetingGoneError(
                f"Bijeenkomst {meeting_id} is verwijderd (in een andere Spiegel of met "
                "de opdrachtregel) terwijl u notuleerde."
            )
        if rows[0]["purged_at"] is not None:
            raise MeetingGoneError(
                f"De ruwe notities van bijeenkomst {meeting_id} zijn gewist (purge) terwijl "
                "u notuleerde; er worden geen opmerkingen meer aan toegevoegd."
            )

    def meeting_exists(self, meeting_id: int) -> bool:
        return bool(self._rows("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]))

    def _require(self, meeting_id: int) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise NotFoundError(f"Er is geen bijeenkomst met nummer {meeting_id}.")
        return rows[0]
