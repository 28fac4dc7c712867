"""Errors whose message is meant for the user, in Dutch.

Everything the user can cause (a bad file, an unwritable path, a database from a
newer release) raises a subclass of :class:`SpiegelError`; the CLI and the app show
its message and never a traceback.
"""

from __future__ import annotations


class SpiegelError(Exception):
    """An error with a message for the user (Dutch, one or two sentences)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MeetingFileError(SpiegelError):
    """A meeting file that cannot be read or does not follow the format."""


class StorageError(SpiegelError):
    """The database cannot be opened, read or written."""


class BusyError(StorageError):
    """The database stayed locked by another connection longer than we would wait."""


class NewerDatabaseError(StorageError):
    """The database was made by a newer release of Spiegel."""


class DiskFullError(StorageError):
    """The disk (or a quota, or a file-size limit) is full: nothing was written."""


class ReadOnlyError(StorageError):
    """The database file or its folder cannot be written."""


class DatabaseGoneError(StorageError):
    """The database file was deleted or replaced under the running program (a sync
    client, a restore, ``mv`` over it): writes would go to a file nobody sees."""


class ExportError(SpiegelError):
    """A document or file could not be written."""


class NotFoundError(SpiegelError):
    """A meeting, remark or other item that does not exist."""


class MeetingGoneError(NotFoundError):
    """The open meeting was deleted or purged by another Spiegel while it was open."""
