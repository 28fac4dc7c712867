"""The note-taker's answers to the re-identification check, stored per meeting.

An answer belongs to a finding's stable key (kind, normalised text found, text id):
'replaced' with a neutral wording (applied when a document is written; the stored
text is never changed) or 'accepted' (not identifying). The next export does not ask
again; a finding whose text changed has another key and is asked again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spiegel_tui.storage.outcome_store import MeetingGoneError

if TYPE_CHECKING:
    from spiegel_tui.storage.store import MeetingStore

REPLACED, ACCEPTED = "replaced", "accepted"


@dataclass(frozen=True)
class PrivacyAnswer:
    key: str
    answer: str
    replacement: str = ""

    @property
    def replaced(self) -> bool:
        return self.answer == REPLACED


class PrivacyStore:
    """The privacy part of a :class:`MeetingStore`, on the same connection."""

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self.conn = store.conn

    def answers(self, meeting_id: int) -> dict[str, PrivacyAnswer]:
        rows = self.conn.execute(
            "SELECT key, answer, replacement FROM privacy_answers WHERE meeting_id = ?",
            [meeting_id],
        )
        return {key: PrivacyAnswer(key, answer, repl) for key, answer, repl in rows}

    def answer(self, meeting_id: int, key: str, answer: str, replacement: str = "") -> None:
        """Store (or change) the answer for one finding."""
        if answer not in (REPLACED, ACCEPTED):
            raise ValueError(answer)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.store.transaction():
            if not self.conn.execute(
                "SELECT 1 FROM meetings WHERE id = ?", [meeting_id]
            ).fetchone():
                raise MeetingGoneError()
            self.conn.execute(
                "INSERT INTO privacy_answers (meeting_id, key, answer, replacement, answered_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, key) DO UPDATE SET "
                "answer = excluded.answer, replacement = excluded.replacement, "
                "answered_at = excluded.answered_at",
                [meeting_id, key, answer, replacement if answer == REPLACED else "", now],
            )

    def forget(self, meeting_id: int) -> None:
        """Every answer of the meeting (they hold text found in its notes)."""
        with self.store.transaction():
            self.conn.execute("DELETE FROM privacy_answers WHERE meeting_id = ?", [meeting_id])
