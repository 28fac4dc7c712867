"""Drafts (what is being typed, per running app) and presence (who has a meeting open)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spiegel_tui.model import (
    Kind,
)
from spiegel_tui.storage.connection import _KINDS, StoreConnection, _now

if TYPE_CHECKING:
    pass


@dataclass
class Draft:
    """What the note-taker is typing, and the context it will be saved with."""

    text: str = ""
    participant: str | None = None
    organisations: list[str] = field(default_factory=list)
    kind: Kind = Kind.NOTE
    starred: bool = False
    private: bool = False


class DraftRows(StoreConnection):
    """The drafts and presence part of :class:`~spiegel_tui.storage.MeetingStore`."""

    # Each running app keeps its own draft per meeting (``owner``, see
    # ``draft_owner.py``): two note-takers on one meeting never overwrite each
    # other's typing.

    def save_draft(self, meeting_id: int, draft: Draft, owner: str = "") -> None:
        """Raises :class:`MeetingGoneError` for a deleted or purged meeting: a draft
        written back after a purge would be raw notes the purge promised gone."""
        with self.transaction():
            self.require_open_for_notes(meeting_id)
            self.conn.execute(
                """INSERT OR REPLACE INTO drafts (meeting_id, owner, text, participant,
                                                  organisations, kind, starred, private,
                                                  updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    meeting_id,
                    owner,
                    draft.text,
                    draft.participant,
                    json.dumps(draft.organisations),
                    str(draft.kind),
                    int(draft.starred),
                    int(draft.private),
                    _now(),
                ],
            )

    def load_draft(self, meeting_id: int, owner: str = "") -> Draft | None:
        rows = self._rows(
            "SELECT * FROM drafts WHERE meeting_id = ? AND owner = ?", [meeting_id, owner]
        )
        return _draft_from_row(rows[0]) if rows else None

    def newest_draft(self, meeting_id: int) -> Draft | None:
        """The meeting's most recently saved draft, whichever app typed it."""
        owners = self.draft_owners(meeting_id)
        return self.load_draft(meeting_id, owners[0]) if owners else None

    def draft_owners(self, meeting_id: int) -> list[str]:
        """Who has a draft for this meeting, the most recently saved first."""
        rows = self._rows(
            "SELECT owner FROM drafts WHERE meeting_id = ? ORDER BY updated_at DESC, rowid DESC",
            [meeting_id],
        )
        return [r["owner"] for r in rows]

    def delete_draft(self, meeting_id: int, owner: str) -> None:
        with self.transaction():
            self.conn.execute(
                "DELETE FROM drafts WHERE meeting_id = ? AND owner = ?", [meeting_id, owner]
            )

    def take_over_draft(self, meeting_id: int, previous: str, owner: str) -> Draft | None:
        """Make ``previous``'s draft ``owner``'s (replacing any of ``owner``'s own)."""
        with self.transaction():
            draft = self.load_draft(meeting_id, previous)
            if draft is None or previous == owner:
                return draft
            self.conn.execute(
                "DELETE FROM drafts WHERE meeting_id = ? AND owner = ?", [meeting_id, owner]
            )
            self.conn.execute(
                "UPDATE drafts SET owner = ? WHERE meeting_id = ? AND owner = ?",
                [owner, meeting_id, previous],
            )
        return draft

    # Presence: which running app has a meeting open ------------------------

    @contextlib.contextmanager
    def _bookkeeping(self) -> Iterator[None]:
        """A write that is not the note-taker's work: it does not make a backup due."""
        before = self.conn.total_changes
        try:
            with self.transaction():
                yield
        finally:
            self.bookkeeping_changes += self.conn.total_changes - before

    def mark_open(self, meeting_id: int, owner: str) -> None:
        with self._bookkeeping():
            self.conn.execute(
                "INSERT OR REPLACE INTO presence (meeting_id, owner, opened_at) "
                "SELECT id, ?, ? FROM meetings WHERE id = ?",
                [owner, _now(), meeting_id],
            )

    def mark_closed(self, meeting_id: int, owner: str) -> None:
        with self._bookkeeping():
            self.conn.execute(
                "DELETE FROM presence WHERE meeting_id = ? AND owner = ?", [meeting_id, owner]
            )

    def forget_presence(self, meeting_id: int, owners: list[str]) -> None:
        with self._bookkeeping():
            self.conn.executemany(
                "DELETE FROM presence WHERE meeting_id = ? AND owner = ?",
                [(meeting_id, owner) for owner in owners],
            )

    def presence(self, meeting_id: int) -> list[str]:
        """Owners that marked the meeting open (some may have crashed since)."""
        rows = self._rows("SELECT owner FROM presence WHERE meeting_id = ?", [meeting_id])
        return [r["owner"] for r in rows]


def _draft_from_row(row: dict[str, Any]) -> Draft:
    return Draft(
        text=row["text"],
        participant=row["participant"],
        organisations=json.loads(row["organisations"]),
        kind=_KINDS[row["kind"]],
        starred=bool(row["starred"]),
        private=bool(row["private"]),
    )
