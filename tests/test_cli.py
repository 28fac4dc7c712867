"""The `spiegel` command: import/export round trip, scripting, refusals in Dutch."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from file_versions import as_version_2

from spiegel_tui import __version__
from spiegel_tui.cli import main

ROUNDTRIP = Path(__file__).parent / "fixtures" / "roundtrip.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_export_gives_the_same_meeting(capsys, db_path: Path, tmp_path: Path):
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    assert code == 0
    meeting_id = out.strip()
    assert meeting_id == "1"
    target = tmp_path / "terug.json"
    # The fixture holds a private remark: a full copy is asked for explicitly.
    code, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "export",
        meeting_id,
        "--format",
        "json",
        "--include-private",
        "-o",
        str(target),
    )
    assert code == 0
    assert out.strip() == str(target)
    assert json.loads(target.read_text(encoding="utf-8")) == as_version_2(
        json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_json_to_stdout(capsys, db_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    code, out, _ = run(capsys, "--db", str(db_path), "export", "1", "--format", "json", "-o", "-")
    assert code == 0
    assert json.loads(out)["meeting"]["location"] == "Hilversum"


def test_list_json_and_table(capsys, db_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": 1,
            "date": "2021-10-14",
            "topic": "Spiegelbijeenkomst thema bejegening binnen de Jeugdbeschermingsketen",
            "remarks": 5,
        }
    ]
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert "14-10-2021" in out and "Jeugdbeschermingsketen" in out


def test_spiegel_db_environment_variable(capsys, db_path: Path, monkeypatch):
    monkeypatch.setenv("SPIEGEL_DB", str(db_path))
    run(capsys, "import", str(ROUNDTRIP))
    assert db_path.exists()


def test_default_database_lives_in_the_xdg_data_folder(capsys, tmp_path: Path):
    code, _, _ = run(capsys, "import", str(ROUNDTRIP))
    assert code == 0
    folder = tmp_path / "xdg-data" / "spiegel"
    assert (folder / "spiegel.db").exists()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_new_with_flags(capsys, db_path: Path):
    code, out, _ = run(
        capsys, "--db", str(db_path), "new", "--topic", "Samenwerking lokaal team",
        "--date", "2022-03-01", "--start", "19:30", "--invited", "6",
        "--org", "vt=Veilig Thuis", "--org", "gem=Gemeente",
        "--participant", "Ouder 1", "--participant", "Jongere 1:jongere",
        "--participant", "Ouder 2:ouder:afwezig",
        "--question", "Hoe begon het?", "--question", "Wat ging goed?",
    )  # fmt: skip
    assert code == 0
    from spiegel_tui.storage import MeetingStore

    meeting = MeetingStore.open(db_path).load_meeting(int(out))
    assert meeting.topic == "Samenwerking lokaal team"
    assert [(p.pseudonym, p.role.value, p.present) for p in meeting.participants] == [
        ("Ouder 1", "ouder", True),
        ("Jongere 1", "jongere", True),
        ("Ouder 2", "ouder", False),
    ]
    assert [o.key for o in meeting.organisations] == ["vt", "gem"]
    assert [q.text for q in meeting.questions] == ["Hoe begon het?", "Wat ging goed?"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2021-02-30"], "geen bestaande datum"),
        (["--start", "25:00"], "geen tijd"),
        (["--org", "Veilig Thuis"], "SLEUTEL=NAAM"),
        (["--participant", "Ouder 1:vader"], "rol"),
    ],
)
def test_new_refuses_bad_values(capsys, db_path: Path, args: list[str], message: str):
    code, _, err = run(capsys, "--db", str(db_path), "new", "--topic", "X", *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_bad_file_changes_nothing(capsys, db_path: Path, tmp_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    data = json.loads(ROUNDTRIP.read_text(encoding="utf-8"))
    data["remarks"][4]["organisations"] = ["onbekend"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(bad))
    assert code == 1
    assert out == ""
    assert "remarks[4].organisations[0]" in err
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM remarks").fetchone()[0] == 5


def test_newer_database_is_refused_and_untouched(capsys, db_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('spiegel', 'm900_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(db_path)
    for args in (["list"], ["import", str(ROUNDTRIP)], ["export", "1", "-o", "-"]):
        code, _, err = run(capsys, "--db", str(db_path), *args)
        assert code == 1
        assert "nieuwere versie van Spiegel" in err
    assert digest(db_path) == before


def test_unwritable_db_paths(capsys, tmp_path: Path):
    code, _, err = run(capsys, "--db", str(tmp_path / "geen-map" / "x.db"), "list")
    assert (code, "bestaat niet" in err) == (1, True)
    assert not (tmp_path / "geen-map").exists()
    code, _, err = run(capsys, "--db", str(tmp_path), "list")
    assert (code, "is een map" in err) == (1, True)
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    code, _, err = run(capsys, "--db", str(blocker / "x.db"), "list")
    assert code == 1 and "Traceback" not in err


def test_export_refuses_to_overwrite_without_force(capsys, db_path: Path, tmp_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    target = tmp_path / "uit.json"
    target.write_text("oud")
    code, _, err = run(capsys, "--db", str(db_path), "export", "1", "--format", "json",
                       "-o", str(target))  # fmt: skip
    assert code == 1 and "bestaat al" in err
    assert target.read_text() == "oud"
    code, _, _ = run(capsys, "--db", str(db_path), "export", "1", "--format", "json",
                     "-o", str(target), "--force")  # fmt: skip
    assert code == 0 and json.loads(target.read_text())["version"] == 2


def test_export_to_missing_folder_and_unknown_meeting(capsys, db_path: Path, tmp_path: Path):
    run(capsys, "--db", str(db_path), "import", str(ROUNDTRIP))
    code, _, err = run(capsys, "--db", str(db_path), "export", "1", "--format", "json",
                       "-o", str(tmp_path / "nee" / "x.json"))  # fmt: skip
    assert code == 1 and "bestaat niet" in err
    code, _, err = run(capsys, "--db", str(db_path), "export", "7", "--format", "json")
    assert code == 1 and "geen bijeenkomst met nummer 7" in err


def test_version_and_usage_errors(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"spiegel {__version__}")
    code, _, err = run(capsys, "verzin")
    assert code == 2 and "ongeldige keuze" in err
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "Gebruik: spiegel" in out and "export" in out


def test_installed_command_prints_no_traceback(tmp_path: Path):
    """The real console entry point, as a user runs it."""
    bad = tmp_path / "kapot.json"
    bad.write_bytes(b'{"format": "spiegel-meeting", "version": 1, "meet')
    result = subprocess.run(
        [sys.executable, "-m", "spiegel_tui", "--db", str(tmp_path / "s.db"), "import", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "geen geldige JSON" in result.stderr
    assert "Traceback" not in result.stderr
