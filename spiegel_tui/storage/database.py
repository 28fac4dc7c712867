"""Opening the database: owner-only files, WAL, pragmas, migrations, version check.

Plain ``sqlite3`` here: opening a database that is up to date (every start of the app)
needs no sqlite-utils, whose import is a quarter of the app's start-up time. It is
loaded when a migration must run (see ``schema.py``) or a store call uses its table
API (``MeetingStore.db``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from spiegel_tui.errors import (
    BusyError,
    NewerDatabaseError,
    ReadOnlyError,
    SpiegelError,
    StorageError,
)
from spiegel_tui.fileio import OWNER_FILE, ensure_private_dir
from spiegel_tui.storage.schema import (
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
    schema_migrations,
)
from spiegel_tui.storage.sqlite_errors import (
    SpiegelConnection,
    _is_locked,
    _reason,
    describe_sqlite_error,
    translate_sqlite_error,
)

BUSY_TIMEOUT_MS = 5_000
#: How long a write waits in all for another note-taker's write to finish: a
#: command-line import may wait long.
WRITE_PATIENCE_S = 30.0
#: The app waits much shorter: its writes run on the UI thread, and a database locked
#: by another program for long must not freeze the screen. A second note-taker's
#: write takes milliseconds; anything longer is reported and the text kept.
INTERACTIVE_WRITE_PATIENCE_S = 2.0
#: SQLite's ``synchronous`` setting on every connection (the benchmark compares).
SYNCHRONOUS = "NORMAL"


def open_database(
    path: Path | str,
    *,
    create_folder: bool = False,
    readonly: bool = False,
) -> sqlite3.Connection:
    """Open (and if needed create and migrate) the Spiegel database at ``path``.

    ``":memory:"`` gives a private in-memory database (tests). Raises
    :class:`StorageError` with a Dutch message for every reason the file cannot be
    used, and :class:`NewerDatabaseError` for a database from a newer release; in
    both cases the file is left as it was.
    """
    if str(path) == ":memory:":
        conn = sqlite3.connect(
            ":memory:", isolation_level=None, check_same_thread=False, factory=SpiegelConnection
        )
        _configure(conn)
        _migrate(conn, Path(":memory:"))
        return conn
    path = Path(path).expanduser()
    made = _prepare_file(path, create_folder=create_folder, readonly=readonly)
    try:
        return _connect(path, readonly=readonly)
    except BaseException:
        # A file that turned out unusable is left as it was: without the -wal and
        # -shm made for it.
        for companion in made:
            with contextlib.suppress(OSError):
                if companion.stat().st_size == 0:
                    companion.unlink()
        raise


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
        conn = sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            factory=SpiegelConnection,
        )
    except sqlite3.Error as error:
        raise translate_sqlite_error(error, path) from None
    conn.db_path = path
    try:
        _check_is_ours(conn, path)
        _configure(conn, readonly=readonly)
        _migrate(conn, path, readonly=readonly)
        if not readonly:
            _check_companions(path)
    except SpiegelError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise translate_sqlite_error(error, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare_file(path: Path, *, create_folder: bool, readonly: bool) -> list[Path]:
    """Check and claim the file; returns the companion files made for it."""
    if path.is_dir():
        raise StorageError(f"'{path}' is een map, geen databasebestand.")
    folder = path.parent
    if not folder.is_dir():
        if not create_folder:
            raise StorageError(
                f"De map '{folder}' bestaat niet. Maak haar eerst aan of kies een ander pad."
            )
        try:
            ensure_private_dir(folder)
        except OSError as error:
            raise StorageError(f"Kan de map '{folder}' niet aanmaken: {_reason(error)}.") from None
    if readonly:
        if not path.exists():
            raise StorageError(f"De database '{path}' bestaat niet.")
        return []
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise ReadOnlyError(
                f"De database '{path}' is alleen-lezen of niet toegankelijk; "
                "Spiegel moet er notities in kunnen bewaren."
            )
        _make_private(path, "De database")
    else:
        try:
            # Create the file ourselves so it is owner-only from its first byte;
            # SQLite gives the -wal and -shm files the same permissions.
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
            os.close(fd)
        except FileExistsError:
            pass
        except OSError as error:
            raise StorageError(
                f"Kan de database '{path}' niet aanmaken: {_reason(error)}."
            ) from None
    return [companion for companion in companions(path) if _claim_companion(companion)]


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside the database; each can hold note text."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _make_private(path: Path, what: str) -> None:
    """Owner-only, or refuse: a file someone else owns could be read by them.

    An existing 0644 database (copied in, made by an older release, a wide umask) is
    narrowed to 0600: SQLite gives its -wal and -shm files the database's mode.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise StorageError(
            f"{what} '{path}' is van een andere gebruiker: die zou uw notities kunnen "
            "lezen. Spiegel gebruikt dit bestand niet; kies een eigen map."
        )
    if info.st_mode & 0o077:
        try:
            os.chmod(path, OWNER_FILE)
        except OSError as error:
            raise StorageError(
                f"Kan {what.lower()} '{path}' niet alleen voor u leesbaar maken: {_reason(error)}."
            ) from None


