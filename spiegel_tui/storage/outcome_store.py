"""Outcome edits as changes, each checked against the revision its screen saw.

Two wrap-ups (or a wrap-up and the setup) on one meeting used to write the whole
outcome from memory and silently undo each other. Here every edit is one small
change in its own IMMEDIATE transaction that names the revision of the row it was
made on; when another connection changed that row first, nothing is written and
:class:`ChangedElsewhere` says which. A point is only ever linked to remarks that are
public and present *at write time*, whatever the calling screen still shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spiegel_tui.errors import NotFoundError, SpiegelError

if TYPE_CHECKING:
    from spiegel_tui.storage.store import MeetingStore

#: The outcome's texts, each with a revision column ``<field>_rev`` on ``meetings``.
TEXT_FIELDS = ("introduction", "produced", "input_follow_up", "follow_up_meeting")
#: Remark flags as stored in ``key_point_remarks.accepted``.
PRIVATE, DELETED = 1, 2

MEETING_GONE = (
    "Deze bijeenkomst is elders verwijderd. Uw teksten staan nog op het scherm, maar "
    "worden niet meer bewaard."
)
PRIVATE_SOURCE = (
    "Een gekozen opmerking is inmiddels vertrouwelijk: die komt nooit in het document "
    "en kan geen kernpunt worden."
)
SOURCE_GONE = "Een gekozen opmerking is inmiddels verwijderd; kies opnieuw."


class MeetingGoneError(NotFoundError):
    """The meeting was deleted by another connection while it was being edited."""

    def __init__(self) -> None:
        super().__init__(MEETING_GONE)


class ChangedElsewhere(SpiegelError):
    """The row an edit was made on changed (or went) before the edit was written."""

    def __init__(self, message: str, *, point_id: int | None = None, field: str = "") -> None:
        super().__init__(message)
        self.point_id = point_id
        self.field = field


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class OutcomeStore:
    """The outcome part of a :class:`MeetingStore`, on the same connection."""

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self.conn = store.conn

    # Checks ----------------------------------------------------------------

    def _meeting(self, meeting_id: int) -> None:
        if not self.conn.execute("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]).fetchone():
            raise MeetingGoneError()

    def _allowed_remarks(self, meeting_id: int, remark_ids: Sequence[int]) -> list[int]:
        """``remark_ids`` if every one is public and present now; refuses otherwise."""
        ids = list(dict.fromkeys(remark_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT id, private, deleted FROM remarks WHERE meeting_id = ? AND id IN ({marks})",
            [meeting_id, *ids],
        ).fetchall()
        if any(private for _, private, _ in rows):
            raise SpiegelError(PRIVATE_SOURCE)
        if len(rows) != len(ids) or any(deleted for _, _, deleted in rows):
            raise SpiegelError(SOURCE_GONE)
        return ids

    def _point(self, meeting_id: int, point_id: int, revision: int, number: int) -> None:
        """The point must still be there at ``revision``."""
        row = self.conn.execute(
            "SELECT revision FROM key_points WHERE id = ? AND meeting_id = ?",
            [point_id, meeting_id],
        ).fetchone()
        if row is None:
            raise ChangedElsewhere(f"Kernpunt {number} is elders verwijderd.", point_id=point_id)
        if row[0] != revision:
            raise ChangedElsewhere(f"Kernpunt {number} is elders gewijzigd.", point_id=point_id)

    def _link(self, point_id: int, remark_ids: Sequence[int]) -> None:
        start = self.conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM key_point_remarks WHERE key_point_id = ?",
            [point_id],
        ).fetchone()[0]
        for offset, remark_id in enumerate(remark_ids):
            self.conn.execute(
                "INSERT OR IGNORE INTO key_point_remarks (key_point_id, remark_id, position) "
                "VALUES (?, ?, ?)",
                [point_id, remark_id, start + offset],
            )

    def _accept(self, point_id: int, seen: dict[int, int]) -> None:
        """The note-taker has looked at the point with its remarks' flags as in ``seen``
        (remark id -> flags their screen showed). A flag gained since, which they
        could not have seen, stays unaccepted: the point stays held."""
        for remark_id, flags in seen.items():
            self.conn.execute(
                "UPDATE key_point_remarks SET accepted = ? "
                "WHERE key_point_id = ? AND remark_id = ?",
                [flags, point_id, remark_id],
            )

    # Key points ------------------------------------------------------------

    def add_point(
        self, meeting_id: int, text: str, remark_ids: Sequence[int] = (), at: int | None = None
    ) -> int:
        """A new point at list position ``at`` (default: the end); returns its id."""
        with self.store.transaction():
            self._meeting(meeting_id)
            ids = self._allowed_remarks(meeting_id, remark_ids)
            order = self.point_order(meeting_id)
            index = len(order) if at is None else max(0, min(at, len(order)))
            # Positions follow the list; the ones after the new point move one down.
            for position, point_id in enumerate(order[index:], start=index + 1):
                self.conn.execute(
                    "UPDATE key_points SET position = ? WHERE id = ?", [position, point_id]
                )
            new_id = self.conn.execute(
                "INSERT INTO key_points (meeting_id, position, text) VALUES (?, ?, ?)",
                [meeting_id, index, text],
            ).lastrowid
            assert new_id is not None
            self._link(new_id, ids)
        return new_id

    def change_point(
        self,
        meeting_id: int,
        point_id: int,
        revision: int,
        text: str,
        *,
        add_remarks: Sequence[int] = (),
        number: int = 0,
        seen: dict[int, int] | None = None,
    ) -> None:
        """New text (and more remarks) for a point seen at ``revision``.

        Writing the text is looking at it again: the remark flags in ``seen`` (as the
        writer's screen showed them) are accepted.
        """
        with self.store.transaction():
            self._meeting(meeting_id)
            self._point(meeting_id, point_id, revision, number)
            ids = self._allowed_remarks(meeting_id, add_remarks)
            self.conn.execute(
                "UPDATE key_points SET text = ?, revision = revision + 1 WHERE id = ?",
                [text, point_id],
            )
            self._link(point_id, ids)
            self._accept(point_id, seen or {})

    def confirm_point(
        self, meeting_id: int, point_id: int, revision: int, seen: dict[int, int], number: int = 0
    ) -> None:
        """The note-taker keeps the point as worded, having seen its remarks as ``seen``."""
        with self.store.transaction():
            self._meeting(meeting_id)
            self._point(meeting_id, point_id, revision, number)
            self.conn.execute(
                "UPDATE key_points SET revision = revision + 1 WHERE id = ?", [point_id]
            )
            self._accept(point_id, seen)

    def remove_point(self, meeting_id: int, point_id: int, revision: int, number: int = 0) -> None:
        with self.store.transaction():
            self._meeting(meeting_id)
            self._point(meeting_id, point_id, revision, number)
            self.conn.execute("DELETE FROM key_points WHERE id = ?", [point_id])

    def move_point(
        self, meeting_id: int, point_id: int, neighbour_id: int, number: int = 0
    ) -> None:
        """Swap a point with the neighbour it had on screen; both must still be neighbours."""
        with self.store.transaction():
            self._meeting(meeting_id)
            order = self.point_order(meeting_id)
            try:
                here, there = order.index(point_id), order.index(neighbour_id)
            except ValueError:
                raise ChangedElsewhere(
                    f"Kernpunt {number} is elders verwijderd of verplaatst.", point_id=point_id
                ) from None
            if abs(here - there) != 1:
                raise ChangedElsewhere(
                    "De volgorde van de kernpunten is elders gewijzigd.", point_id=point_id
                )
            order[here], order[there] = order[there], order[here]
            for position, row_id in enumerate(order):
                self.conn.execute(
                    "UPDATE key_points SET position = ? WHERE id = ?", [position, row_id]
                )

    def merge_points(
        self,
        meeting_id: int,
        seen: Sequence[tuple[int, int, int]],
        text: str,
    ) -> int:
        """Points ``(id, revision, number)`` become the first of them, with ``text``.

        The remark links are the union, each keeping what was accepted of it.
        """
        if len(seen) < 2:
            raise SpiegelError("Markeer minstens twee kernpunten om samen te voegen.")
        with self.store.transaction():
            self._meeting(meeting_id)
            for point_id, revision, number in seen:
                self._point(meeting_id, point_id, revision, number)
            first = seen[0][0]
            for point_id, _, _ in seen[1:]:
                links = self.conn.execute(
                    "SELECT remark_id, accepted FROM key_point_remarks "
                    "WHERE key_point_id = ? ORDER BY position",
                    [point_id],
                ).fetchall()
                for remark_id, accepted in links:
                    self._link(first, [remark_id])
                    self.conn.execute(
                        "UPDATE key_point_remarks SET accepted = accepted | ? "
                        "WHERE key_point_id = ? AND remark_id = ?",
                        [accepted, first, remark_id],
                    )
                self.conn.execute("DELETE FROM key_points WHERE id = ?", [point_id])
            self.conn.execute(
                "UPDATE key_points SET text = ?, revision = revision + 1 WHERE id = ?",
                [text, first],
            )
        return first

    def point_order(self, meeting_id: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT id FROM key_points WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
        )
        return [row_id for (row_id,) in rows]

    # Texts -------------------------------------------------------------------

    def save_text(self, meeting_id: int, field: str, text: str, revision: int) -> int:
        """Write one outcome text seen at ``revision``; returns the new revision."""
        if field not in TEXT_FIELDS:
            raise ValueError(field)
        with self.store.transaction():
            self._meeting(meeting_id)
            changed = self.conn.execute(
                f"UPDATE meetings SET {field} = ?, {field}_rev = {field}_rev + 1, "
                f"updated_at = ? WHERE id = ? AND {field}_rev = ?",
                [text, _now(), meeting_id, revision],
            ).rowcount
            if not changed:
                raise ChangedElsewhere("Deze tekst is elders gewijzigd.", field=field)
        return revision + 1

    # Drafts of texts being typed ---------------------------------------------

    def save_text_draft(self, meeting_id: int | None, owner: str, slot: str, text: str) -> None:
        with self.store.transaction(0.1):
            self.conn.execute(
                "DELETE FROM text_drafts WHERE meeting_id IS ? AND owner = ? AND slot = ?",
                [meeting_id, owner, slot],
            )
            if text:
                self.conn.execute(
                    "INSERT INTO text_drafts (meeting_id, owner, slot, text, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [meeting_id, owner, slot, text, _now()],
                )

    def text_drafts(self, meeting_id: int | None) -> list[tuple[str, str, str]]:
        """``(owner, slot, text)`` of every draft for the meeting, newest first."""
        rows = self.conn.execute(
            "SELECT owner, slot, text FROM text_drafts WHERE meeting_id IS ? "
            "ORDER BY updated_at DESC, rowid DESC",
            [meeting_id],
        )
        return [(owner, slot, text) for owner, slot, text in rows]

    def delete_text_draft(self, meeting_id: int | None, owner: str, slot: str) -> None:
        self.save_text_draft(meeting_id, owner, slot, "")
