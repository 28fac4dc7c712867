"""MeetingStore: reads and writes domain objects; the only place with SQL.

Every public write runs in its own IMMEDIATE transaction, so a remark is on disk when
``add_remark`` returns, and a second note-taker's app on the same file waits its turn
instead of failing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spiegel_tui.errors import DatabaseGoneError, MeetingGoneError, NotFoundError, StorageError
from spiegel_tui.model import (
    KeyPoint,
    Kind,
    Meeting,
    MeetingSummary,
    Organisation,
    Outcome,
    Participant,
    Question,
    Remark,
    Role,
)
from spiegel_tui.storage.database import (
    WRITE_PATIENCE_S,
    describe_sqlite_error,
    open_database,
    write_transaction,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


#: The outcome's texts that carry a revision (``<field>_rev``, see schema m004).
_TEXT_FIELDS = ("introduction", "produced", "input_follow_up", "follow_up_meeting")

#: Kind by stored value: a dict lookup, ten times cheaper than ``Kind(value)``.
_KINDS: dict[str, Kind] = {str(kind): kind for kind in Kind}


@dataclass
class Draft:
    """What the note-taker is typing, and the context it will be saved with."""

    text: str = ""
    participant: str | None = None
    organisations: list[str] = field(default_factory=list)
    kind: Kind = Kind.NOTE
    starred: bool = False
    private: bool = False


@dataclass(frozen=True)
class _KeyMaps:
    """A meeting's keys to row ids, looked up once per write."""

    people: dict[str, int]
    questions: dict[str, int]
    orgs: dict[str, int]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class MeetingStore:
    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        #: How long a write waits for another connection's lock (the app shortens it).
        self.write_patience = WRITE_PATIENCE_S
        #: The file this connection opened (device, inode): a sync client, a restore
        #: or ``mv`` can put another file at ``path`` (or none) while we run, and the
        #: connection would go on writing into the old one, which nobody will see.
        self._identity = _identity(path)
        #: Rows changed by bookkeeping (which app has a meeting open), not by notes.
        self.bookkeeping_changes = 0

    def check_file(self) -> None:
        """Raise :class:`DatabaseGoneError` if the file at ``path`` is no longer the
        one this connection writes to (deleted, or replaced by another file)."""
        if self._identity is None:
            return
        if _identity(self.path) != self._identity:
            raise DatabaseGoneError(
                f"Het databasebestand '{self.path}' is verwijderd of vervangen terwijl "
                "Spiegel draaide (een synchronisatieprogramma, een herstelde kopie of een "
                "ander programma). Wat u nu bewaart, zou daar niet meer in komen."
            )

    @classmethod
    def open(
        cls, path: Path | str, *, create_folder: bool = False, readonly: bool = False
    ) -> MeetingStore:
        conn = open_database(path, create_folder=create_folder, readonly=readonly)
        return cls(conn, None if str(path) == ":memory:" else Path(path))

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection, for its table API (setup, outcome,
        import). Loaded on first use: the paths taken on every start and every
        remark (load, commit, draft) are plain SQL."""
        from sqlite_utils import Database

        # No plugins: a sqlite-utils plugin installed elsewhere on the machine must
        # not get a hook into the connection that holds client notes.
        return Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(self._stream(sql, params))

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts, one at a time: for results that are turned into objects as
        they come (10,000 remarks: 8 MB less at the peak than a list first)."""
        try:
            cursor = self.conn.execute(sql, list(params))
            names = [column[0] for column in cursor.description]
            for row in cursor:
                yield dict(zip(names, row, strict=True))
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None

    def transaction(
        self, patience: float | None = None
    ) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """Group several store calls into one all-or-nothing write.

        Waits up to ``patience`` seconds (default :attr:`write_patience`) for another
        connection's write lock, then raises :class:`BusyError`. Raises
        :class:`DatabaseGoneError` when the file was deleted or replaced, before the
        write, or after it (then the write went into the old file only).
        """
        return self._checked_transaction(self.write_patience if patience is None else patience)

    @contextlib.contextmanager
    def _checked_transaction(self, patience: float) -> Iterator[sqlite3.Connection]:
        self.check_file()
        with write_transaction(self.conn, patience) as conn:
            yield conn
        if not self.conn.in_transaction:
            self.check_file()

    def data_version(self) -> int:
        """Changes whenever another connection commits: a cheap 'anything new?'."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

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

    def require_open_for_notes(self, meeting_id: int) -> None:
        """Raise :class:`MeetingGoneError` if the meeting was deleted or its raw notes
        purged (by another Spiegel, or ``spiegel purge``): nothing may be added then."""
        rows = self._rows("SELECT purged_at FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise MeetingGoneError(
                f"Bijeenkomst {meeting_id} is verwijderd (in een andere Spiegel of met "
                "de opdrachtregel) terwijl u notuleerde."
            )
        if rows[0]["purged_at"] is not None:
            raise MeetingGoneError(
                f"De ruwe notities van bijeenkomst {meeting_id} zijn gewist (purge) terwijl "
                "u notuleerde; er worden geen opmerkingen meer aan toegevoegd."
            )

    def meeting_exists(self, meeting_id: int) -> bool:
        return bool(self._rows("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]))

    def _require(self, meeting_id: int) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise NotFoundError(f"Er is geen bijeenkomst met nummer {meeting_id}.")
        return rows[0]

    def add_meeting(self, meeting: Meeting) -> int:
        """Store a whole meeting (setup, remarks, outcome) in one transaction.

        Remark ids in ``meeting`` are taken as references local to the object (key
        points point at them) and replaced by the stored ids, in place.
        """
        with self.transaction():
            now = _now()
            meeting_id = (
                self.db["meetings"]
                .insert({**_setup_row(meeting), "created_at": now, "updated_at": now})
                .last_pk
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
            self.db["meetings"].update(meeting.id, {**_setup_row(meeting), "updated_at": _now()})
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

    # Setup helpers ------------------------------------------------------

    def _sync_setup(self, meeting_id: int, meeting: Meeting) -> None:
        org_ids = self._sync_items(
            "organisations",
            meeting_id,
            [{"key": o.key, "name": o.name} for o in meeting.organisations],
        )
        person_ids = self._sync_items(
            "participants",
            meeting_id,
            [
                {
                    "key": p.key,
                    "pseudonym": p.pseudonym,
                    "role": str(p.role),
                    "present": int(p.present),
                    "label": p.label,
                }
                for p in meeting.participants
            ],
        )
        for person in meeting.participants:
            pid = person_ids[person.key]
            self.conn.execute(
                "DELETE FROM participant_organisations WHERE participant_id = ?", [pid]
            )
            for key in dict.fromkeys(person.organisations):
                if key in org_ids:
                    self.conn.execute(
                        "INSERT INTO participant_organisations VALUES (?, ?)", [pid, org_ids[key]]
                    )
        self._sync_items(
            "questions", meeting_id, [{"key": q.key, "text": q.text} for q in meeting.questions]
        )

    def _sync_items(
        self, table: str, meeting_id: int, items: list[dict[str, Any]]
    ) -> dict[str, int]:
        existing = self._key_ids(table, meeting_id)
        wanted = {item["key"] for item in items}
        for key, row_id in existing.items():
            if key not in wanted:
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        ids: dict[str, int] = {}
        for position, item in enumerate(items):
            row = {**item, "meeting_id": meeting_id, "position": position}
            if item["key"] in existing:
                ids[item["key"]] = existing[item["key"]]
                self.db[table].update(existing[item["key"]], row)
            else:
                ids[item["key"]] = self.db[table].insert(row).last_pk
        return ids

    def _key_maps(self, meeting_id: int) -> _KeyMaps:
        return _KeyMaps(
            people=self._key_ids("participants", meeting_id),
            questions=self._key_ids("questions", meeting_id),
            orgs=self._key_ids("organisations", meeting_id),
        )

    def _key_ids(self, table: str, meeting_id: int) -> dict[str, int]:
        rows = self.conn.execute(f"SELECT key, id FROM {table} WHERE meeting_id = ?", [meeting_id])
        return dict(rows.fetchall())

    # Remarks ------------------------------------------------------------

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

    # Drafts -------------------------------------------------------------

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

    # Outcome ------------------------------------------------------------

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


def _draft_from_row(row: dict[str, Any]) -> Draft:
    return Draft(
        text=row["text"],
        participant=row["participant"],
        organisations=json.loads(row["organisations"]),
        kind=_KINDS[row["kind"]],
        starred=bool(row["starred"]),
        private=bool(row["private"]),
    )
