"""Generated command lines (Hypothesis): every subcommand and option with extreme and
malformed values.

The rule, for every example: the command either succeeds (exit 0), or it exits 1 or 2
with a message in Dutch on stderr ("spiegel: ..." or argparse's "Gebruik: ..."), with
no traceback and nothing changed: the database's contents (an SQL dump) and every
other file in the folder are as they were.

Budget: ``SPIEGEL_CLI_EXAMPLES`` (default 100 in-process, a tenth of that through the
installed command); the long run is ``benchmarks/cli_generated_long.sh`` (5,000).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import small_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiegel_tui.cli import main
from spiegel_tui.meetingfile import meeting_to_json
from spiegel_tui.storage import MeetingStore

EXAMPLES = int(os.environ.get("SPIEGEL_CLI_EXAMPLES", "100"))
SUBPROCESS_EXAMPLES = max(3, EXAMPLES // 10)
SPIEGEL = Path(sys.executable).with_name("spiegel")
#: Examples run, for the report (pytest -s prints them).
COUNTS = {"in_process": 0, "subprocess": 0, "succeeded": 0, "refused": 0}

# Values ---------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.just("1"),  # the meeting that exists: so that valid command lines are tried too
    st.just("90d"),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        [
            "0", "-0", "1", "2", "007", "1e3", "0x10", "1_000", " 1", "1 ", "٣", "１", "",
            " ", "9" * 5000, "nan", "inf", "-", "--", "90d", "90D", "d", "-5d", "1.5",
            str(2**63 - 1), str(2**63), str(2**64), "\x00", "1\x00",
        ]
    ),
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "", " ", "ë", "Coördinatie", "\u202eomgekeerd", "a" * 10000, "\udcff", "\x00",
            "\x1b[31mrood", "tab\there", "regel\nregel", "-x", "=", ":", "::", "vt=",
            "=Veilig", "vt='Veilig Thuis'", "Ouder 1:ouder:afwezig", "Ouder 1:koning",
            "2021-02-30", "2021-10-14", "9999-12-31", "0000-01-01", "25:61", "19:30",
        ]
    ),
)  # fmt: skip
FORMATS = st.one_of(st.sampled_from(["json", "docx", "md", "csv"]), TEXTS)
# Named places in the example folder (made by ``folder``), or any text.
PLACES = st.one_of(
    st.sampled_from(
        [
            "DB", "DB-wal", "DIR", "FIFO", "SQLITE", "EXISTING", "MISSING_DIR/x", "LONG",
            "THROUGH_FILE", "SYMLINK_DB", "MEETING_JSON", "OTHER_MEETING_JSON", "JUNK",
            "BIG", "-", "", "~nosuchuser/x", "NEW.docx", "NEW.json", "a\x00b", " ",
        ]
    ),
    TEXTS,
)  # fmt: skip


def flag(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """Mostly absent or with a value; now and then without its value."""

    def pick(k: int) -> st.SearchStrategy[list[str]]:
        if k < 4:
            return st.just([])
        if k == 9:
            return st.just([name])
        return values.map(lambda v: [name, v])

    return st.integers(0, 9).flatmap(pick)


def switch(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


def command(parts: list[st.SearchStrategy[list[str]]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).flatmap(
        lambda chunks: st.permutations(list(chunks)).map(lambda c: [a for x in c for a in x])
    )


def positional(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [v]))


SUBCOMMANDS = {
    "new": [
        flag("--topic", TEXTS), flag("--date", TEXTS), flag("--start", TEXTS),
        flag("--location", TEXTS), flag("--invited", NUMBERS), flag("--facilitator", TEXTS),
        flag("--listeners", TEXTS), flag("--org", TEXTS), flag("--org", TEXTS),
        flag("--participant", TEXTS), flag("--question", TEXTS),
    ],
    "list": [switch("--json")],
    "import": [positional(PLACES), flag("--into", NUMBERS), switch("--force")],
    "export": [
        positional(NUMBERS), flag("--format", FORMATS), flag("-o", PLACES), switch("--force"),
        flag("--template", PLACES), switch("--appendix"), switch("--include-private"),
        switch("--include-labels"),
    ],
    "purge": [positional(NUMBERS), flag("--older-than", NUMBERS), switch("--yes")],
}  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(SUBCOMMANDS)))
    args = draw(command(SUBCOMMANDS[name]))
    db = draw(
        st.sampled_from(["DB"] * 6 + ["DIR", "JUNK", "MISSING_DIR/x.db", "LONG", "x\x00.db", ""])
    )
    extra = draw(st.sampled_from([[]] * 8 + [["--onbekend"], ["extra"]]))
    return ["--db", db, name, *args, *extra]


# The example folder ------------------------------------------------------------------


@contextlib.contextmanager
def folder() -> Iterator[dict[str, str]]:
    """A fresh folder with a database holding one meeting, and the named places."""
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        db = root / "spiegel.db"
        store = MeetingStore.open(db)
        try:
            meeting = small_meeting()
            meeting.participants[0].label = "Marieke"
            meeting.remarks[1].private = True
            store.add_meeting(meeting)
        finally:
            store.close()
        (root / "map").mkdir()
        os.mkfifo(root / "pijp")
        sqlite3.connect(root / "ander.sqlite").execute("create table t(x)").connection.close()
        (root / "bestaand.docx").write_bytes(b"oud")
        (root / "rommel.json").write_bytes(b"\xff\xfe{not json")
        (root / "groot.json").write_bytes(b"")
        os.truncate(root / "groot.json", 17 * 1024 * 1024)
        (root / "db-link").symlink_to(db)
        (root / "m.json").write_text(meeting_to_json(small_meeting(), include_private=True))
        other = small_meeting()
        other.topic = "Iets heel anders"
        (root / "ander.json").write_text(meeting_to_json(other))
        places = {
            "DB": str(db),
            "DB-wal": str(db) + "-wal",
            "DIR": str(root / "map"),
            "FIFO": str(root / "pijp"),
            "SQLITE": str(root / "ander.sqlite"),
            "EXISTING": str(root / "bestaand.docx"),
            "MISSING_DIR/x": str(root / "nergens" / "x"),
            "MISSING_DIR/x.db": str(root / "nergens" / "x.db"),
            "LONG": str(root / ("a" * 300)),
            "THROUGH_FILE": str(root / "bestaand.docx" / "x.docx"),
            "SYMLINK_DB": str(root / "db-link"),
            "MEETING_JSON": str(root / "m.json"),
            "OTHER_MEETING_JSON": str(root / "ander.json"),
            "JUNK": str(root / "rommel.json"),
            "BIG": str(root / "groot.json"),
            "NEW.docx": str(root / "nieuw.docx"),
            "NEW.json": str(root / "nieuw.json"),
        }
        old = Path.cwd()
        os.chdir(root)
        try:
            yield {"ROOT": str(root), **places}
        finally:
            os.chdir(old)


def resolve(argv: list[str], places: dict[str, str]) -> list[str]:
    return [places.get(a, a) for a in argv]


def snapshot(places: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The database as SQL, and every other regular file's digest."""
    connection = sqlite3.connect(f"file:{places['DB']}?mode=ro", uri=True)
    try:
        dump = list(connection.iterdump())
    finally:
        connection.close()
    files = {}
    for path in sorted(Path(places["ROOT"]).rglob("*")):
        if path.name.startswith("spiegel.db") or not path.is_file() or path.is_symlink():
            continue
        files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dump, files


