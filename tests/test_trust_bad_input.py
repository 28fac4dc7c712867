"""Bad input, each case a test: a Dutch message, the app keeps running, nothing changed.

Cases already covered elsewhere are counted, not repeated (see ``trust_figures``):
meeting-file fields, the store's refusals, the CLI's. Here: what reaches the running
app through a real terminal (tmux) — bytes that are not UTF-8, control characters
and escape sequences typed or pasted, a 1 MB paste, emoji with joiners,
right-to-left and combining text, a full disk, a database locked for long — then
databases and meeting files the installed command is started on, and exports to
places that cannot be written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import resource
import sqlite3
import subprocess
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool, small_meeting
from terminal_driver import SPIEGEL, TmuxTerminal
from trust_support import (
    input_line,
    integrity,
    new_database,
    open_capture,
    stored_texts,
    timeline_text,
)

from spiegel_tui.storage import MeetingStore
from spiegel_tui.textclean import clean_line

ROUNDTRIP = Path(__file__).parent / "fixtures" / "roundtrip.json"
#: What the screen may never show: a Python traceback or an English SQLite error.
NEVER_ON_SCREEN = ("Traceback", "Error", "sqlite3", "database is locked", "disk I/O")

pytestmark = pytest.mark.bad_input


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def capture(tmp_path: Path):
    """The installed app on a meeting with three remarks, in a real terminal."""
    require_tool("tmux")
    path = tmp_path / "invoer.db"
    meeting_id = new_database(path, remarks=3)
    terminal = open_capture(path, meeting_id)
    terminal.db = path  # type: ignore[attr-defined]
    terminal.meeting_id = meeting_id  # type: ignore[attr-defined]
    yield terminal
    terminal.close()


def assert_running_and_clean(terminal: TmuxTerminal) -> str:
    screen = terminal.screen()
    assert terminal.alive(), screen
    for sign in NEVER_ON_SCREEN:
        assert sign not in screen, screen
    assert "Spreker" in screen  # still the capture screen
    return screen


def enter_and_wait_stored(terminal: TmuxTerminal, expected: str, timeout: float = 10) -> None:
    terminal.press("Enter")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = stored_texts(terminal.db, terminal.meeting_id)  # type: ignore[attr-defined]
        if texts[-1:] == [expected]:
            return
        time.sleep(0.05)
    raise AssertionError(f"not stored: {expected!r}; last stored {texts[-1:]!r}")


def paste(terminal: TmuxTerminal, data: bytes, tmp_path: Path) -> None:
    """A bracketed paste, as a terminal sends it when the note-taker pastes."""
    source = tmp_path / f"paste-{time.monotonic_ns()}.bin"
    source.write_bytes(data)
    terminal._tmux("load-buffer", "-b", "plak", str(source))
    terminal._tmux("paste-buffer", "-p", "-r", "-d", "-b", "plak", "-t", "t")  # -r: bytes as is


# Bytes and characters from the terminal ------------------------------------------


def test_latin1_terminal_typing_a_diaeresis(capture) -> None:
    """A terminal set to ISO-8859-1 sends "ë" as the single byte 0xEB."""
    capture.send_bytes("De cliënt zei: één keer".encode("latin-1"))
    capture.wait_for(lambda s: input_line(s) == "De cliënt zei: één keer")
    enter_and_wait_stored(capture, "De cliënt zei: één keer")
    capture.wait_for(lambda s: "De cliënt zei: één keer" in timeline_text(s))
    assert_running_and_clean(capture)


def test_bytes_that_are_no_text_at_all(capture) -> None:
    """Broken UTF-8: a lone continuation byte, a cut-off sequence, 0xFF."""
    capture.send_bytes(b"a\x80b\xc3 c\xff")
    capture.type(" en verder")
    capture.wait_for(lambda s: input_line(s).endswith("en verder"))
    enter_and_wait_stored(capture, "a\x80b\xc3 c\xff en verder".replace("\x80", ""))
    assert_running_and_clean(capture)


def test_control_keys_and_escape_sequences_typed(capture) -> None:
    """NUL (ctrl+space), unknown function keys, stray ESC sequences, a C1 byte. (BEL
    is ctrl+g: the help key, not bad input.) Textual shows a sequence it does not know
    as the characters after the ESC (ESC itself as "^"): visible in the input line
    before Enter, never a control character, and the app keeps running."""
    for data in (b"\x00", b"\x1b[99~", b"\x1bOZ", b"\x1b[1;99X", b"\x1b]0;titel\x1b\\", b"\x9b"):
        capture.send_bytes(data)
    capture.type("daarna gewoon")
    capture.wait_for(lambda s: input_line(s).endswith("daarna gewoon"))
    capture.press("Enter")
    capture.wait_for(lambda s: input_line(s).startswith("Typ een opmerking"))
    stored = stored_texts(capture.db, capture.meeting_id)[-1]
    assert stored.endswith("daarna gewoon")
    assert stored == clean_line(stored)  # no control characters, no ESC
    assert_running_and_clean(capture)


def test_pasted_nul_controls_and_escape_sequences(capture, tmp_path: Path) -> None:
    """Copied from a coloured terminal: escape sequences and control characters in a
    paste. Before the paste guard the ctrl+q after an escape sequence closed the app,
    ctrl+k starred and ctrl+l made the remark private."""
    pasted = (
        "voor\x00na \x1b[31mrood\x1b[0m \x1b]0;titel\x07 bel\x07 tab\tdel\x7f\r\n"
        "regel 2 \x1b[1m\x11\x0b\x0c\x07 einde"
    )
    paste(capture, pasted.encode(), tmp_path)
    expected = clean_line(pasted)
    assert "\x1b" not in expected and "\x00" not in expected and "\x11" not in expected
    capture.wait_for(lambda s: "einde" in input_line(s))
    enter_and_wait_stored(capture, expected)
    screen = assert_running_and_clean(capture)
    assert screen.splitlines()[0].lstrip().startswith("Spiegel")  # the header held its place
    conn = sqlite3.connect(capture.db)
    flags = conn.execute("SELECT starred, private FROM remarks ORDER BY id DESC").fetchone()
    conn.close()
    assert flags == (0, 0)


def test_a_one_megabyte_paste(capture, tmp_path: Path) -> None:
    words = " ".join(f"woord{i}" for i in range(200_000))
    text = ("Plak " + words)[:1_000_000]
    assert len(text.encode()) == 1_000_000
    paste(capture, text.encode(), tmp_path)
    capture.wait_for(lambda s: "woord" in input_line(s), timeout=60)
    enter_and_wait_stored(capture, text.strip(), timeout=60)
    # Still answering at normal speed afterwards.
    start = time.monotonic()
    capture.type("daarna kort")
    capture.wait_for(lambda s: input_line(s) == "daarna kort", timeout=10)
    enter_and_wait_stored(capture, "daarna kort")
    assert time.monotonic() - start < 5
    assert_running_and_clean(capture)


WIDE_TEXTS = {
    "emoji_zwj": "Gezin 👨\u200d👩\u200d👧\u200d👦 en 👍🏽, vlag 🏳️\u200d🌈 samen",
    "right_to_left": "Moeder zei \u200fשלום\u200f en \u2067مرحبا بكم\u2069 tegen ons",
    "combining": "Cafe\u0301 Zoe\u0308 na\u0308ief Z\u0335a\u0336l\u0337g\u0338o",
}


@pytest.mark.parametrize("name", list(WIDE_TEXTS))
def test_emoji_joiners_right_to_left_and_combining(capture, name: str) -> None:
    """Saved exactly as typed; the screen keeps its layout (every row fits, the
    header, the context bar and the input line stay where they were)."""
    text = WIDE_TEXTS[name]
    before = capture.screen().splitlines()
    capture.type(text)
    time.sleep(0.3)
    enter_and_wait_stored(capture, text)
    capture.wait_for(lambda s: input_line(s).startswith("Typ een opmerking"))
    screen = assert_running_and_clean(capture)
    after = screen.splitlines()
    assert len(after) == len(before) == 24
    assert after[0][:30] == before[0][:30]  # the header
    assert after[-3:] == before[-3:] or after[-4:-1] == before[-4:-1]  # bar, input, keys
    assert all(_cells(line) <= 80 for line in after), screen


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


# A full disk and a locked database while capturing -------------------------------


def test_full_disk_file_size_limit_while_capturing(capture) -> None:
    """RLIMIT_FSIZE on the running process: every write past 4 KiB fails (EFBIG)."""
    before = stored_texts(capture.db, capture.meeting_id)
    soft, hard = resource.prlimit(capture.pid, resource.RLIMIT_FSIZE)
    resource.prlimit(capture.pid, resource.RLIMIT_FSIZE, (4096, hard))
    capture.type("Dit moet bewaard blijven")
    capture.wait_for(lambda s: input_line(s) == "Dit moet bewaard blijven")
    capture.press("Enter")
    screen = capture.wait_for("Niet opgeslagen", timeout=10)
    assert "schijf" in screen
    # The text stays where it was typed; nothing was stored.
    assert input_line(screen) == "Dit moet bewaard blijven"
    assert stored_texts(capture.db, capture.meeting_id) == before
    assert_running_and_clean(capture)
    # Space again: the same Enter stores it.
    resource.prlimit(capture.pid, resource.RLIMIT_FSIZE, (soft, hard))
    enter_and_wait_stored(capture, "Dit moet bewaard blijven")
    assert stored_texts(capture.db, capture.meeting_id)[:-1] == before
    assert integrity(capture.db) == "ok"


def test_full_disk_small_filesystem_while_capturing(tmp_path: Path) -> None:
    """A real full filesystem (ENOSPC): a 2 MiB tmpfs, filled up while capturing."""
    require_tool("tmux")
    mount = tmp_path / "klein"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {result.stderr.strip()}")
    try:
        path = mount / "vol.db"
        meeting_id = new_database(path, remarks=3)
        before = stored_texts(path, meeting_id)
        with open_capture(path, meeting_id) as terminal:
            filler = mount / "opvulling"
            with open(filler, "wb") as handle:
                try:
                    while True:
                        handle.write(b"\0" * 65536)
                        handle.flush()
                except OSError:
                    pass
            terminal.type("Geen ruimte meer")
            terminal.press("Enter")
            screen = terminal.wait_for("Niet opgeslagen", timeout=10)
            assert "schijf is vol" in " ".join(screen.split())
            assert input_line(screen) == "Geen ruimte meer"
            assert stored_texts(path, meeting_id) == before
            assert terminal.alive()
            filler.unlink()
            terminal.press("Enter")
            deadline = time.monotonic() + 10
            while stored_texts(path, meeting_id)[-1:] != ["Geen ruimte meer"]:
                assert time.monotonic() < deadline, "not stored after space was freed"
                time.sleep(0.05)
        assert integrity(path) == "ok"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_database_locked_by_another_program_for_long(capture) -> None:
    """Another program holds the write lock far longer than the app waits: a Dutch
    message after about two seconds, the screen keeps answering, and Enter once the
    lock is gone stores the text."""
    before = stored_texts(capture.db, capture.meeting_id)
    locker = sqlite3.connect(capture.db, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        capture.type("Tijdens het slot")
        capture.wait_for(lambda s: input_line(s) == "Tijdens het slot")
        start = time.monotonic()
        capture.press("Enter")
        screen = capture.wait_for("Niet opgeslagen", timeout=15)
        assert time.monotonic() - start < 6
        assert "bezet" in screen
        assert input_line(screen) == "Tijdens het slot"
        # Still typing at normal speed while the lock is held (draft saves do not wait).
        start = time.monotonic()
        capture.type(" en verder")
        capture.wait_for(lambda s: input_line(s) == "Tijdens het slot en verder")
        assert time.monotonic() - start < 1.5
        assert stored_texts(capture.db, capture.meeting_id) == before
        assert_running_and_clean(capture)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    enter_and_wait_stored(capture, "Tijdens het slot en verder")
    assert integrity(capture.db) == "ok"


# Databases the app is started on --------------------------------------------------


def run_spiegel(*args: str, cwd: Path | None = None, drop_root: bool = False):
    """The installed command; ``drop_root`` runs it as root without the powers that
    ignore file permissions (so a read-only file or folder is refused as for anyone)."""
    command = [SPIEGEL, *args]
    if drop_root and os.geteuid() == 0:
        command = [
            "setpriv",
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            *command,
        ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd)


def _corrupt(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(16384))


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE facturen (id INTEGER)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    new_database(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('spiegel', 'm999_toekomst', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def _read_only(path: Path) -> None:
    new_database(path)
    path.chmod(0o400)


def _truncated(path: Path) -> None:
    new_database(path, remarks=20)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DATABASES = {
    "corrupt_random_bytes": (_corrupt, "beschadigd"),
    "truncated_halfway": (_truncated, "beschadigd"),
    "another_programs_database": (_foreign, "ander programma"),
    "from_a_newer_spiegel": (_newer, "nieuwere versie"),
    "read_only": (_read_only, "alleen-lezen"),
}


@pytest.mark.parametrize("case", list(DATABASES))
def test_the_app_started_on_a_bad_database(tmp_path: Path, case: str) -> None:
    make, message = DATABASES[case]
    path = tmp_path / "slecht.db"
    make(path)
    before = digest(path)
    result = run_spiegel("--db", str(path), "open", "1", drop_root=case == "read_only")
    assert result.returncode == 1, result
    assert message in result.stderr
    assert result.stderr.startswith("spiegel: ")
    assert "Traceback" not in result.stderr
    assert digest(path) == before
    assert not path.with_name("slecht.db-wal").exists() or case != "corrupt_random_bytes"


@pytest.mark.parametrize("case", ["folder_missing", "a_folder", "under_a_file"])
def test_the_app_started_on_an_impossible_path(tmp_path: Path, case: str) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    path = {
        "folder_missing": tmp_path / "bestaat-niet" / "s.db",
        "a_folder": tmp_path,
        "under_a_file": blocker / "s.db",
    }[case]
    result = run_spiegel("--db", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("spiegel: ") and "Traceback" not in result.stderr
    assert not (tmp_path / "bestaat-niet").exists()
    assert blocker.read_text() == "x"


# Meeting files ---------------------------------------------------------------------


def _fixture() -> dict:
    return json.loads(ROUNDTRIP.read_text(encoding="utf-8"))


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


MEETING_FILES = {
    "empty": (lambda: b"", "geen geldige JSON"),
    "a_json_list": (lambda: b"[1, 2, 3]", "geen Spiegel-bijeenkomstbestand"),
    "nested_100000_deep": (lambda: b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    "number_of_5000_digits": (
        lambda: json.dumps(_fixture()).replace('"invited": 7', '"invited": ' + "9" * 5000),
        "te veel cijfers",
    ),
    "number_too_large_for_a_float": (
        lambda: json.dumps(_fixture()).replace('"invited": 7', '"invited": 1e400'),
        "meeting.invited",
    ),
    "not_a_number": (
        lambda: json.dumps(_fixture()).replace('"invited": 7', '"invited": NaN'),
        "meeting.invited",
    ),
    "random_bytes": (lambda: random.Random(3).randbytes(4096), "geen UTF-8"),
    "utf16_text": (lambda: json.dumps(_fixture()).encode("utf-16"), "geen UTF-8"),
    "a_word_document": (_docx_bytes, "geen UTF-8"),
    "a_spiegel_csv_export": (lambda: b"tijd;spreker;tekst\r\n19:40;Ouder 1;hallo\r\n", "JSON"),
    "format_version_99": (lambda: json.dumps({**_fixture(), "version": 99}), "versie"),
    "no_meeting_at_all": (lambda: json.dumps({"format": "spiegel-meeting", "version": 1}), ""),
}


@pytest.mark.parametrize("case", list(MEETING_FILES))
def test_importing_a_bad_meeting_file(tmp_path: Path, case: str) -> None:
    make, message = MEETING_FILES[case]
    data = make()
    source = tmp_path / "bestand.json"
    source.write_bytes(data if isinstance(data, bytes) else data.encode())
    db = tmp_path / "s.db"
    new_database(db, remarks=2)
    MeetingStore.open(db).close()  # checkpointed: the file alone holds everything
    before = digest(db)
    for into in ([], ["--into", "1"]):
        result = run_spiegel("--db", str(db), "import", str(source), *into)
        assert result.returncode == 1, result
        assert result.stdout == ""
        assert result.stderr.startswith("spiegel: ") and message in result.stderr
        assert "Traceback" not in result.stderr
        assert digest(db) == before


# Exports to places that cannot be written ------------------------------------------


def _meeting_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    new_database(db, remarks=4)
    return db


def test_cli_export_over_a_folder(tmp_path: Path) -> None:
    db = _meeting_db(tmp_path)
    folder = tmp_path / "uitkomst.docx"
    folder.mkdir()
    (folder / "binnen").write_text("blijft")
    result = run_spiegel("--db", str(db), "export", "1", "-o", str(folder), "--force")
    assert result.returncode == 1 and "is een map" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in folder.iterdir()] == ["binnen"]


def test_cli_export_to_a_folder_without_permission(tmp_path: Path) -> None:
    db = _meeting_db(tmp_path)
    closed = tmp_path / "dicht"
    closed.mkdir()
    earlier = closed / "uitkomst.docx"
    earlier.write_bytes(b"eerdere export")
    closed.chmod(0o500)
    try:
        for force in ([], ["--force"]):
            result = run_spiegel(
                "--db", str(db), "export", "1", "-o", str(earlier), *force, drop_root=True
            )
            assert result.returncode == 1
            assert "Traceback" not in result.stderr
            assert "geen toestemming" in result.stderr or "bestaat al" in result.stderr
        new = run_spiegel(
            "--db", str(db), "export", "1", "-o", str(closed / "nieuw.md"), drop_root=True
        )
        assert new.returncode == 1 and "geen toestemming" in new.stderr, new.stderr
    finally:
        closed.chmod(0o700)
    assert earlier.read_bytes() == b"eerdere export"
    assert sorted(p.name for p in closed.iterdir()) == ["uitkomst.docx"]


async def _wrapup_export(tmp_path: Path, target_text: str | None) -> tuple[list[str], object]:
    """Export from the wrap-up screen (ctrl+o, or the dialog with ``target_text``);
    returns the notifications and whether the app still runs."""
    from spiegel_tui.ui.app import SpiegelApp
    from spiegel_tui.ui.screens.wrapup import WrapUpScreen

    store = MeetingStore.open(tmp_path / "app.db")
    meeting_id = store.add_meeting(small_meeting(5))
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WrapUpScreen(meeting_id))
        await pilot.pause()
        if target_text is None:
            await pilot.press("ctrl+o")
        else:
            await pilot.press("ctrl+r")
            from textual.widgets import Input

            app.screen.query_one("#export-path", Input).value = target_text
            await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        running = isinstance(app.screen, WrapUpScreen)
    store.close()
    return notes, running


async def test_app_export_over_a_folder(tmp_path: Path, monkeypatch) -> None:
    from spiegel_tui.export import default_path

    monkeypatch.chdir(tmp_path)
    meeting = small_meeting(5)
    meeting.id = 1
    folder = default_path(meeting, "docx", tmp_path)
    folder.mkdir()
    notes, running = await _wrapup_export(tmp_path, None)
    assert running
    assert any("is een map" in n for n in notes), notes
    assert folder.is_dir() and list(folder.iterdir()) == []


async def test_app_export_without_permission(tmp_path: Path, monkeypatch) -> None:
    """/sys refuses new files to everyone, root included (EACCES)."""
    monkeypatch.chdir(tmp_path)
    earlier = tmp_path / "eerder.md"
    earlier.write_text("eerdere export")
    notes, running = await _wrapup_export(tmp_path, "/sys/uitkomst.docx")
    assert running
    assert any("geen toestemming" in n for n in notes), notes
    assert not Path("/sys/uitkomst.docx").exists()
    assert earlier.read_text() == "eerdere export"


async def test_app_export_to_a_missing_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    notes, running = await _wrapup_export(tmp_path, str(tmp_path / "nergens" / "x.docx"))
    assert running
    assert any("bestaat niet" in n for n in notes), notes
    assert not (tmp_path / "nergens").exists()
