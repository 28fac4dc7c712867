"""Purge finishes what it promises, checks it, and says what is true when it cannot.

Three ways it used to report success (or the wrong failure) with the text still there:

- a backup interrupted by kill -9 leaves its temporary copy (every raw note) in the
  backup folder; purge never removed it;
- another program holding a read transaction keeps the WAL from being emptied: the
  old pages, text included, stay in the file; purge said it was done;
- on a nearly full disk the rows went, VACUUM failed, the message said nothing was
  saved, and the backups (with the text) stayed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import TZ, small_filesystem, small_meeting

from spiegel_tui.cli import main
from spiegel_tui.errors import StorageError
from spiegel_tui.model import KeyPoint, Remark
from spiegel_tui.paths import backup_dir
from spiegel_tui.storage import MeetingStore, maintenance
from spiegel_tui.storage.maintenance import (
    PurgeIncompleteError,
    backup,
    list_backups,
    purge_meeting,
)

SECRET = "Vertrouwelijkxyzzy over het gezin"


def everywhere(db_path: Path) -> bytes:
    """The database, its WAL, the backups and anything else in the backup folder."""
    paths = [db_path, db_path.with_name(db_path.name + "-wal")]
    folder = backup_dir(db_path)
    if folder.is_dir():
        paths += sorted(folder.iterdir())
    return b"".join(p.read_bytes() for p in paths if p.is_file())


def with_secret(store: MeetingStore) -> int:
    meeting_id = store.add_meeting(small_meeting(3))
    store.add_remark(meeting_id, Remark(at=dt.datetime.now(TZ), text=SECRET))
    return meeting_id


def test_a_copy_left_by_a_killed_backup_is_removed(store: MeetingStore, db_path: Path):
    meeting_id = with_secret(store)
    made = backup(store)
    # What kill -9 during a backup leaves: the temporary copy, minutes old.
    left = made.with_name(f".{made.stem}-later.db.tmp")
    shutil.copy(made, left)
    assert SECRET.encode() in left.read_bytes()
    purge_meeting(store, meeting_id)
    assert not left.exists()
    assert SECRET.encode() not in everywhere(db_path)


def test_a_reader_holding_the_file_is_reported_not_hidden(
    store: MeetingStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(maintenance, "PURGE_PATIENCE_S", 0.3)
    meeting_id = with_secret(store)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM remarks").fetchone()
    try:
        with pytest.raises(PurgeIncompleteError) as raised:
            purge_meeting(store, meeting_id)
        message = str(raised.value)
        assert "leest de database nog" in message
        assert "opnieuw" in message
        assert raised.value.removed == 4
        # True: the rows are gone, the text is still in the file.
        assert store.load_remarks(meeting_id) == []
        assert SECRET.encode() in everywhere(db_path)
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    # Once the reader is gone, purging again finishes the job.
    assert purge_meeting(store, meeting_id) == 0
    assert SECRET.encode() not in everywhere(db_path)


def test_the_command_line_exits_1_with_what_is_true(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(maintenance, "PURGE_PATIENCE_S", 0.3)
    store = MeetingStore.open(db_path)
    meeting_id = with_secret(store)
    store.close()
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM remarks").fetchone()
    try:
        assert main(["--db", str(db_path), "purge", str(meeting_id), "--yes"]) == 1
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    err = capsys.readouterr().err
    assert "gewist" in err and "niet af" in err
    assert main(["--db", str(db_path), "purge", str(meeting_id), "--yes"]) == 0
    assert "Gecontroleerd" in capsys.readouterr().out
    assert SECRET.encode() not in everywhere(db_path)


def test_text_kept_in_the_outcome_is_not_taken_for_a_failure(store: MeetingStore):
    meeting_id = with_secret(store)
    meeting = store.load_meeting(meeting_id)
    meeting.outcome.key_points = [KeyPoint(text=SECRET)]
    store.save_outcome(meeting_id, meeting.outcome)
    assert purge_meeting(store, meeting_id) == 4


@pytest.fixture
def small_mount(tmp_path: Path):
    yield from small_filesystem(tmp_path / "klein", "3m")


def test_nearly_full_disk_tells_the_truth_and_removes_the_backups(small_mount: Path):
    path = small_mount / "vol.db"
    store = MeetingStore.open(path)
    big = small_meeting(0)
    big.remarks = [
        Remark(at=dt.datetime.now(TZ), text=f"Andere bijeenkomst {n} " + "tekst " * 150)
        for n in range(500)
    ]
    store.add_meeting(big)
    meeting_id = with_secret(store)
    backup(store, keep=1)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Leave room for the delete, not for VACUUM's copy of the whole file.
    free = shutil.disk_usage(small_mount).free
    filler = small_mount / "opvulling"
    filler.write_bytes(b"\0" * max(0, free - 96 * 1024))
    assert SECRET.encode() in everywhere(path)
    with pytest.raises(StorageError) as raised:
        purge_meeting(store, meeting_id)
    message = str(raised.value)
    assert "niets opgeslagen" not in message.lower()
    if isinstance(raised.value, PurgeIncompleteError):
        # The rows went; the message says so, and what is left to do.
        assert "gewist" in message and "niet af" in message
        assert "schijf" in message
        assert store.load_remarks(meeting_id) == []
        # The backups held the text the note-taker asked to wipe: gone all the same.
        assert list_backups(path) == []
        print("purge on a nearly full disk:", message)
    else:
        # Not even the delete fitted: then nothing is gone, and it says so.
        assert message.startswith("Niets gewist")
        assert len(store.load_remarks(meeting_id)) == 4
    filler.unlink()
    purge_meeting(store, meeting_id)
    assert SECRET.encode() not in everywhere(path)
    store.close()
