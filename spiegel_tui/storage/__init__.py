"""Storage: one SQLite file, the only place with SQL.

``database`` opens it (owner-only files, WAL, pragmas, migrations, version check) and
``schema`` holds the migrations; ``sqlite_errors`` turns SQLite's errors into Dutch ones.
``store`` is ``MeetingStore`` (domain objects in and out), built from ``connection``
(transactions, row helpers, sqlite-utils loaded on first use) and the row mixins
``setup_rows``, ``remark_rows``, ``draft_rows`` and ``outcome_rows``: plain SQL on the hot
paths, sqlite-utils for the schema and table writes. ``outcome_store`` checks outcome
edits against the revision a screen saw; ``maintenance`` makes backups and purges.

Only this package imports ``sqlite3`` or ``sqlite_utils`` (an import-linter contract in
pyproject.toml); screens call ``MeetingStore`` methods and never write SQL
(tests/test_layers.py).
"""

import sqlite3

from spiegel_tui.storage.database import open_database, translate_sqlite_error
from spiegel_tui.storage.store import Draft, MeetingStore

__all__ = ["Draft", "MeetingStore", "open_database", "sqlite_error_message"]


def sqlite_error_message(error: BaseException) -> str | None:
    """The Dutch message for a SQLite error, None for any other error: for code outside
    this package, which does not import sqlite3."""
    if not isinstance(error, sqlite3.Error):
        return None
    return translate_sqlite_error(error, None).message
