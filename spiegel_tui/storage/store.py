"""MeetingStore: reads and writes domain objects; the only place with SQL.

Every public write runs in its own IMMEDIATE transaction, so a remark is on disk when
``add_remark`` returns, and a second note-taker's app on the same file waits its turn
instead of failing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from spiegel_tui.errors import StorageError
from spiegel_tui.model import (
    Meeting,
    MeetingSummary,
    Organisation,
    Participant,
    Question,
    Remark,
    Role,
)
from spiegel_tui.storage.connection import _KINDS, _now
from spiegel_tui.storage.database import (
    describe_sqlite_error,
)
from spiegel_tui.storage.draft_rows import Draft, DraftRows
from spiegel_tui.storage.followup_store import FollowUpStore
from spiegel_tui.storage.outcome_rows import OutcomeRows
from spiegel_tui.storage.remark_rows import RemarkRows

if TYPE_CHECKING:
    pass


__all__ = ["Draft", "MeetingStore"]


class MeetingStore(RemarkRows, DraftRows, OutcomeRows):
    """Meetings and everything in them. The parts live beside this module: the
    connection (connection.py), setup rows, remarks, drafts and presence, outcome."""

    # Meetings -----------------------------------------------------------

    def list_meetings(self) -> list[MeetingSummary]:
        rows = self._rows(
            """
            SELECT m.id, m.date, m.topic,
                   (SELECT count(*) FROM remarks r
                    WHERE r.meeting_id = m.id AND r.deleted = 0) AS remarks
            FROM meetings m ORDER BY m.date DESC, m.id DESC
            """
        )
        return [
            MeetingSummary(
                id=r["id"],
                date=dt.date.fromisoformat(r["date"]),
                topic=r["topic"],
                remarks=r["remarks"],
            )
            for r in rows
        ]

    def add_meeting(self, meeting: Meeting) -> int:
        """Store a whole meeting (setup, remarks, outcome) in one transaction.

        Remark ids in ``meeting`` are taken as references local to the object (key
        points point at them) and replaced by the stored ids, in place.
        """
        with self.transaction():
            now = _now()
            meeting_id = self._insert(
                "meetings", {**_setup_row(meeting), "created_at": now, "updated_at": now}
            )
            self._sync_setup(meeting_id, meeting)
            keys = self._key_maps(meeting_id)
            local_to_stored: dict[int, int] = {}
            for seq, remark in enumerate(meeting.remarks, start=1):
                local = remark.id
                remark.id = self._insert_remark(meeting_id, remark, seq, keys)
                if local is not None:
                    local_to_stored[local] = remark.id
            for point in meeting.outcome.key_points:
                point.remarks = [local_to_stored[r] for r in point.remarks if r in local_to_stored]
            self._write_outcome(meeting_id, meeting.outcome)
            FollowUpStore(self).write_cycle(meeting_id, meeting.cycle)
        meeting.id = meeting_id
        return meeting_id

    def load_meeting(self, meeting_id: int) -> Meeting:
        row = self._require(meeting_id)
        orgs = self._rows(
            "SELECT id, key, name FROM organisations WHERE meeting_id = ? ORDER BY position",
            [meeting_id],
        )
        org_key = {o["id"]: o["key"] for o in orgs}
        people = self._rows(
            "SELECT * FROM participants WHERE meeting_id = ? ORDER BY position", [meeting_id]
        )
        person_orgs: dict[int, list[str]] = {}
        for link in self._rows(
            """SELECT po.participant_id, po.organisation_id FROM participant_organisations po
               JOIN organisations o ON o.id = po.organisation_id
               WHERE o.meeting_id = ? ORDER BY o.position""",
            [meeting_id],
        ):
            person_orgs.setdefault(link["participant_id"], []).append(
                org_key[link["organisation_id"]]
            )
        questions = self._rows(
            "SELECT id, key, text FROM questions WHERE meeting_id = ? ORDER BY position",
            [meeting_id],
        )
        meeting = Meeting(
            id=meeting_id,
            topic=row["topic"],
            date=dt.date.fromisoformat(row["date"]),
            start=dt.time.fromisoformat(row["start"]) if row["start"] else None,
            location=row["location"],
            introduction=row["introduction"],
            invited=row["invited"],
            facilitators=json.loads(row["facilitators"]),
            listeners=row["listeners"],
            organisations=[Organisation(key=o["key"], name=o["name"]) for o in orgs],
            participants=[
                Participant(
                    key=p["key"],
                    pseudonym=p["pseudonym"],
                    role=Role(p["role"]),
                    present=bool(p["present"]),
                    organisations=person_orgs.get(p["id"], []),
                    label=p["label"],
                )
                for p in people
            ],
            questions=[Question(key=q["key"], text=q["text"]) for q in questions],
        )
        meeting.remarks = self.load_remarks(meeting_id)
        meeting.outcome = self._load_outcome(row)
        FollowUpStore(self).load_into(meeting)
        return meeting

    def load_remarks(self, meeting_id: int, *, after_seq: int = 0) -> list[Remark]:
        """Remarks in capture order, deleted ones included (flagged).

        Runs on every start, so 10,000 remarks must load fast and small: plain tuples,
        one query for all organisation links instead of one per remark, and the key
        strings shared from the meeting's setup instead of one copy per remark.
        """
        keys = self._key_maps(meeting_id)
        people = {row_id: key for key, row_id in keys.people.items()}
        questions = {row_id: key for key, row_id in keys.questions.items()}
        org_keys = {row_id: key for key, row_id in keys.orgs.items()}
        try:
            orgs_of: dict[int, list[str]] = {}
            for remark_id, org_id in self.conn.execute(
                """SELECT ro.remark_id, ro.organisation_id FROM remark_organisations ro
                   JOIN remarks r ON r.id = ro.remark_id
                   JOIN organisations o ON o.id = ro.organisation_id
                   WHERE r.meeting_id = ? AND r.seq > ?
                   ORDER BY ro.remark_id, o.position""",
                [meeting_id, after_seq],
            ):
                orgs_of.setdefault(remark_id, []).append(org_keys[org_id])
            rows = self.conn.execute(
                """SELECT id, at, text, kind, participant_id, question_id, starred, private,
                          deleted
                   FROM remarks WHERE meeting_id = ? AND seq > ? ORDER BY seq""",
                [meeting_id, after_seq],
            )
            from_iso = dt.datetime.fromisoformat
            return [
                Remark(
                    id=row_id,
                    at=from_iso(at),
                    text=text,
                    kind=_KINDS[kind],
                    participant=people.get(person) if person else None,
                    organisations=orgs_of.get(row_id) or [],
                    question=questions.get(question) if question else None,
                    starred=bool(starred),
                    private=bool(private),
                    deleted=bool(deleted),
                )
                for row_id, at, text, kind, person, question, starred, private, deleted in rows
            ]
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None

    def resequence_by_time(self, meeting_id: int) -> None:
        """Put the meeting's remarks in time order (after merging two note-takers)."""
        rows = self._rows(
            "SELECT id, at FROM remarks WHERE meeting_id = ? ORDER BY seq", [meeting_id]
        )
        ordered = sorted(rows, key=lambda r: dt.datetime.fromisoformat(r["at"]))
        with self.transaction():
            # Negative first: (meeting_id, seq) values must never collide mid-way.
            for seq, row in enumerate(ordered, start=1):
                self.conn.execute("UPDATE remarks SET seq = ? WHERE id = ?", [-seq, row["id"]])
            self.conn.execute("UPDATE remarks SET seq = -seq WHERE meeting_id = ?", [meeting_id])

    def remark_seq(self, remark_id: int) -> int:
        rows = self._rows("SELECT seq FROM remarks WHERE id = ?", [remark_id])
        return rows[0]["seq"] if rows else 0

    def save_setup(self, meeting: Meeting) -> None:
        """Write the setup fields, organisations, participants and questions.

        Items are matched by key: renamed ones keep their remarks; an item whose key
        is gone is removed (remarks keep their text but lose that link).
        """
        if meeting.id is None:
            raise ValueError("save_setup needs a stored meeting")
        self._require(meeting.id)
        with self.transaction():
            self.db.table("meetings").update(
                meeting.id, {**_setup_row(meeting), "updated_at": _now()}
            )
            self._sync_setup(meeting.id, meeting)

    def delete_meeting(self, meeting_id: int) -> None:
        self._require(meeting_id)
        with self.transaction():
            self.conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])

    def meetings_before(self, cutoff: dt.date) -> list[int]:
        """Meetings held before ``cutoff`` whose raw notes are still there."""
        rows = self._rows(
            "SELECT id FROM meetings WHERE date < ? AND purged_at IS NULL ORDER BY id",
            [cutoff.isoformat()],
        )
        return [r["id"] for r in rows]

    def purge_raw_notes(self, meeting_id: int) -> int:
        """Delete remarks, draft and local labels; the outcome stays. Returns remarks removed.

        Only the rows: ``maintenance.purge_meeting`` also scrubs the file and backups.
        """
        self._require(meeting_id)
        with self.transaction():
            removed = self.conn.execute(
                "DELETE FROM remarks WHERE meeting_id = ?", [meeting_id]
            ).rowcount
            self.conn.execute("DELETE FROM drafts WHERE meeting_id = ?", [meeting_id])
            self.conn.execute("DELETE FROM text_drafts WHERE meeting_id = ?", [meeting_id])
            # Answers to the privacy check name what was found in remarks and labels.
            self.conn.execute(
                "DELETE FROM privacy_answers WHERE meeting_id = ? AND "
                "(key LIKE '%|opmerking:%' OR key LIKE 'local_label|%')",
                [meeting_id],
            )
            self.conn.execute(
                "UPDATE participants SET label = '' WHERE meeting_id = ?", [meeting_id]
            )
            self.conn.execute(
                "UPDATE meetings SET purged_at = ?, updated_at = ? WHERE id = ?",
                [_now(), _now(), meeting_id],
            )
        return removed

    def purged_at(self, meeting_id: int) -> str | None:
        return self._require(meeting_id)["purged_at"]

    def set_current_question(self, meeting_id: int, key: str | None) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE meetings SET current_question = ? WHERE id = ?", [key, meeting_id]
            )

    def current_question(self, meeting_id: int) -> str | None:
        return self._require(meeting_id)["current_question"]


def _setup_row(meeting: Meeting) -> dict[str, Any]:
    return {
        "topic": meeting.topic,
        "date": meeting.date.isoformat(),
        "start": meeting.start.strftime("%H:%M") if meeting.start else None,
        "location": meeting.location,
        "introduction": meeting.introduction,
        "invited": meeting.invited,
        "facilitators": json.dumps(meeting.facilitators, ensure_ascii=False),
        "listeners": meeting.listeners,
    }
