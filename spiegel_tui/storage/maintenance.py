"""Backups and purging: keeping raw notes about clients recoverable, then short-lived."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from pathlib import Path

from spiegel_tui.errors import StorageError
from spiegel_tui.fileio import OWNER_FILE, describe_os_error, describe_os_reason, ensure_private_dir
from spiegel_tui.paths import backup_dir
from spiegel_tui.storage.database import companions, describe_sqlite_error, write_transaction
from spiegel_tui.storage.store import MeetingStore

KEEP_BACKUPS = 5


def list_backups(db_path: Path) -> list[Path]:
    """Backups of the database at ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


class _TooSlow(Exception):
    """The backup was still copying at its deadline."""


def backup(
    store: MeetingStore, *, keep: int = KEEP_BACKUPS, deadline: float | None = None
) -> Path | None:
    """A consistent copy of the database (SQLite online backup); the newest ``keep`` stay.

    The copy is read on a connection of its own, so it holds only committed data even
    when called while ``store`` is inside a transaction (a signal handler), and it is
    written under a temporary name and renamed when complete: a backup interrupted by
    a crash or a deadline never counts as one. ``deadline`` (a ``time.monotonic()``
    value) abandons the copy when it is not done by then.

    Returns the new file, or ``None`` for an in-memory store or an abandoned copy.
    """
    if store.path is None:
        return None
    # A file replaced under us is not ours to copy (nor is a deleted one there).
    store.check_file()
    folder = backup_dir(store.path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.path.stem}-{stamp}.db"
    partial = folder / f".{target.name}.tmp"
    try:
        ensure_private_dir(folder)
        _remove_leftovers(folder)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_FILE)
        os.close(fd)
        _copy(store.path, partial, deadline)
        os.replace(partial, target)
        _fsync_dir(folder)
    except _TooSlow:
        _discard(partial)
        return None
    except OSError as error:
        _discard(partial)
        raise StorageError(describe_os_error(error, target)) from None
    except sqlite3.Error as error:
        _discard(partial)
        raise StorageError(describe_sqlite_error(error, target)) from None
    except BaseException:
        _discard(partial)
        raise
    backups = list_backups(store.path)
    for old in _rotated_out(backups[:-keep], backups[-keep:], target) if keep else []:
        old.unlink(missing_ok=True)
    return target


def _meeting_ids(path: Path) -> set[int] | None:
    try:
        # immutable: a finished backup is never written; opening it leaves no -wal/-shm.
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            return {row[0] for row in conn.execute("SELECT id FROM meetings")}
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _rotated_out(older: list[Path], kept: list[Path], current: Path) -> list[Path]:
    """The backups beyond the newest few that may go.

    One stays for every meeting deleted since (README: an accidentally deleted
    meeting can be recovered): the newest backup still holding it, unless a kept
    one does. Without this, apps closing after a delete elsewhere pushed the last
    good copy out with backups that no longer hold the meeting.
    """
    now = _meeting_ids(current)
    if now is None:
        return older
    held: set[int] = set()
    for path in kept:
        held |= _meeting_ids(path) or set()
    going: list[Path] = []
    for path in reversed(older):
        ids = _meeting_ids(path) or set()
        lost = ids - now - held
        if lost:
            held |= ids
            continue
        going.append(path)
    return going


#: Pages copied per step when racing a deadline (4 MiB at the default page size).
_STEP_PAGES = 1024


