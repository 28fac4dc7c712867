"""Files with client data are owner-only, and SQLite's English never reaches the user.

- An existing 0644 database (copied in, a wide umask) is narrowed to 0600 on open,
  so SQLite's -wal and -shm (which take the database's mode) are 0600 too.
- A -wal or -shm put beside the database by another user (a shared folder) is
  refused before any note text is written into it.
- Every SQLite failure, raised anywhere on the connection (the store, sqlite-utils,
  the command line), arrives as a Dutch :class:`StorageError`.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import TZ, small_filesystem, small_meeting

from spiegel_tui.cli import main
from spiegel_tui.errors import (
    BusyError,
    DiskFullError,
    ReadOnlyError,
    SpiegelError,
    StorageError,
)
from spiegel_tui.model import Remark
from spiegel_tui.storage import Draft, MeetingStore, sqlite_error_message
from spiegel_tui.storage.database import describe_sqlite_error, translate_sqlite_error

#: SQLite's own phrases: none may appear in what the user reads.
ENGLISH = (
    "disk I/O",
    "unable to open",
    "FOREIGN KEY",
    "constraint failed",
    "is locked",
    "attempt to write",
    "readonly database",
    "or disk is full",
    "file is not a database",
    "malformed",
    "no such",
    "SQL logic",
    "out of memory",
)
SECRET = "Geheimxyzzy over de zaak"
OTHER_UID = 54321


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_dutch(text: str) -> None:
    for phrase in ENGLISH:
        assert phrase.lower() not in text.lower(), text


def remark(text: str) -> Remark:
    return Remark(at=dt.datetime(2021, 10, 14, 20, 0, tzinfo=TZ), text=text)


# Class 7: owner-only -------------------------------------------------------------


def test_an_existing_0644_database_gets_owner_only_wal_and_shm(db_path: Path) -> None:
    store = MeetingStore.open(db_path)
    meeting_id = store.add_meeting(small_meeting(1))
    store.close()
    os.chmod(db_path, 0o644)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    old_umask = os.umask(0o022)
    try:
        store = MeetingStore.open(db_path)
        store.add_remark(meeting_id, remark(SECRET))
        assert mode(db_path) == 0o600
        for suffix in ("-wal", "-shm"):
            companion = db_path.with_name(db_path.name + suffix)
            assert companion.exists()
            assert mode(companion) == 0o600, suffix
        store.close()
    finally:
        os.umask(old_umask)


def test_own_wide_wal_left_behind_is_narrowed(db_path: Path) -> None:
    MeetingStore.open(db_path).close()
    wal = db_path.with_name(db_path.name + "-wal")
    wal.unlink(missing_ok=True)
    fd = os.open(wal, os.O_CREAT | os.O_WRONLY, 0o666)
    os.close(fd)
    os.chmod(wal, 0o666)
    store = MeetingStore.open(db_path)
    assert mode(wal) == 0o600
    store.close()


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_a_wal_or_shm_precreated_by_another_user_is_refused(db_path: Path, suffix: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file to another user")
    store = MeetingStore.open(db_path)
    meeting_id = store.add_meeting(small_meeting(0))
    store.close()
    planted = db_path.with_name(db_path.name + suffix)
    planted.unlink(missing_ok=True)
    fd = os.open(planted, os.O_CREAT | os.O_WRONLY, 0o666)
    os.close(fd)
    os.chmod(planted, 0o666)
    os.chown(planted, OTHER_UID, OTHER_UID)
    with pytest.raises(StorageError, match="andere gebruiker") as raised:
        store = MeetingStore.open(db_path)
        try:
            store.add_remark(meeting_id, remark(SECRET))
        finally:
            store.close()
    assert_dutch(str(raised.value))
    assert SECRET.encode() not in planted.read_bytes()
    assert planted.stat().st_uid == OTHER_UID  # left as it was


def test_a_database_of_another_user_is_refused(db_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file to another user")
    MeetingStore.open(db_path).close()
    os.chown(db_path, OTHER_UID, OTHER_UID)
    with pytest.raises(StorageError, match="andere gebruiker"):
        MeetingStore.open(db_path)


# Class 10: one translation point ------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "disk I/O error",
        "unable to open database file",
        "FOREIGN KEY constraint failed",
        "database is locked",
        "attempt to write a readonly database",
        "database or disk is full",
        "file is not a database",
        "database disk image is malformed",
        "no such table: remarks",
        "SQL logic error",
        "out of memory",
        "something SQLite never said",
    ],
)
def test_no_sqlite_english_in_any_message(message: str) -> None:
    error = sqlite3.OperationalError(message)
    assert_dutch(describe_sqlite_error(error, Path("/tmp/x.db")))
    translated = translate_sqlite_error(error, None)
    assert isinstance(translated, StorageError)
    assert_dutch(str(translated))


def test_the_cli_gets_sqlite_errors_in_dutch_without_importing_sqlite() -> None:
    # The CLI's last resort asks storage: it may not import sqlite3 itself.
    message = sqlite_error_message(sqlite3.OperationalError("database is locked"))
    assert message is not None
    assert_dutch(message)
    assert sqlite_error_message(ValueError("geen SQLite")) is None


def test_a_foreign_key_failure_is_dutch(store: MeetingStore) -> None:
    # What a draft save for a meeting deleted elsewhere used to show.
    with pytest.raises(SpiegelError) as raised:
        store.save_draft(9999, Draft("tekst"))
    assert_dutch(str(raised.value))
    with pytest.raises(StorageError) as raised:
        store.conn.execute(
            "INSERT INTO drafts (meeting_id, owner, updated_at) VALUES (9999, '', 'x')"
        )
    assert_dutch(str(raised.value))


def test_errors_raised_inside_sqlite_utils_are_dutch(store: MeetingStore) -> None:
    # Any statement on the connection, not just the store's own: here sqlite-utils'.
    with pytest.raises(StorageError) as raised:
        store.db["remarks"].insert({"meeting_id": 9999, "seq": 1, "at": "x", "text": "t"})
    assert_dutch(str(raised.value))
    assert isinstance(raised.value, sqlite3.Error)  # sqlite-utils' fallbacks still see one


def test_real_codes_pick_the_right_kind() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("SELECT * FROM nothing_here")
    except sqlite3.Error as error:
        assert_dutch(str(translate_sqlite_error(error, None)))
    try:
        sqlite3.connect("/nonexistent-folder/x.db")
    except sqlite3.Error as error:
        translated = translate_sqlite_error(error, Path("/nonexistent-folder/x.db"))
        assert_dutch(str(translated))
        assert "openen" in str(translated)
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert isinstance(translate_sqlite_error(locked, None), BusyError)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert isinstance(translate_sqlite_error(full, None), DiskFullError)
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorcode = 8  # type: ignore[attr-defined]
    assert isinstance(translate_sqlite_error(readonly, None), ReadOnlyError)


def test_command_line_on_a_file_that_is_not_a_database(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "kapot.db"
    bogus.write_bytes(b"dit is geen database " * 200)
    os.chmod(bogus, 0o600)
    assert main(["--db", str(bogus), "list"]) == 1
    err = capsys.readouterr().err
    assert "beschadigd" in err
    assert_dutch(err)


@pytest.fixture
def small_mount(tmp_path: Path):
    yield from small_filesystem(tmp_path / "klein", "1m")


def fill(folder: Path) -> Path:
    filler = folder / "opvulling"
    handle = open(filler, "wb", buffering=0)  # noqa: SIM115 - closed below, full or not
    try:
        while True:
            handle.write(b"\0" * 4096)
    except OSError:
        pass
    finally:
        handle.close()
    return filler


def test_full_and_read_only_filesystem_messages_are_dutch(small_mount: Path) -> None:
    path = small_mount / "vol.db"
    store = MeetingStore.open(path)
    meeting_id = store.add_meeting(small_meeting(2))
    filler = fill(small_mount)
    with pytest.raises(StorageError) as raised:
        for n in range(200):
            store.add_remark(meeting_id, remark(f"{SECRET} {n} " + "x" * 2000))
    assert_dutch(str(raised.value))
    assert "vol" in str(raised.value)
    filler.unlink()
    store.add_remark(meeting_id, remark("weer ruimte"))
    store.close()
    result = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip("cannot remount read-only here")
    with pytest.raises(StorageError) as raised:
        MeetingStore.open(path)
    assert_dutch(str(raised.value))
    assert "alleen-lezen" in str(raised.value)


def test_a_raw_sqlite_error_reaching_the_command_line_is_dutch(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spiegel_tui.cli as cli

    def broken(args: object) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(cli, "_run", broken)
    assert main(["--db", str(db_path), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spiegel: ")
    assert_dutch(err)
