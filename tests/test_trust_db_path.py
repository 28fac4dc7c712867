"""`--db` at something that is not a Spiegel database: refused, and left exactly as it was.

An independent attack found that `spiegel --db /dev/null list` narrowed /dev/null to
0600 (as root: unusable for every user) before refusing, that a database of a newer
release was switched to WAL and made 0600 although the message said nothing was
changed, and that the message lower-cased the path.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from spiegel_tui.cli import main
from spiegel_tui.storage import MeetingStore


def fingerprint(path: Path) -> tuple[int, str]:
    info = os.stat(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else ""
    return stat.S_IMODE(info.st_mode), digest


def run(capsys, *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as ended:
        raise SystemExit(main(list(argv)))
    return int(ended.value.code or 0), capsys.readouterr().err


def test_a_device_is_refused_and_left_alone(tmp_path: Path, capsys) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.chmod(device, 0o666)
    code, err = run(capsys, "--db", str(device), "list")
    assert code == 1 and "geen gewoon bestand" in err and "Traceback" not in err
    assert stat.S_IMODE(os.stat(device).st_mode) == 0o666
    assert not (tmp_path / "null-wal").exists() and not (tmp_path / "null-shm").exists()


def test_a_pipe_is_refused_and_left_alone(tmp_path: Path, capsys) -> None:
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe, 0o644)
    os.chmod(pipe, 0o644)
    code, err = run(capsys, "--db", str(pipe), "list")
    assert code == 1 and "geen gewoon bestand" in err
    assert stat.S_IMODE(os.stat(pipe).st_mode) == 0o644


def test_a_text_file_is_refused_unchanged_and_named_as_typed(tmp_path: Path, capsys) -> None:
    text = tmp_path / "NotADb.TXT"
    text.write_text("boodschappenlijst\n")
    os.chmod(text, 0o644)
    before = fingerprint(text)
    code, err = run(capsys, "--db", str(text), "list")
    assert code == 1 and "geen Spiegel-database" in err
    assert str(text) in err  # not lower-cased
    assert fingerprint(text) == before
    assert not any(p.name.startswith("NotADb.TXT-") for p in tmp_path.iterdir())


def test_a_newer_database_is_not_touched(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nieuw.db"
    MeetingStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('spiegel', 'm999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    for extra in ("-wal", "-shm"):
        (tmp_path / f"nieuw.db{extra}").unlink(missing_ok=True)
    os.chmod(path, 0o644)
    before = fingerprint(path)
    code, err = run(capsys, "--db", str(path), "list")
    assert code == 1 and "nieuwere versie" in err
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nieuw.db"]
