"""Backups and purging: keeping raw notes about clients recoverable, then short-lived."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
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


def backup(store: MeetingStore, *, keep: int = KEEP_BACKUPS) -> Path | None:
    """A consistent copy of the database (SQLite online backup); the newest ``keep`` stay.

    Returns the new file, or ``None`` for an in-memory store.
    """
    if store.path is None:
        return None
    folder = backup_dir(store.path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.path.stem}-{stamp}.db"
    try:
        ensure_private_dir(folder)
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        os.close(fd)
        dest = sqlite3.connect(target)
        try:
            store.db.conn.backup(dest)
        finally:
            dest.close()
    except OSError as error:
        target.unlink(missing_ok=True)
        raise StorageError(describe_os_error(error, target)) from None
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise StorageError(describe_sqlite_error(error, target)) from None
    for old in list_backups(store.path)[:-keep] if keep else []:
        old.unlink(missing_ok=True)
    return target


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
    with write_transaction(store.db):
        for meeting_id in meeting_ids:
            removed += store.purge_raw_notes(meeting_id)
    return removed


def _scrub(store: MeetingStore) -> None:
    """Make deleted text unrecoverable from the database file and its backups."""
    db = store.db
    try:
        db.execute("INSERT INTO remarks_fts(remarks_fts) VALUES ('optimize')")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:
        raise StorageError(describe_sqlite_error(error, store.path)) from None
    if store.path is None:
        return
    for old in list_backups(store.path):
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    backup(store)
