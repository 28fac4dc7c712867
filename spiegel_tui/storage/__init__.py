"""Storage: one SQLite file, the only place with SQL.

``database`` opens it (owner-only files, WAL, pragmas, migrations, version check, SQLite
errors in Dutch), ``schema`` holds the migrations, ``store`` is ``MeetingStore`` (domain
objects in and out; plain SQL on the hot paths, sqlite-utils for the schema and table
writes), ``outcome_store`` the outcome edits checked against the revision a screen saw,
``maintenance`` backups and purging.

Only this package imports ``sqlite3`` or ``sqlite_utils`` (an import-linter contract in
pyproject.toml); screens call ``MeetingStore`` methods and never write SQL
(tests/test_layers.py).
"""

from spiegel_tui.storage.database import open_database
from spiegel_tui.storage.store import Draft, MeetingStore

__all__ = ["Draft", "MeetingStore", "open_database"]
