"""Storage under pressure: a database locked for long, a failing disk, drafts that wait.

The app's writes run on the UI thread, so a database locked by another program for
long must give a Dutch message after a short wait, not a frozen screen; the draft
saver must not wait at all beyond a moment.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest
from helpers import TZ

from spiegel_tui.capture import sync as capture_sync
from spiegel_tui.capture.sync import DraftKeeper
from spiegel_tui.errors import BusyError, StorageError
from spiegel_tui.model import Remark
from spiegel_tui.storage import Draft, MeetingStore
from spiegel_tui.storage.database import BUSY_TIMEOUT_MS, describe_sqlite_error


def remark(text: str) -> Remark:
    return Remark(at=dt.datetime(2021, 10, 14, 20, 0, tzinfo=TZ), text=text)


@pytest.fixture
def locker(db_path: Path):
    """Another program's connection; ``.execute("BEGIN EXCLUSIVE")`` to hold the lock."""
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_a_long_lock_is_reported_after_the_patience_not_the_default(
    store: MeetingStore, meeting_id: int, locker
) -> None:
    locker.execute("BEGIN EXCLUSIVE")
    store.write_patience = 0.4
    start = time.monotonic()
    with pytest.raises(BusyError, match="bezet door een ander programma"):
        store.add_remark(meeting_id, remark("tijdens het slot"))
    waited = time.monotonic() - start
    assert 0.35 < waited < 1.5, waited
    # The connection's own busy timeout is back for every other statement.
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    # Nothing half-written; once the lock is gone the same write succeeds.
    locker.execute("ROLLBACK")
    assert [r.text for r in store.load_remarks(meeting_id)][-1] != "tijdens het slot"
    store.add_remark(meeting_id, remark("na het slot"))
    assert store.load_remarks(meeting_id)[-1].text == "na het slot"


def test_patience_zero_tries_once(store: MeetingStore, meeting_id: int, locker) -> None:
    locker.execute("BEGIN EXCLUSIVE")
    start = time.monotonic()
    with pytest.raises(BusyError), store.transaction(0):
        pass
    assert time.monotonic() - start < 0.3


def test_a_lock_released_while_waiting_lets_the_write_through(
    store: MeetingStore, meeting_id: int, locker
) -> None:
    import threading

    locker.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.3, locker.execute, ["ROLLBACK"]).start()
    store.write_patience = 2.0
    store.add_remark(meeting_id, remark("even gewacht"))
    assert store.load_remarks(meeting_id)[-1].text == "even gewacht"


def test_draft_saves_wait_a_moment_then_report_once(
    store: MeetingStore, meeting_id: int, locker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capture_sync, "DRAFT_BUSY_GRACE_S", 0.5)
    keeper = DraftKeeper(store, meeting_id)
    locker.execute("BEGIN EXCLUSIVE")
    start = time.monotonic()
    # Within the grace period a locked database only postpones the save, quickly.
    assert keeper.save(Draft("een")) is False
    assert time.monotonic() - start < 0.5
    time.sleep(0.6)
    # Past it: raised, first with failing False (the screen reports it) ...
    with pytest.raises(BusyError):
        keeper.save(Draft("een twee"))
    assert keeper.failing is False
    # ... then with failing True (already reported), until a save succeeds.
    with pytest.raises(BusyError):
        keeper.save(Draft("een twee drie"))
    assert keeper.failing is True
    locker.execute("ROLLBACK")
    assert keeper.save(Draft("een twee drie")) is True
    assert keeper.failing is False
    assert store.newest_draft(meeting_id).text == "een twee drie"


def test_other_draft_failures_are_reported_once(store: MeetingStore, meeting_id: int) -> None:
    keeper = DraftKeeper(store, meeting_id)

    def refuse(*args: object) -> None:
        raise StorageError("De schijf is vol.")

    original = store.save_draft
    store.save_draft = refuse  # type: ignore[method-assign]
    with pytest.raises(StorageError):
        keeper.save(Draft("a"))
    assert keeper.failing is False  # the first: report it
    with pytest.raises(StorageError):
        keeper.save(Draft("ab"))
    assert keeper.failing is True  # reported already
    store.save_draft = original  # type: ignore[method-assign]
    assert keeper.save(Draft("abc"))
    assert keeper.failing is False


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("disk I/O error", "de schijf is vol of geeft een fout"),
        ("database or disk is full", "De schijf is vol"),
        ("database is locked", "bezet door een ander programma"),
        ("attempt to write a readonly database", "alleen-lezen"),
        ("file is not a database", "beschadigd"),
    ],
)
def test_sqlite_errors_in_dutch(message: str, expected: str) -> None:
    text = describe_sqlite_error(sqlite3.OperationalError(message), None)
    assert expected in text
    assert message not in text