def check(code: int, err: str, before: tuple, after: tuple, argv: list[str]) -> None:
    assert "Traceback" not in err, (argv, err)
    assert code in (0, 1, 2), (argv, code, err)
    if code == 0:
        COUNTS["succeeded"] += 1
        return
    COUNTS["refused"] += 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, (argv, "refused without a message")
    assert any(line.startswith(("spiegel: ", "Gebruik:")) for line in lines), (argv, err)
    assert before == after, (argv, err, "a refused command changed something")


def run_in_process(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return code, err.getvalue()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(command_lines())
def test_generated_command_lines_in_process(argv: list[str]) -> None:
    COUNTS["in_process"] += 1
    with folder() as places:
        real = resolve(argv, places)
        before = snapshot(places)
        code, err = run_in_process(real)
        check(code, err, before, snapshot(places), real)


def printable(argv: list[str]) -> bool:
    """What a real command line can carry: no NUL, valid UTF-8."""
    try:
        return all("\x00" not in a for a in argv) and all(a.encode("utf-8") for a in argv)
    except UnicodeEncodeError:
        return False


@pytest.mark.slow
@settings(
    max_examples=SUBPROCESS_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
@given(command_lines().filter(printable))
def test_generated_command_lines_through_the_installed_command(argv: list[str]) -> None:
    COUNTS["subprocess"] += 1
    with folder() as places:
        real = resolve(argv, places)
        before = snapshot(places)
        result = subprocess.run(
            [str(SPIEGEL), *real],
            capture_output=True,
            text=True,
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=60,
            cwd=places["ROOT"],
        )
        check(result.returncode, result.stderr, before, snapshot(places), real)


def test_report_the_number_of_examples() -> None:
    """Runs last in this file: the figures for the README and the report."""
    print(f"\ngenerated command lines: {COUNTS}")
