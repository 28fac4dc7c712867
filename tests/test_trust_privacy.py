"""Privacy by default: owner-only files, safe backups, no note text where others look.

Every file Spiegel creates (database, its WAL and SHM, backups, every export) is
0600 and every folder 0700, also when the umask would allow more; backups are
complete or absent; note text never appears in a process's command line or name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TZ, require_tool, small_meeting
from terminal_driver import SPIEGEL
from trust_support import new_database, open_capture

from spiegel_tui.export import FORMATS, export_meeting
from spiegel_tui.model import Remark
from spiegel_tui.paths import backup_dir
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.maintenance import backup, list_backups

SECRET = "Geheimxq moeder sliep in de auto"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_every_file_and_folder_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    """The library itself sets the modes: a permissive umask (0) changes nothing."""
    with umask(0):
        path = tmp_path / "data" / "spiegel" / "spiegel.db"
        store = MeetingStore.open(path, create_folder=True)
        meeting_id = store.add_meeting(small_meeting(4))
        made = backup(store)
        exports = tmp_path / "exports"
        exports.mkdir(mode=0o700)
        meeting = store.load_meeting(meeting_id)
        written = [export_meeting(meeting, fmt, exports / f"uit.{fmt}").path for fmt in FORMATS]
        checked = {
            path.parent: 0o700,
            backup_dir(path): 0o700,
            path: 0o600,
            path.with_name("spiegel.db-wal"): 0o600,
            path.with_name("spiegel.db-shm"): 0o600,
            made: 0o600,
            **dict.fromkeys(written, 0o600),
        }
        modes = {str(p): oct(mode(p)) for p in checked}
        store.close()
    assert modes == {str(p): oct(m) for p, m in checked.items()}
    # Nothing else was left behind (temporary files of the atomic writes).
    assert sorted(p.name for p in exports.iterdir()) == sorted(f"uit.{f}" for f in FORMATS)
    assert [p.name for p in backup_dir(path).iterdir()] == [made.name]


def test_the_installed_command_creates_owner_only_files(tmp_path: Path) -> None:
    """``spiegel`` started with umask 022: its default folder, database and exports."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("SPIEGEL_DB", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SPIEGEL, *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=lambda: os.umask(0o022),
        )

    created = run("new", "--topic", "Bejegening", "--participant", "Ouder 1:ouder")
    assert created.returncode == 0, created.stderr
    meeting_id = created.stdout.strip()
    outputs = []
    for fmt in FORMATS:
        result = run("export", meeting_id, "--format", fmt, "-o", f"uit.{fmt}")
        assert result.returncode == 0, result.stderr
        outputs.append(tmp_path / f"uit.{fmt}")
    folder = tmp_path / "xdg" / "spiegel"
    assert mode(folder) == 0o700
    for path in [folder / "spiegel.db", *outputs]:
        assert mode(path) == 0o600, path
    for extra in ("spiegel.db-wal", "spiegel.db-shm"):
        if (folder / extra).exists():  # removed again on a clean close
            assert mode(folder / extra) == 0o600


# Backups ------------------------------------------------------------------------


def test_backup_holds_only_committed_data(store: MeetingStore, db_path: Path) -> None:
    """Made on a connection of its own: a transaction in progress (a signal handler
    interrupting a write) is not in the copy."""
    meeting_id = store.add_meeting(small_meeting(2))
    with store.transaction():
        store.add_remark(meeting_id, Remark(at=dt.datetime.now(TZ), text="nog niet vast"))
        made = backup(store)
    assert made is not None
    copy = sqlite3.connect(made)
    texts = [r[0] for r in copy.execute("SELECT text FROM remarks")]
    copy.close()
    assert "nog niet vast" not in texts
    assert len(texts) == 2


def test_a_backup_past_its_deadline_leaves_nothing(store: MeetingStore, db_path: Path) -> None:
    store.add_meeting(small_meeting(3))
    assert backup(store, deadline=time.monotonic() - 1) is None
    assert list_backups(db_path) == []
    assert list(backup_dir(db_path).iterdir()) == []
    # In time, it is made.
    assert backup(store, deadline=time.monotonic() + 30) in list_backups(db_path)


def test_an_interrupted_backup_never_counts_as_one(
    store: MeetingStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_meeting(small_meeting(3))
    first = backup(store)

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # anything: a signal, a full disk

    monkeypatch.setattr("spiegel_tui.storage.maintenance._copy", crash)
    with pytest.raises(KeyboardInterrupt):
        backup(store)
    assert list_backups(db_path) == [first]
    assert [p.name for p in backup_dir(db_path).iterdir()] == [first.name]


# No note text where other users or tools look --------------------------------------


@pytest.mark.slow
def test_note_text_is_not_in_the_command_line_or_process_name(tmp_path: Path) -> None:
    """``ps`` shows every user's command lines and process names: none may carry notes."""
    require_tool("tmux")
    path = tmp_path / "ps.db"
    meeting_id = new_database(path)
    with open_capture(path, meeting_id) as terminal:
        terminal.type(SECRET)
        terminal.wait_for(SECRET)
        terminal.press("Enter")
        terminal.type(SECRET + " nog een keer")
        terminal.wait_for(SECRET + " nog een keer")
        proc = Path(f"/proc/{terminal.pid}")
        seen = {
            "cmdline": (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(),
            "comm": (proc / "comm").read_text(),
            "environ": (proc / "environ").read_bytes().replace(b"\0", b" ").decode(),
        }
        for task in (proc / "task").iterdir():  # thread names, shown by top -H
            seen[f"task {task.name}"] = (task / "comm").read_text()
    for where, text in seen.items():
        assert "Geheimxq" not in text, where
    assert "spiegel" in seen["cmdline"]


def test_no_logging_or_printing_of_note_text_in_the_app_code() -> None:
    """The app's code has no print and no logging calls that could carry note text:
    the only logger call is the export failure, which logs no text of its own."""
    import re

    LOGGING_OR_TITLE = r"\bprint\(|\blog\.\w+\(|logging\.(?!getLogger)\w+\(|setproctitle|prctl"
    package = Path(__file__).parent.parent / "spiegel_tui"
    found = []
    for source in sorted(package.rglob("*.py")):
        if (
            source.name in {"demo.py"} or source.parent.name == "cli"
        ):  # command-line output, by design
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(LOGGING_OR_TITLE, code):
                found.append(f"{source.relative_to(package)}:{number}: {line.strip()}")
    assert all(f.endswith('log.exception("export failed")') for f in found), found
