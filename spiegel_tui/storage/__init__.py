"""Storage: one SQLite file through sqlite-utils. Nothing outside this package writes SQL."""

from .database import SCHEMA_MIGRATIONS, open_database
from .store import Draft, MeetingStore

__all__ = ["SCHEMA_MIGRATIONS", "Draft", "MeetingStore", "open_database"]
