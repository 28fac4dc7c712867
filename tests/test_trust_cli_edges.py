"""The command line at its edges (issue 9 class 9, 10, 8; issue 10 class 5 for -o).

Each case ended in a traceback, a hang, a silent merge or a file written over before
the fix: huge numbers, a closed or full output, an output that cannot hold "ë", a
name too long, a database as target, a template that is a zip bomb, a FIFO or links
to the outside, a meeting file of another meeting merged without a word.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import small_meeting

from spiegel_tui import meetingfile
from spiegel_tui.cli import main
from spiegel_tui.export import docx_document
from spiegel_tui.meetingfile import meeting_to_json
from spiegel_tui.storage import MeetingStore

SPIEGEL = Path(sys.executable).with_name("spiegel")
# The bounds as the README states them.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 100 * 1024 * 1024


def test_the_bounds_are_the_documented_ones():
    assert meetingfile.MAX_FILE_BYTES == MAX_FILE_BYTES
    assert docx_document.MAX_TEMPLATE_UNPACKED == MAX_TEMPLATE_UNPACKED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@pytest.fixture
def one_meeting(db_path: Path) -> Path:
    store = MeetingStore.open(db_path)
    try:
        store.add_meeting(small_meeting())
    finally:
        store.close()
    return db_path


def assert_refused(code: int, err: str) -> None:
    assert code in (1, 2), err
    assert "Traceback" not in err
    assert err.startswith(("spiegel: ", "Gebruik:")), err


# Numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "99999999999999999999999"],
        ["export", "9223372036854775808"],
        ["open", "99999999999999999999999"],
        ["purge", "99999999999999999999999", "--yes"],
        ["purge", "--older-than", "99999999999d", "--yes"],
        ["purge", "--older-than", "800000d", "--yes"],
        ["new", "--topic", "x", "--invited", "99999999999999999999999"],
        ["import", "x.json", "--into", "99999999999999999999999"],
        ["export", "0"],
        ["export", "-1"],
        ["export", "٣"],  # an Arabic-Indic three: int() reads it, SQLite ids are ASCII
    ],
)
def test_huge_and_odd_numbers_are_refused_in_dutch(capsys, one_meeting: Path, args: list[str]):
    before = digest(one_meeting)
    code, _, err = run(capsys, "--db", str(one_meeting), *args)
    assert_refused(code, err)
    assert digest(one_meeting) == before


def test_the_biggest_id_is_simply_not_found(capsys, one_meeting: Path):
    code, _, err = run(capsys, "--db", str(one_meeting), "export", str(2**63 - 1))
    assert_refused(code, err)
    assert "geen bijeenkomst" in err.lower()


# Output targets -----------------------------------------------------------------


def test_export_over_the_open_database_is_refused(capsys, one_meeting: Path):
    before = digest(one_meeting)
    code, _, err = run(
        capsys, "--db", str(one_meeting), "export", "1", "-o", str(one_meeting), "--force"
    )
    assert_refused(code, err)
    assert "database" in err
    assert digest(one_meeting) == before
    assert sqlite3.connect(one_meeting).execute("select count(*) from meetings").fetchone()


@pytest.mark.parametrize("fmt", ["docx", "md", "csv", "json"])
def test_export_over_any_sqlite_file_or_its_wal_is_refused(
    capsys, one_meeting: Path, tmp_path: Path, fmt: str
):
    other = tmp_path / "ander.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("pragma journal_mode=wal")
    connection.execute("create table t(x)")
    connection.execute("insert into t values (1)")
    connection.commit()
    wal = tmp_path / "ander.sqlite-wal"
    assert wal.exists()
    for target in (other, wal):
        before = digest(target)
        code, _, err = run(
            capsys,
            "--db",
            str(one_meeting),
            "export",
            "1",
            "--format",
            fmt,
            "-o",
            str(target),
            "--force",
        )
        assert_refused(code, err)
        assert digest(target) == before
    connection.close()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_as_output_file_is_refused_and_left_alone(capsys, one_meeting: Path, device: str):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    before = os.stat(device)
    # Never with --force here: unfixed code run as root replaced /dev/full by a file.
    code, _, err = run(capsys, "--db", str(one_meeting), "export", "1", "-o", device)
    assert_refused(code, err)
    assert "geen gewoon bestand" in err
    after = os.stat(device)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_fifo_as_output_file_is_refused(capsys, one_meeting: Path, tmp_path: Path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "--db", str(one_meeting), "export", "1", "-o", str(fifo), "--force")
    assert_refused(code, err)


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_a_file_name_too_long_is_refused_in_dutch(
    capsys, one_meeting: Path, tmp_path: Path, length: int
):
    code, _, err = run(
        capsys, "--db", str(one_meeting), "export", "1", "-o", str(tmp_path / ("a" * length))
    )
    assert_refused(code, err)
    assert "te lang" in err
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("spiegel.db")] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shell", "expect_in_err"),
    [
        ("'{spiegel}' --db '{db}' list | head -0", ""),
        ("'{spiegel}' --db '{db}' export 1 --format json -o - | true", ""),
        ("'{spiegel}' --db '{db}' list > /dev/full", "schijf vol"),
        ("'{spiegel}' --db '{db}' export 1 --format json -o - > /dev/full", "schijf vol"),
    ],
)
def test_a_closed_or_full_output_gives_no_traceback(
    one_meeting: Path, shell: str, expect_in_err: str
):
    if "/dev/full" in shell and not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    # Many meetings, so the output is more than a pipe buffer.
    store = MeetingStore.open(one_meeting)
    try:
        for _ in range(300):
            store.add_meeting(small_meeting(remarks=0))
    finally:
        store.close()
    result = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + shell.format(spiegel=SPIEGEL, db=one_meeting)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert expect_in_err in result.stderr
    assert result.returncode in (0, 1, 141), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}]
)
def test_an_output_without_e_trema_gives_no_traceback(tmp_path: Path, env: dict[str, str]):
    db = tmp_path / "s.db"
    full_env = {**os.environ, **env}
    made = subprocess.run(
        [str(SPIEGEL), "--db", str(db), "new", "--topic", "Overleg met de coördinator"],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    for args in (["list"], ["list", "--json"], ["export", "7"], ["export", "--help"]):
        result = subprocess.run(
            [str(SPIEGEL), "--db", str(db), *args],
            capture_output=True,
            env=full_env,
            timeout=60,
        )
        assert b"Traceback" not in result.stderr, args
        assert result.returncode in (0, 1), args
    listed = subprocess.run(
        [str(SPIEGEL), "--db", str(db), "list"], capture_output=True, env=full_env, timeout=60
    )
    assert b"co?rdinator" in listed.stdout


# Import ---------------------------------------------------------------------------


def write_meeting(path: Path, *, topic: str | None = None, day: int | None = None) -> Path:
    meeting = small_meeting()
    if topic is not None:
        meeting.topic = topic
    if day is not None:
        meeting.date = meeting.date.replace(day=day)
    path.write_text(meeting_to_json(meeting, include_private=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("topic", "day", "named"),
    [("Iets heel anders", None, "onderwerp"), (None, 1, "datum"), ("Anders", 2, "onderwerp")],
)
def test_import_into_another_meeting_is_refused_without_force(
    capsys, one_meeting: Path, tmp_path: Path, topic: str | None, day: int | None, named: str
):
    other = write_meeting(tmp_path / "ander.json", topic=topic, day=day)
    before = digest(one_meeting)
    code, _, err = run(capsys, "--db", str(one_meeting), "import", str(other), "--into", "1")
    assert_refused(code, err)
    assert named in err and "--force" in err and "Niets samengevoegd" in err
    assert digest(one_meeting) == before
    code, out, err = run(
        capsys, "--db", str(one_meeting), "import", str(other), "--into", "1", "--force"
    )
    assert code == 0, err
    assert out.strip() == "1"


def test_import_into_the_same_meeting_needs_no_flag(capsys, one_meeting: Path, tmp_path: Path):
    same = write_meeting(
        tmp_path / "zelfde.json", topic="  BEJEGENING in de jeugdbeschermingsketen"
    )
    code, _, err = run(capsys, "--db", str(one_meeting), "import", str(same), "--into", "1")
    assert code == 0, err


def test_a_too_large_meeting_file_is_refused_at_once_with_its_size(
    capsys, db_path: Path, tmp_path: Path
):
    big = tmp_path / "groot.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    code, _, err = run(capsys, "--db", str(db_path), "import", str(big))
    assert_refused(code, err)
    assert "te groot" in err and "hoogstens 16 MB" in err
    assert not db_path.exists()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_import_of_a_pipe_or_device_is_refused_without_waiting(
    capsys, db_path: Path, tmp_path: Path, kind: str
):
    if kind == "fifo":
        source = tmp_path / "pijp.json"
        os.mkfifo(source)
    else:
        source = Path("/dev/zero")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert_refused(code, err)
    assert "geen gewoon bestand" in err


def test_a_slow_import_says_that_it_is_reading(monkeypatch, capsys, db_path: Path, tmp_path: Path):
    monkeypatch.setattr(meetingfile, "SLOW_FILE_BYTES", 10, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    source = write_meeting(tmp_path / "m.json")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 0
    assert "Bezig met inlezen" in err


# Templates ------------------------------------------------------------------------


def zip_bomb(path: Path, unpacked: int) -> Path:
    template = io.BytesIO()
    docx.Document().save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        chunk = b"\0" * (1024 * 1024)
        with bomb.open(zipfile.ZipInfo("word/media/bom.bin"), "w", force_zip64=True) as out:
            for _ in range(unpacked // len(chunk)):
                out.write(chunk)
    # ZipInfo via open() is stored uncompressed; recompress to make it small.
    with zipfile.ZipFile(path) as stored:
        entries = [(i, stored.read(i.filename)) for i in stored.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item, data in entries:
            item.compress_type = zipfile.ZIP_DEFLATED
            bomb.writestr(item, data)
    return path


def test_a_zip_bomb_template_is_refused_before_unpacking(capsys, one_meeting: Path, tmp_path: Path):
    bomb = zip_bomb(tmp_path / "bom.docx", MAX_TEMPLATE_UNPACKED + 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    out = tmp_path / "uit.docx"
    code, _, err = run(
        capsys, "--db", str(one_meeting), "export", "1", "--template", str(bomb), "-o", str(out)
    )
    assert_refused(code, err)
    assert "te groot" in err
    assert not out.exists()


@pytest.mark.slow
def test_a_fifo_template_does_not_hang(one_meeting: Path, tmp_path: Path):
    fifo = tmp_path / "sjabloon.dotx"
    os.mkfifo(fifo)
    result = subprocess.run(
        [
            str(SPIEGEL),
            "--db",
            str(one_meeting),
            "export",
            "1",
            "--template",
            str(fifo),
            "-o",
            str(tmp_path / "uit.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stderr
    assert "Traceback" not in result.stderr


ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def template_with_outside_links(path: Path) -> Path:
    """A template with an attachedTemplate on the web and file:/// and http links."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    settings = document.settings
    rid = document.part._settings_part.relate_to(
        "https://sjablonen.example.org/huisstijl.dotm", ATTACHED_TEMPLATE, is_external=True
    )
    attached = OxmlElement("w:attachedTemplate")
    attached.set(qn("r:id"), rid)
    settings.element.insert(0, attached)
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    link_id = header.part.relate_to("file:///C:/Users/ouder/geheim.docx", RT.HYPERLINK, True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), link_id)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Huisstijl"
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    # Fields that fetch by themselves: a complex one split over runs, a simple one.
    for piece in ("begin", " INCLUDEPICTURE ", '"http://tracker.example.org/p.png" ', "end"):
        run = OxmlElement("w:r")
        if piece in ("begin", "end"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), piece)
            run.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = piece
            run.append(instr)
        paragraph._p.append(run)
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), ' INCLUDETEXT "file:///C:/Users/ouder/brief.docx" ')
    paragraph._p.append(simple)
    document.part.relate_to("http://tracker.example.org/pixel.png", RT.IMAGE, is_external=True)
    document.save(str(path))
    return path


def test_a_templates_links_to_the_outside_are_not_copied(capsys, one_meeting: Path, tmp_path: Path):
    template = template_with_outside_links(tmp_path / "huisstijl.docx")
    with zipfile.ZipFile(template) as z:
        assert any(b'TargetMode="External"' in z.read(n) for n in z.namelist())
    out = tmp_path / "uit.docx"
    code, _, err = run(
        capsys, "--db", str(one_meeting), "export", "1", "--template", str(template), "-o", str(out)
    )
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    assert b"External" not in everything
    assert b"example.org" not in everything
    assert b"file:///" not in everything
    assert b"attachedTemplate" not in everything
    # Still a Word document that opens, header text kept.
    opened = docx.Document(str(out))
    assert opened.sections[0].header.paragraphs[0].text == "Huisstijl"
