"""Keeping the capture screen and the database in step, without Textual.

:class:`DraftKeeper` saves what is being typed (and its context) whenever it
changed, so a crash, a closed laptop or a dropped SSH link loses at most half a
second of typing. :class:`RemoteWatcher` notices commits by another connection (a
second note-taker on the same file) and reloads the meeting on its own read-only
connection, so the reload can run in a worker thread.
"""

from __future__ import annotations

from ..errors import SpiegelError
from ..model import Meeting
from ..storage import Draft, MeetingStore


class DraftKeeper:
    def __init__(self, store: MeetingStore, meeting_id: int) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._saved: Draft | None = None
        #: The last error, reported once until a save succeeds again.
        self.failing = False

    def load(self) -> Draft | None:
        draft = self.store.load_draft(self.meeting_id)
        # What was just loaded is what is stored: no need to write it back.
        self._saved = draft
        return draft

    def save(self, draft: Draft) -> bool:
        """Save ``draft`` if it differs from the last one saved; True when written.

        Raises :class:`SpiegelError` when the database refuses the write.
        """
        # No lock: the timer and a signal handler both run on the main thread, and a
        # handler that interrupts a save must not wait for it (that deadlocked). A
        # nested save becomes a savepoint inside the interrupted transaction.
        if draft == self._saved:
            return False
        try:
            self.store.save_draft(self.meeting_id, draft)
        except SpiegelError:
            self.failing = True
            raise
        self.failing = False
        self._saved = draft
        return True


class RemoteWatcher:
    """``PRAGMA data_version`` changes only when *another* connection commits."""

    def __init__(self, store: MeetingStore, meeting_id: int) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._version = store.data_version()
        self._reader: MeetingStore | None = None

    def changed(self) -> bool:
        version = self.store.data_version()
        if version == self._version:
            return False
        self._version = version
        return True

    @property
    def can_load_in_thread(self) -> bool:
        return self.store.path is not None

    def load(self) -> tuple[Meeting, str | None]:
        """The whole meeting and its current question, read on a connection of its own."""
        if self.store.path is None:
            store = self.store
        else:
            if self._reader is None:
                self._reader = MeetingStore.open(self.store.path, readonly=True)
            store = self._reader
        return store.load_meeting(self.meeting_id), store.current_question(self.meeting_id)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
