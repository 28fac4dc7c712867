"""Backups when a meeting closes, and purging raw notes so they do not linger."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from helpers import TZ, small_meeting

from spiegel_tui.cli import main
from spiegel_tui.meetingfile import parse_meeting
from spiegel_tui.model import Remark
from spiegel_tui.paths import backup_dir
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.maintenance import (
    backup,
    list_backups,
    purge_meeting,
    purge_older_than,
)

SECRET = "Vertrouwelijkxyzzy"
ROUNDTRIP = Path(__file__).parent / "fixtures" / "roundtrip.json"


def all_bytes(db_path: Path) -> bytes:
    """The database with its WAL and every backup: everywhere text could linger."""
    paths = [db_path, db_path.with_name(db_path.name + "-wal"), *list_backups(db_path)]
    return b"".join(p.read_bytes() for p in paths if p.exists())


def test_backup_is_consistent_private_and_keeps_five(store: MeetingStore, db_path: Path):
    meeting_id = store.add_meeting(small_meeting(4))
    made = [backup(store) for _ in range(7)]
    kept = list_backups(db_path)
    assert kept == made[-5:]
    assert stat.S_IMODE(backup_dir(db_path).stat().st_mode) == 0o700
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    copy = MeetingStore.open(kept[-1])
    assert len(copy.load_meeting(meeting_id).remarks) == 4
    copy.close()


def test_a_mistaken_delete_can_be_recovered_from_a_backup(store: MeetingStore, db_path: Path):
    meeting_id = store.add_meeting(small_meeting(3))
    saved = backup(store)
    store.delete_meeting(meeting_id)
    recovered = MeetingStore.open(saved)
    assert recovered.load_meeting(meeting_id).topic == small_meeting().topic


def test_purge_removes_raw_text_everywhere_and_keeps_the_outcome(
    store: MeetingStore, db_path: Path
):
    data = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    data["participants"][0]["label"] = "Labelnaamqqq"
    meeting_id = store.add_meeting(parse_meeting(data).meeting)
    store.add_remark(meeting_id, Remark(at=dt.datetime.now(TZ), text=f"{SECRET} over de zaak"))
    backup(store)
    assert SECRET.encode() in all_bytes(db_path)
    assert SECRET.lower().encode() in all_bytes(db_path)  # the full-text index's copy

    removed = purge_meeting(store, meeting_id)

    assert removed == 6
    meeting = store.load_meeting(meeting_id)
    assert meeting.remarks == []
    assert meeting.participants[0].label == ""
    assert [k.text for k in meeting.outcome.key_points] == [
        k["text"] for k in data["outcome"]["key_points"]
    ]
    assert meeting.outcome.produced == data["outcome"]["produced"]
    blob = all_bytes(db_path)
    assert SECRET.encode() not in blob
    assert SECRET.lower().encode() not in blob
    assert b"Labelnaamqqq" not in blob
    assert b"Stilte in de zaal" not in blob
    assert len(list_backups(db_path)) == 1


def test_purge_older_than_only_touches_old_meetings(store: MeetingStore):
    old = small_meeting(2)
    old.date = dt.date.today() - dt.timedelta(days=120)
    recent = small_meeting(2)
    recent.date = dt.date.today() - dt.timedelta(days=10)
    old_id, recent_id = store.add_meeting(old), store.add_meeting(recent)
    assert purge_older_than(store, 90) == [old_id]
    assert store.load_meeting(old_id).remarks == []
    assert len(store.load_meeting(recent_id).remarks) == 2
    assert purge_older_than(store, 90) == []  # already purged


def test_purge_command_needs_confirmation(capsys, db_path: Path, monkeypatch):
    store = MeetingStore.open(db_path)
    meeting_id = store.add_meeting(small_meeting(2))
    store.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", str(db_path), "purge", str(meeting_id)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(db_path), "purge", str(meeting_id), "--yes"]) == 0
    assert "2 opmerking(en) gewist" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "purge", "--older-than", "veel"])


def test_backups_after_a_delete_never_rotate_out_the_last_one_holding_it(
    store: MeetingStore, db_path: Path
) -> None:
    import sqlite3

    meeting_id = store.add_meeting(small_meeting(3))
    backup(store)
    store.delete_meeting(meeting_id)  # by accident, from another Spiegel
    for _ in range(7):  # apps closing afterwards each make one
        backup(store)
    holding = []
    for path in list_backups(db_path):
        copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # read, never changed
        try:
            holding += [path for (i,) in copy.execute("SELECT id FROM meetings") if i == meeting_id]
        finally:
            copy.close()
    assert holding, "the deleted meeting is in no backup any more"
