"""The SQLite store: durability settings, versions, permissions, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from helpers import TZ, small_meeting

from spiegel_tui.errors import NewerDatabaseError, NotFoundError, StorageError
from spiegel_tui.model import Kind, Participant, Remark, Role
from spiegel_tui.storage import Draft, MeetingStore


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pragmas_are_set_on_every_open(store: MeetingStore) -> None:
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_files_and_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "spiegel" / "spiegel.db"
    store = MeetingStore.open(path, create_folder=True)
    store.add_meeting(small_meeting())
    assert mode(path.parent) == 0o700
    for name in ("spiegel.db", "spiegel.db-wal", "spiegel.db-shm"):
        assert mode(path.parent / name) == 0o600, name
    store.close()


def test_missing_folder_is_refused_without_create(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="bestaat niet"):
        MeetingStore.open(tmp_path / "nope" / "x.db")
    assert not (tmp_path / "nope").exists()


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    MeetingStore.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('spiegel', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerDatabaseError, match="nieuwere versie"):
        MeetingStore.open(db_path)
    assert digest(db_path) == before


def test_older_database_is_migrated(db_path: Path) -> None:
    # An empty file is what a release before the first migration would leave.
    db_path.touch(mode=0o600)
    store = MeetingStore.open(db_path)
    assert store.list_meetings() == []
    store.close()


def test_corrupt_database_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(8192))
    before = digest(db_path)
    with pytest.raises(StorageError, match="beschadigd"):
        MeetingStore.open(db_path)
    assert digest(db_path) == before


def test_foreign_database_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="ander programma"):
        MeetingStore.open(db_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_read_only_database_is_refused(db_path: Path) -> None:
    MeetingStore.open(db_path).close()
    db_path.chmod(0o400)
    with pytest.raises(StorageError, match="alleen-lezen"):
        MeetingStore.open(db_path)


def test_read_only_database_is_refused_by_access_check(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    MeetingStore.open(db_path).close()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m: False if Path(p) == db_path else real_access(p, m)
    )
    with pytest.raises(StorageError, match="alleen-lezen"):
        MeetingStore.open(db_path)


def test_directory_as_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="map"):
        MeetingStore.open(tmp_path)


def test_remark_is_committed_when_add_returns(store: MeetingStore, db_path: Path) -> None:
    meeting_id = store.add_meeting(small_meeting(0))
    store.add_remark(
        meeting_id,
        Remark(at=dt.datetime(2021, 10, 14, 20, 0, tzinfo=TZ), text="Direct bewaard"),
    )
    # A second connection (another process) sees it without any close or checkpoint.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT text FROM remarks").fetchall() == [("Direct bewaard",)]
    other.close()


def test_two_writers_interleaved_lose_nothing(db_path: Path) -> None:
    first = MeetingStore.open(db_path)
    meeting_id = first.add_meeting(small_meeting(0))
    second = MeetingStore.open(db_path)

    def write(store: MeetingStore, who: str) -> None:
        for i in range(100):
            store.add_remark(
                meeting_id,
                Remark(at=dt.datetime.now(TZ), text=f"{who} {i}", participant="p1"),
            )

    threads = [
        threading.Thread(target=write, args=(first, "een")),
        threading.Thread(target=write, args=(second, "twee")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    remarks = first.load_remarks(meeting_id)
    assert len(remarks) == 200
    assert sorted(r.text for r in remarks) == sorted(
        [f"een {i}" for i in range(100)] + [f"twee {i}" for i in range(100)]
    )
    assert [r.id for r in remarks] == sorted(r.id for r in remarks)
    first.close()
    second.close()


def test_data_version_tells_of_other_writers(db_path: Path) -> None:
    first = MeetingStore.open(db_path)
    meeting_id = first.add_meeting(small_meeting(0))
    second = MeetingStore.open(db_path)
    seen = first.data_version()
    second.add_remark(meeting_id, Remark(at=dt.datetime.now(TZ), text="van de ander"))
    assert first.data_version() != seen
    assert [r.text for r in first.load_remarks(meeting_id)] == ["van de ander"]


def test_full_text_search_ignores_accents_and_case(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(0))
    for text in ("De cliënt werd niet gehoord", "Veel geduld", "Client tevreden"):
        store.add_remark(meeting_id, Remark(at=dt.datetime.now(TZ), text=text))
    found = store.search_remarks(meeting_id, "client")
    assert [store.load_meeting(meeting_id).remark(i).text for i in found] == [
        "De cliënt werd niet gehoord",
        "Client tevreden",
    ]
    assert len(store.search_remarks(meeting_id, "ged")) == 1  # prefix while typing
    # FTS5 syntax typed by a user is searched as text, never an error.
    assert store.search_remarks(meeting_id, 'ged"') == store.search_remarks(meeting_id, "ged")
    assert store.search_remarks(meeting_id, 'NEAR( "AND OR * :') == []
    assert store.search_remarks(meeting_id, "   ") == []


def test_edit_and_soft_delete(store: MeetingStore, meeting_id: int) -> None:
    remark = store.load_meeting(meeting_id).remarks[0]
    remark.text = "Aangepast"
    remark.kind = Kind.WISH
    remark.organisations = ["jgb", "rvdk"]
    remark.participant = None
    store.update_remark(meeting_id, remark)
    again = store.load_meeting(meeting_id).remark(remark.id)
    assert (again.text, again.kind, again.organisations, again.participant) == (
        "Aangepast",
        Kind.WISH,
        ["rvdk", "jgb"],  # in the meeting's organisation order
        None,
    )
    store.set_remark_deleted(remark.id, True)
    assert store.load_meeting(meeting_id).remark(remark.id).deleted
    assert store.list_meetings()[0].remarks == 2
    store.set_remark_deleted(remark.id, False)
    assert not store.load_meeting(meeting_id).remark(remark.id).deleted


def test_draft_round_trip(store: MeetingStore, meeting_id: int) -> None:
    assert store.load_draft(meeting_id) is None
    draft = Draft("Half getypt", "p2", ["vt", "jgb"], Kind.IMPROVEMENT, True, True)
    store.save_draft(meeting_id, draft)
    assert store.load_draft(meeting_id) == draft


def test_save_setup_keeps_remark_links(store: MeetingStore, meeting_id: int) -> None:
    meeting = store.load_meeting(meeting_id)
    meeting.participants[0].pseudonym = "Ouder 10"
    meeting.participants.append(Participant("p5", "Pleegouder 1", Role.PLEEGOUDER))
    meeting.topic = "Nieuw onderwerp"
    store.save_setup(meeting)
    again = store.load_meeting(meeting_id)
    assert again.topic == "Nieuw onderwerp"
    assert [p.pseudonym for p in again.participants][-1] == "Pleegouder 1"
    assert again.remarks[0].participant == "p1"
    assert again.participant("p1").pseudonym == "Ouder 10"


def test_unknown_meeting(store: MeetingStore) -> None:
    with pytest.raises(NotFoundError, match="geen bijeenkomst met nummer 42"):
        store.load_meeting(42)


def test_delete_meeting_removes_everything(store: MeetingStore, meeting_id: int) -> None:
    store.delete_meeting(meeting_id)
    assert store.list_meetings() == []
    assert store.db.execute("SELECT count(*) FROM remarks").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM remarks_fts").fetchone()[0] == 0


def test_first_release_database_keeps_its_draft_when_migrated(db_path: Path) -> None:
    """m002 gives drafts an owner; a draft typed under the first schema survives it."""
    from sqlite_utils import Database

    from spiegel_tui.storage.schema import schema_migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    schema_migrations().apply(Database(conn), stop_before="m002_drafts_per_session")
    conn.execute(
        "INSERT INTO meetings (topic, date, created_at, updated_at) "
        "VALUES ('Oud', '2026-01-01', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO drafts (meeting_id, text, participant, kind, updated_at) "
        "VALUES (1, 'van voor de update', 'p1', 'wish', 'x')"
    )
    conn.close()
    store = MeetingStore.open(db_path)
    assert store.draft_owners(1) == [""]
    assert store.load_draft(1, "") == Draft("van voor de update", "p1", kind=Kind.WISH)
    store.close()


def test_drafts_are_kept_per_owner(store: MeetingStore, meeting_id: int) -> None:
    store.save_draft(meeting_id, Draft("van A"), "A")
    store.save_draft(meeting_id, Draft("van B"), "B")
    assert store.draft_owners(meeting_id) == ["B", "A"]  # the newest first
    assert store.load_draft(meeting_id, "A") == Draft("van A")
    assert store.newest_draft(meeting_id) == Draft("van B")
    # Taking over replaces the taker's own draft, and leaves the other alone.
    assert store.take_over_draft(meeting_id, "A", "B") == Draft("van A")
    assert store.draft_owners(meeting_id) == ["B"]
    assert store.load_draft(meeting_id, "B") == Draft("van A")
    store.delete_draft(meeting_id, "B")
    assert store.newest_draft(meeting_id) is None