def _claim_companion(companion: Path) -> bool:
    """A -wal or -shm that is there already must be ours and owner-only; one that is
    not there yet is made now, 0600, so nobody can put theirs in its place first
    (SQLite opens an existing -wal as it finds it, owner and mode included)."""
    _make_private(companion, "Het bestand")
    if companion.name.endswith("-journal"):
        return False
    try:
        fd = os.open(companion, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        os.close(fd)
    except OSError:
        # There already (checked above), or SQLite creates it (with the database's
        # mode, now 0600) or reports why.
        return False
    return True


def _check_companions(path: Path) -> None:
    """After opening: what SQLite uses beside the file is ours and owner-only."""
    for companion in companions(path):
        _make_private(companion, "Het bestand")


def _table_names(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    tables = _table_names(conn)
    if tables and MIGRATIONS_TABLE not in tables:
        raise StorageError(f"'{path}' is een database van een ander programma, niet van Spiegel.")


def _configure(conn: sqlite3.Connection, *, readonly: bool = False) -> None:
    # Per connection: none of these is stored in the file except journal_mode.
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted notes about clients are overwritten, not left in free pages.
    conn.execute("PRAGMA secure_delete = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode survives a crash or kill -9 with every commit intact; only
    # power loss can take the last commits. FULL would survive that too, but on the
    # Enter path it measured 6.3-8.7 ms from Enter to painted against 2.2-3.7 ms
    # (``bench_capture.py --only enter --synchronous FULL``), over the 5 ms target.
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    """Names of our migrations this database has applied (read-only)."""
    if MIGRATIONS_TABLE not in _table_names(conn):
        return set()
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    return {name for (name,) in rows}


def _migrate(conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
    applied = applied_migrations(conn)
    if applied - set(KNOWN_MIGRATIONS):
        raise NewerDatabaseError(
            f"De database '{path}' is gemaakt door een nieuwere versie van Spiegel. "
            "Werk Spiegel bij om haar te openen; er is niets aan veranderd."
        )
    if applied >= set(KNOWN_MIGRATIONS):
        return
    if readonly:
        raise StorageError(
            f"De database '{path}' moet worden bijgewerkt, maar is alleen-lezen geopend."
        )
    # Two processes migrating at once: the second waits for the first's lock,
    # then finds nothing pending.
    from sqlite_utils import Database

    with write_transaction(conn):
        schema_migrations().apply(Database(conn, execute_plugins=False))


@contextlib.contextmanager
def write_transaction(
    conn: sqlite3.Connection, patience: float = WRITE_PATIENCE_S
) -> Iterator[sqlite3.Connection]:
    """One write transaction, started with BEGIN IMMEDIATE.

    IMMEDIATE takes the write lock up front, so a second note-taker on the same file
    waits instead of failing with SQLITE_BUSY_SNAPSHOT halfway. ``patience`` is how
    long to wait in all for the lock (0: try once); after that :class:`BusyError`.
    """
    if conn.in_transaction:
        yield from _savepoint(conn)
        return
    _begin_immediate(conn, patience)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            # A failed rollback (the disk went away) must not hide why it failed.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error) and not isinstance(error, StorageError):
            raise translate_sqlite_error(error, _path_of(conn)) from None
        raise


def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Inside an open transaction: a failed inner part is undone, the outer goes on."""
    name = f"spiegel_{id(conn)}_{time.monotonic_ns()}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


def _begin_immediate(conn: sqlite3.Connection, patience: float) -> None:
    deadline = time.monotonic() + patience
    shortened = patience * 1000 < BUSY_TIMEOUT_MS
    try:
        while True:
            if shortened:
                # SQLite's own wait (the busy timeout) must not outlast our patience.
                left = max(0, int((deadline - time.monotonic()) * 1000))
                conn.execute(f"PRAGMA busy_timeout = {left}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_locked(error):
                    raise translate_sqlite_error(error, _path_of(conn)) from None
                if time.monotonic() >= deadline:
                    raise BusyError(describe_sqlite_error(error, _path_of(conn))) from None
                time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
    finally:
        if shortened:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _path_of(conn: sqlite3.Connection) -> Path | None:
    return getattr(conn, "db_path", None)


__all__ = [
    "BUSY_TIMEOUT_MS",
    "INTERACTIVE_WRITE_PATIENCE_S",
    "WRITE_PATIENCE_S",
    "SpiegelConnection",
    "describe_sqlite_error",
    "open_database",
    "translate_sqlite_error",
    "write_transaction",
]
