"""The outcome's row: saving and loading it whole (see outcome_store for edits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spiegel_tui.model import (
    KeyPoint,
    Outcome,
)
from spiegel_tui.storage.connection import StoreConnection, _now

if TYPE_CHECKING:
    pass


#: The outcome's texts that carry a revision (``<field>_rev``, see schema m004).
_TEXT_FIELDS = ("introduction", "produced", "input_follow_up", "follow_up_meeting")


class OutcomeRows(StoreConnection):
    """The outcome part of :class:`~spiegel_tui.storage.MeetingStore`."""

    def save_outcome(self, meeting_id: int, outcome: Outcome) -> None:
        """Replace the key points and closing texts in one transaction."""
        self._require(meeting_id)
        with self.transaction():
            self._write_outcome(meeting_id, outcome)

    def save_introduction(self, meeting_id: int, text: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE meetings SET introduction = ?, introduction_rev = introduction_rev + 1, "
                "updated_at = ? WHERE id = ?",
                [text, _now(), meeting_id],
            )

    def _write_outcome(self, meeting_id: int, outcome: Outcome) -> None:
        self.conn.execute(
            """UPDATE meetings SET produced = ?, input_follow_up = ?, follow_up_meeting = ?,
               produced_rev = produced_rev + 1, input_follow_up_rev = input_follow_up_rev + 1,
               follow_up_meeting_rev = follow_up_meeting_rev + 1, updated_at = ? WHERE id = ?""",
            [
                outcome.produced,
                outcome.input_follow_up,
                outcome.follow_up_meeting,
                _now(),
                meeting_id,
            ],
        )
        self.conn.execute("DELETE FROM key_points WHERE meeting_id = ?", [meeting_id])
        for position, point in enumerate(outcome.key_points):
            point.id = (
                self.db["key_points"]
                .insert({"meeting_id": meeting_id, "position": position, "text": point.text})
                .last_pk
            )
            for order, remark_id in enumerate(dict.fromkeys(point.remarks)):
                self.conn.execute(
                    "INSERT INTO key_point_remarks (key_point_id, remark_id, position) "
                    "VALUES (?, ?, ?)",
                    [point.id, remark_id, order],
                )

    def _load_outcome(self, row: dict[str, Any]) -> Outcome:
        points = self._rows(
            "SELECT id, text, revision FROM key_points WHERE meeting_id = ? ORDER BY position, id",
            [row["id"]],
        )
        links: dict[int, list[int]] = {}
        held: dict[int, list[int]] = {}
        for link in self._rows(
            # A link is held when its remark gained a flag (1 private, 2 deleted)
            # the note-taker has not accepted (see schema m004).
            """SELECT kr.key_point_id, kr.remark_id,
                      (r.private * 1 + r.deleted * 2) & ~kr.accepted AS unseen
               FROM key_point_remarks kr
               JOIN key_points k ON k.id = kr.key_point_id
               JOIN remarks r ON r.id = kr.remark_id
               WHERE k.meeting_id = ? ORDER BY kr.position""",
            [row["id"]],
        ):
            links.setdefault(link["key_point_id"], []).append(link["remark_id"])
            if link["unseen"]:
                held.setdefault(link["key_point_id"], []).append(link["remark_id"])
        return Outcome(
            key_points=[
                KeyPoint(
                    text=p["text"],
                    remarks=links.get(p["id"], []),
                    id=p["id"],
                    revision=p["revision"],
                    held_by=held.get(p["id"], []),
                )
                for p in points
            ],
            produced=row["produced"],
            input_follow_up=row["input_follow_up"],
            follow_up_meeting=row["follow_up_meeting"],
            revisions={f: row[f"{f}_rev"] for f in _TEXT_FIELDS},
        )
