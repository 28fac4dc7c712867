"""Backups and purging: keeping raw notes about clients recoverable, then short-lived."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

from ..errors import StorageError
from ..fileio import OWNER_FILE, describe_os_error, ensure_private_dir
from ..paths import backup_dir
from .database import describe_sqlite_error, write_transaction
from .store import MeetingStore

KEEP_BACKUPS = 5


def list_backups(db_path: Path) -> list[Path]:
    """Backups of the database at ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


class _TooSlow(Exception):
    """The backup was still copying at its deadline."""


def backup(
    store: MeetingStore, *, keep: int = KEEP_BACKUPS, deadline: float | None = None
) -> Path | None:
    """A consistent copy of the database (SQLite online backup); the newest ``keep`` stay.

    The copy is read on a connection of its own, so it holds only committed data even
    when called while ``store`` is inside a transaction (a signal handler), and it is
    written under a temporary name and renamed when complete: a backup interrupted by
    a crash or a deadline never counts as one. ``deadline`` (a ``time.monotonic()``
    value) abandons the copy when it is not done by then.

    Returns the new file, or ``None`` for an in-memory store or an abandoned copy.
    """
    if store.path is None:
        return None
    folder = backup_dir(store.path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.path.stem}-{stamp}.db"
    partial = folder / f".{target.name}.tmp"
    try:
        ensure_private_dir(folder)
        _remove_leftovers(folder)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        os.close(fd)
        _copy(store.path, partial, deadline)
        os.replace(partial, target)
        _fsync_dir(folder)
    except _TooSlow:
        _discard(partial)
        return None
    except OSError as error:
        _discard(partial)
        raise StorageError(describe_os_error(error, target)) from None
    except sqlite3.Error as error:
        _discard(partial)
        raise StorageError(describe_sqlite_error(error, target)) from None
    except BaseException:
        _discard(partial)
        raise
    for old in list_backups(store.path)[:-keep] if keep else []:
        old.unlink(missing_ok=True)
    return target


#: Pages copied per step when racing a deadline (4 MiB at the default page size).
_STEP_PAGES = 1024


def _copy(source_path: Path, target: Path, deadline: float | None) -> None:
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            if deadline is None:
                # One step: the whole file under one read lock.
                source.backup(dest)
            else:

                def check(status: int, remaining: int, total: int) -> None:
                    if remaining and time.monotonic() > deadline:
                        raise _TooSlow

                if time.monotonic() > deadline:
                    raise _TooSlow
                source.backup(dest, pages=_STEP_PAGES, progress=check, sleep=0.01)
        finally:
            dest.close()
    finally:
        source.close()


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _remove_leftovers(folder: Path) -> None:
    """Copies a crash or a deadline interrupted (an hour old, so not someone's copy
    in progress)."""
    for leftover in folder.glob(".*.db.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > 3600:
                leftover.unlink()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class ClosingBackups:
    """A backup when a meeting is closed, if this connection wrote since the last one.

    Opening and closing without typing anything makes no copy, so five backups are
    five different states, not the same one five times.
    """

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self._backed_up = self._changes()

    def _changes(self) -> int:
        return self.store.conn.total_changes

    @property
    def due(self) -> bool:
        return self.store.path is not None and self._changes() != self._backed_up

    def make(self, *, deadline: float | None = None) -> Path | None:
        """The backup, or None (nothing changed, or not done by ``deadline``).

        Raises :class:`StorageError` when it cannot be written.
        """
        if not self.due:
            return None
        changes = self._changes()
        made = backup(self.store, deadline=deadline)
        if made is not None:
            self._backed_up = changes
        return made


def purge_meeting(store: MeetingStore, meeting_id: int) -> int:
    """Remove a meeting's raw remarks, drafts and local labels; keep its outcome.

    Returns how many remarks were removed. The text is gone from the file itself
    (secure delete, FTS optimise, VACUUM, WAL truncated) and from every backup.
    """
    removed = _purge_rows(store, [meeting_id])
    _scrub(store)
    return removed


def purge_older_than(store: MeetingStore, days: int) -> list[int]:
    """Purge every not-yet-purged meeting held more than ``days`` days ago."""
    cutoff = dt.date.today() - dt.timedelta(days=days)
    ids = store.meetings_before(cutoff)
    if ids:
        _purge_rows(store, ids)
        _scrub(store)
    return ids


def _purge_rows(store: MeetingStore, meeting_ids: list[int]) -> int:
    removed = 0
    with write_transaction(store.conn):
        for meeting_id in meeting_ids:
            removed += store.purge_raw_notes(meeting_id)
    return removed


def _scrub(store: MeetingStore) -> None:
    """Make deleted text unrecoverable from the database file and its backups."""
    conn = store.conn
    try:
        conn.execute("INSERT INTO remarks_fts(remarks_fts) VALUES ('optimize')")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:
        raise StorageError(describe_sqlite_error(error, store.path)) from None
    if store.path is None:
        return
    for old in list_backups(store.path):
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    backup(store)