def _copy(source_path: Path, target: Path, deadline: float | None) -> None:
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            if deadline is None:
                # One step: the whole file under one read lock.
                source.backup(dest)
            else:

                def check(status: int, remaining: int, total: int) -> None:
                    if remaining and time.monotonic() > deadline:
                        raise _TooSlow

                if time.monotonic() > deadline:
                    raise _TooSlow
                source.backup(dest, pages=_STEP_PAGES, progress=check, sleep=0.01)
        finally:
            dest.close()
    finally:
        source.close()


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _remove_leftovers(folder: Path) -> None:
    """Copies a crash or a deadline interrupted (an hour old, so not someone's copy
    in progress)."""
    for leftover in folder.glob(".*.db.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > 3600:
                leftover.unlink()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class ClosingBackups:
    """A backup when a meeting is closed, if this connection wrote since the last one.

    Opening and closing without typing anything makes no copy, so five backups are
    five different states, not the same one five times.
    """

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self._backed_up = self._changes()

    def _changes(self) -> int:
        # Marking a meeting open or closed is not a change worth a copy.
        return self.store.conn.total_changes - self.store.bookkeeping_changes

    @property
    def due(self) -> bool:
        return self.store.path is not None and self._changes() != self._backed_up

    def make(self, *, deadline: float | None = None) -> Path | None:
        """The backup, or None (nothing changed, or not done by ``deadline``).

        Raises :class:`StorageError` when it cannot be written.
        """
        if not self.due:
            return None
        changes = self._changes()
        made = backup(self.store, deadline=deadline)
        if made is not None:
            self._backed_up = changes
        return made


#: How long purge waits for other readers to let go before the WAL can be emptied.
PURGE_PATIENCE_S = 5.0
#: At most this many of the removed texts (the longest) are searched for afterwards.
VERIFY_TEXTS = 300
#: Shorter texts could match unrelated bytes; they are not searched for.
VERIFY_MIN_BYTES = 8


class PurgeIncompleteError(StorageError):
    """Purge did not finish what it promises; the message says what is true now."""

    def __init__(self, message: str, removed: int, meetings: list[int]) -> None:
        super().__init__(message)
        self.removed = removed
        self.meetings = meetings


def purge_meeting(store: MeetingStore, meeting_id: int) -> int:
    """Remove a meeting's raw remarks, drafts and local labels; keep its outcome.

    Returns how many remarks were removed. The text is gone from the file itself
    (secure delete, FTS optimise, VACUUM, WAL truncated), from every backup and from
    copies a crash left behind, and that is checked afterwards by searching those
    files for it. When any of that did not work, :class:`PurgeIncompleteError` says
    what is true (the rows may be gone while the text is still in the file); running
    purge again finishes the job.
    """
    return purge_meetings(store, [meeting_id])


def purge_older_than(store: MeetingStore, days: int) -> list[int]:
    """Purge every not-yet-purged meeting held more than ``days`` days ago."""
    ids = store.meetings_before(dt.date.today() - dt.timedelta(days=days))
    if ids:
        purge_meetings(store, ids)
    return ids


def purge_meetings(store: MeetingStore, meeting_ids: list[int]) -> int:
    """Purge ``meeting_ids`` and check the result; returns the remarks removed."""
    texts = _texts_of(store, meeting_ids)
    labels = _labels_of(store, meeting_ids)
    try:
        removed = _purge_rows(store, meeting_ids)
    except StorageError as error:
        # The transaction was rolled back: nothing is gone.
        raise StorageError(f"Niets gewist: {_why(error)}") from None
    problems = _scrub(store)
    problems += _verify(store, texts)
    problems += _labels_left(store, labels)
    if problems:
        what = (
            f"{removed} opmerking(en) zijn uit de bijeenkomst gewist, maar de purge is niet "
            "af: " + " ".join(problems) + " Voer de purge daarna opnieuw uit; dat maakt "
            "het af."
        )
        raise PurgeIncompleteError(what, removed, meeting_ids)
    return removed


def _why(error: StorageError) -> str:
    """The reason in a StorageError's message, without its 'nothing saved' tail (a
    purge that failed did not fail to save)."""
    text = str(error)
    for tail in (" Er is niets opgeslagen; probeer het zo opnieuw.", " Er is niets opgeslagen."):
        text = text.replace(tail, "")
    return text


def _texts_of(store: MeetingStore, meeting_ids: list[int]) -> list[str]:
    """The private texts purge removes, to search the files for afterwards."""
    texts: set[str] = set()
    marks = ", ".join("?" for _ in meeting_ids)
    for sql in (
        f"SELECT text FROM remarks WHERE meeting_id IN ({marks})",
        f"SELECT text FROM drafts WHERE meeting_id IN ({marks})",
        f"SELECT label FROM participants WHERE meeting_id IN ({marks})",
    ):
        texts.update(row[0] for row in store.conn.execute(sql, meeting_ids) if row[0])
    wanted = sorted(
        (t for t in texts if len(t.encode()) >= VERIFY_MIN_BYTES), key=len, reverse=True
    )
    return wanted[:VERIFY_TEXTS]


def _purge_rows(store: MeetingStore, meeting_ids: list[int]) -> int:
    removed = 0
    with write_transaction(store.conn):
        # Labels first become pseudonyms in every kept text: once forgotten, no
        # exporter could recognise them any more (attack 10 #4).
        _pseudonyms_for_labels(store, meeting_ids)
        for meeting_id in meeting_ids:
            removed += store.purge_raw_notes(meeting_id)
    return removed


#: The kept texts of a meeting row, with the revision column a wrap-up checks.
_MEETING_TEXTS = {
    "topic": None,
    "location": None,
    "listeners": None,
    "introduction": "introduction_rev",
    "produced": "produced_rev",
    "input_follow_up": "input_follow_up_rev",
    "follow_up_meeting": "follow_up_meeting_rev",
}


def _pseudonyms_for_labels(store: MeetingStore, meeting_ids: list[int]) -> None:
    """Replace every local label in the texts purge keeps by its pseudonym.

    Runs inside the purge's transaction; matches as the exporters do (inflections,
    look-alikes, invisible characters: see :func:`export.labels.label_scrubber`).
    """
    # The matcher lives with the exporters; it needs nothing but the model.
    from spiegel_tui.export.labels import label_scrubber

    conn = store.conn
    for meeting_id in meeting_ids:
        scrub = label_scrubber(store.load_meeting(meeting_id))
        row = conn.execute(
            f"SELECT {', '.join(_MEETING_TEXTS)}, facilitators FROM meetings WHERE id = ?",
            [meeting_id],
        ).fetchone()
        for index, (column, rev) in enumerate(_MEETING_TEXTS.items()):
            if (new := scrub(row[index])) != row[index]:
                bump = f", {rev} = {rev} + 1" if rev else ""
                conn.execute(
                    f"UPDATE meetings SET {column} = ?{bump} WHERE id = ?", [new, meeting_id]
                )
        facilitators = json.loads(row[len(_MEETING_TEXTS)])
        if (scrubbed := [scrub(f) for f in facilitators]) != facilitators:
            conn.execute(
                "UPDATE meetings SET facilitators = ? WHERE id = ?",
                [json.dumps(scrubbed, ensure_ascii=False), meeting_id],
            )
        for table, column, bump in (
            ("key_points", "text", ", revision = revision + 1"),
            ("questions", "text", ""),
        ):
            for item_id, text in conn.execute(
                f"SELECT id, {column} FROM {table} WHERE meeting_id = ?", [meeting_id]
            ).fetchall():
                if (new := scrub(text)) != text:
                    conn.execute(
                        f"UPDATE {table} SET {column} = ?{bump} WHERE id = ?", [new, item_id]
                    )


def _labels_of(store: MeetingStore, meeting_ids: list[int]) -> dict[int, dict[str, str]]:
    """Meeting id -> participant key -> label, to check the kept texts for afterwards."""
    marks = ", ".join("?" for _ in meeting_ids)
    labels: dict[int, dict[str, str]] = {}
    for meeting_id, key, label in store.conn.execute(
        f"SELECT meeting_id, key, label FROM participants WHERE meeting_id IN ({marks})",
        meeting_ids,
    ):
        if label:
            labels.setdefault(meeting_id, {})[key] = label
    return labels


def _labels_left(store: MeetingStore, labels: dict[int, dict[str, str]]) -> list[str]:
    """The purge self-check for labels: no kept text of a purged meeting may hold one,
    in any spelling the exporters recognise."""
    from spiegel_tui.export.labels import label_warnings

    problems = []
    for meeting_id, by_key in labels.items():
        try:
            meeting = store.load_meeting(meeting_id)
        except StorageError:
            continue
        for participant in meeting.participants:
            participant.label = by_key.get(participant.key, "")
        if label_warnings(meeting):
            problems.append(
                f"In de uitkomst van bijeenkomst {meeting_id} staat nog een lokale naam."
            )
    return problems


def _scrub(store: MeetingStore) -> list[str]:
    """Make deleted text unrecoverable from the database file, its WAL, its backups
    and left-over copies. Returns what did not work (Dutch sentences)."""
    problems: list[str] = []
    conn = store.conn
    try:
        conn.execute("INSERT INTO remarks_fts(remarks_fts) VALUES ('optimize')")
        conn.execute("VACUUM")
    except StorageError as error:
        problems.append(f"Het databasebestand is niet opgeruimd (VACUUM): {_why(error)}")
    problems += _empty_wal(store)
    if store.path is None:
        return problems
    folder = backup_dir(store.path)
    old_copies = list_backups(store.path)
    # Copies a crash or kill -9 interrupted hold every raw note too, whatever their age.
    old_copies += sorted(folder.glob(".*.db.tmp")) if folder.is_dir() else []
    for old in old_copies:
        try:
            old.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            problems.append(
                f"Kan de oude kopie '{old}' niet verwijderen: {describe_os_reason(error)}."
            )
    if not problems:
        try:
            backup(store)
        except StorageError as error:
            problems.append(f"Er is nu geen reservekopie: {_why(error)}")
    return problems


def _empty_wal(store: MeetingStore) -> list[str]:
    """Copy the WAL into the file and empty it; another reader can hold it up."""
    deadline = time.monotonic() + PURGE_PATIENCE_S
    while True:
        try:
            busy, _, _ = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except StorageError as error:
            return [f"Het WAL-bestand is niet geleegd: {_why(error)}"]
        if not busy:
            return []
        if time.monotonic() >= deadline:
            return [
                "Een ander programma (of een andere Spiegel) leest de database nog, dus "
                "staat de oude tekst nog in het bestand. Sluit dat programma."
            ]
        time.sleep(0.1)


def _verify(store: MeetingStore, texts: list[str]) -> list[str]:
    """Search every file the text could linger in; report where it still is."""
    if store.path is None:
        return []
    files = [store.path, *companions(store.path), *list_backups(store.path)]
    folder = backup_dir(store.path)
    if folder.is_dir():
        files += sorted(folder.glob(".*.db.tmp"))
    texts = _gone_texts(store, texts)
    problems: list[str] = []
    for path in files:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as error:
            problems.append(f"Kan '{path}' niet controleren: {describe_os_reason(error)}.")
            continue
        if any(text.encode() in data for text in texts):
            problems.append(f"De gewiste tekst staat nog in '{path}'.")
    return list(dict.fromkeys(problems))


#: Everything that stays after a purge, as text: a removed remark quoted in a key
#: point, or the same words in another meeting, is no sign of a failed purge.
_KEPT_TEXT = """
    SELECT EXISTS (SELECT 1 FROM remarks WHERE instr(text, :t))
        OR EXISTS (SELECT 1 FROM key_points WHERE instr(text, :t))
        OR EXISTS (SELECT 1 FROM drafts WHERE instr(text, :t))
        OR EXISTS (SELECT 1 FROM participants WHERE instr(pseudonym || ' ' || label, :t))
        OR EXISTS (SELECT 1 FROM questions WHERE instr(text, :t))
        OR EXISTS (SELECT 1 FROM organisations WHERE instr(name, :t))
        OR EXISTS (SELECT 1 FROM meetings WHERE instr(
            topic || ' ' || introduction || ' ' || produced || ' ' || input_follow_up
            || ' ' || follow_up_meeting || ' ' || listeners || ' ' || location || ' '
            || facilitators, :t))
"""


def _gone_texts(store: MeetingStore, texts: list[str]) -> list[str]:
    try:
        return [t for t in texts if not store.conn.execute(_KEPT_TEXT, {"t": t}).fetchone()[0]]
    except StorageError:
        return texts
