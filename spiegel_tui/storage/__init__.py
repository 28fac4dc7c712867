"""Storage: one SQLite file (sqlite-utils for schema and table writes, plain SQL on the
hot paths). Nothing outside this package writes SQL."""

from spiegel_tui.storage.database import open_database
from spiegel_tui.storage.store import Draft, MeetingStore

__all__ = ["Draft", "MeetingStore", "open_database"]
