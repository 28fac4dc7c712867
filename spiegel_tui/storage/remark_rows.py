"""Remarks: add, edit, delete, search; each write in its own transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spiegel_tui.errors import NotFoundError
from spiegel_tui.model import (
    Remark,
)
from spiegel_tui.storage.setup_rows import SetupRows, _KeyMaps

if TYPE_CHECKING:
    pass


class RemarkRows(SetupRows):
    """The remarks part of :class:`~spiegel_tui.storage.MeetingStore`."""

    def add_remark(self, meeting_id: int, remark: Remark) -> Remark:
        """Commit one remark; when this returns it is on disk. Sets ``remark.id``."""
        with self.transaction():
            self.require_open_for_notes(meeting_id)
            seq = self.conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM remarks WHERE meeting_id = ?",
                [meeting_id],
            ).fetchone()[0]
            remark.id = self._insert_remark(meeting_id, remark, seq, self._key_maps(meeting_id))
        return remark

    def _insert_remark(self, meeting_id: int, remark: Remark, seq: int, keys: _KeyMaps) -> int:
        # Plain SQL on the path every Enter takes: sqlite-utils' insert() inspects
        # the table first (30 statements for one row).
        remark_id = self.conn.execute(
            """INSERT INTO remarks (meeting_id, seq, at, participant_id, question_id, text,
                                    kind, starred, private, deleted)
               VALUES (:meeting_id, :seq, :at, :participant_id, :question_id, :text,
                       :kind, :starred, :private, :deleted)""",
            {"meeting_id": meeting_id, "seq": seq, **self._remark_fields(remark, keys)},
        ).lastrowid
        assert remark_id is not None
        self._link_organisations(remark_id, remark.organisations, keys)
        return remark_id

    @staticmethod
    def _remark_fields(remark: Remark, keys: _KeyMaps) -> dict[str, Any]:
        return {
            "at": remark.at.isoformat(timespec="seconds"),
            "participant_id": keys.people.get(remark.participant) if remark.participant else None,
            "question_id": keys.questions.get(remark.question) if remark.question else None,
            "text": remark.text,
            "kind": str(remark.kind),
            "starred": int(remark.starred),
            "private": int(remark.private),
            "deleted": int(remark.deleted),
        }

    def _link_organisations(self, remark_id: int, org_keys: list[str], keys: _KeyMaps) -> None:
        self.conn.execute("DELETE FROM remark_organisations WHERE remark_id = ?", [remark_id])
        for key in dict.fromkeys(org_keys):
            if key in keys.orgs:
                self.conn.execute(
                    "INSERT INTO remark_organisations VALUES (?, ?)", [remark_id, keys.orgs[key]]
                )

    def update_remark(self, meeting_id: int, remark: Remark) -> None:
        """Write a remark's text, context and flags (matched by ``remark.id``)."""
        if remark.id is None:
            raise ValueError("update_remark needs a stored remark")
        with self.transaction():
            keys = self._key_maps(meeting_id)
            changed = self.conn.execute(
                """UPDATE remarks SET at = :at, participant_id = :participant_id,
                   question_id = :question_id, text = :text, kind = :kind,
                   starred = :starred, private = :private, deleted = :deleted
                   WHERE id = :id AND meeting_id = :meeting_id""",
                {
                    **self._remark_fields(remark, keys),
                    "id": remark.id,
                    "meeting_id": meeting_id,
                },
            ).rowcount
            if not changed:
                self.require_open_for_notes(meeting_id)
                raise NotFoundError("Die opmerking bestaat niet (meer).")
            self._link_organisations(remark.id, remark.organisations, keys)

    def set_remark_deleted(self, remark_id: int, deleted: bool) -> None:
        """Soft delete (and undo): the row stays until the meeting is purged."""
        with self.transaction():
            self.conn.execute(
                "UPDATE remarks SET deleted = ? WHERE id = ?", [int(deleted), remark_id]
            )

    def search_remarks(self, meeting_id: int, query: str) -> list[int]:
        """Ids of the meeting's remarks whose text matches ``query`` (FTS5)."""
        terms = [t for t in query.split() if t]
        if not terms:
            return []
        # Each word as a quoted prefix: safe for any input, natural while typing.
        match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
        rows = self._rows(
            # A join lets SQLite run the MATCH once per remark (3 s at 10,000);
            # the subquery runs it once (4 ms).
            """SELECT r.id FROM remarks r
               WHERE r.id IN (SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH ?)
                 AND r.meeting_id = ? ORDER BY r.seq""",
            [match, meeting_id],
        )
        return [r["id"] for r in rows]
