"""Storage: one SQLite file (sqlite-utils for schema and table writes, plain SQL on the
hot paths). Nothing outside this package writes SQL."""

from .database import open_database
from .store import Draft, MeetingStore

__all__ = ["Draft", "MeetingStore", "open_database"]
