"""Keeping the capture screen and the database in step, without Textual.

:class:`DraftKeeper` saves what is being typed (and its context) whenever it
changed, so a crash, a closed laptop or a dropped SSH link loses at most half a
second of typing. :class:`RemoteWatcher` notices commits by another connection (a
second note-taker on the same file) and reloads the meeting on its own read-only
connection, so the reload can run in a worker thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from spiegel_tui.capture import draft_owner
from spiegel_tui.errors import BusyError, SpiegelError
from spiegel_tui.model import Meeting
from spiegel_tui.storage import Draft, MeetingStore

#: A draft save waits this long for another connection's write lock: it runs on the
#: UI thread twice a second, so it must not freeze the screen; a missed save is
#: simply made at the next tick.
DRAFT_PATIENCE_S = 0.1
#: How long the database may stay locked before a failing draft save is reported.
DRAFT_BUSY_GRACE_S = 5.0


@dataclass
class Restored:
    """What opening a meeting found: a draft for the line, and drafts of other apps
    that are gone and still hold text (each comes back at a later opening)."""

    draft: Draft | None
    waiting: int = 0


class DraftKeeper:
    def __init__(self, store: MeetingStore, meeting_id: int, owner: str | None = None) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.owner = draft_owner.this_process() if owner is None else owner
        self._saved: Draft | None = None
        #: True once a failed save has been raised (and reported) and no save has
        #: succeeded since: the screen reports an error only while this is False.
        self.failing = False
        self._failed = False
        #: Since when saves have found the database locked (None: they have not).
        self._busy_since: float | None = None

    def _note_failure(self) -> None:
        # The first failure goes out with failing False (report it), later ones with
        # failing True (already reported), until a save succeeds again.
        self.failing = self._failed
        self._failed = True

    def load(self) -> Restored:
        """This app's own draft; else the newest one left by an app that is gone.

        Drafts of apps still running (another note-taker) are not touched. Left-over
        drafts without text are removed, so every opening does not leave a row.
        """
        store, meeting = self.store, self.meeting_id
        draft = store.load_draft(meeting, self.owner)
        gone = [
            owner
            for owner in store.draft_owners(meeting)
            if owner != self.owner and not draft_owner.is_running(owner)
        ]
        with store.transaction():
            left: list[tuple[str, Draft]] = []
            for owner in gone:
                found = store.load_draft(meeting, owner)
                if found is not None:
                    left.append((owner, found))
            # The newest with text first; a left draft without text only for its context.
            left.sort(key=lambda item: not item[1].text)
            if left and (draft is None or (not draft.text and left[0][1].text)):
                draft = store.take_over_draft(meeting, left.pop(0)[0], self.owner)
            for owner, found in left:
                if not found.text:
                    store.delete_draft(meeting, owner)
        # What was just loaded is what is stored: no need to write it back.
        self._saved = draft
        return Restored(draft, sum(1 for _, found in left if found.text))

    def stored(self, draft: Draft) -> None:
        """``draft`` was written by someone else (Enter empties it with the remark)."""
        self._saved = draft

    def save(self, draft: Draft) -> bool:
        """Save ``draft`` if it differs from the last one saved; True when written.

        Raises :class:`SpiegelError` when the database refuses the write, or has been
        locked by another program for longer than ``DRAFT_BUSY_GRACE_S``; a shorter
        lock only postpones the save to the next call.
        """
        # No lock: the timer and a signal handler both run on the main thread, and a
        # handler that interrupts a save must not wait for it (that deadlocked). A
        # nested save becomes a savepoint inside the interrupted transaction.
        if draft == self._saved:
            return False
        try:
            # The short wait is for the outer transaction; save_draft's own nests in it.
            with self.store.transaction(DRAFT_PATIENCE_S):
                self.store.save_draft(self.meeting_id, draft, self.owner)
        except BusyError:
            now = time.monotonic()
            if self._busy_since is None:
                self._busy_since = now
            if now - self._busy_since < DRAFT_BUSY_GRACE_S:
                return False
            self._note_failure()
            raise
        except SpiegelError:
            self._note_failure()
            raise
        self.failing = self._failed = False
        self._busy_since = None
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
