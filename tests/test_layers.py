"""The layers stay apart: the core knows nothing of Textual, screens write no SQL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "spiegel_tui"

#: Modules that must work without the terminal UI (CLI export, import, tests, scripts).
CORE = [
    "spiegel_tui.model",
    "spiegel_tui.textclean",
    "spiegel_tui.fileio",
    "spiegel_tui.errors",
    "spiegel_tui.paths",
    "spiegel_tui.storage",
    "spiegel_tui.storage.maintenance",
    "spiegel_tui.meetingfile",
    "spiegel_tui.meetingfile.merge",
    "spiegel_tui.export",
    "spiegel_tui.export.documents",
    "spiegel_tui.export.formats",
    "spiegel_tui.export.docx_document",
    "spiegel_tui.export.markdown",
    "spiegel_tui.export.csv_export",
    "spiegel_tui.export.labels",
    "spiegel_tui.outcome.intro",
    "spiegel_tui.setup.args",
    "spiegel_tui.setup.form",
    "spiegel_tui.setup.organisations",
    "spiegel_tui.capture.tokens",
    "spiegel_tui.capture.session",
    "spiegel_tui.outcome.session",
    "spiegel_tui.outcome.changes",
    "spiegel_tui.setup.sync",
    "spiegel_tui.storage.outcome_store",
    "spiegel_tui.capture.filter",
    "spiegel_tui.outcome.edit",
    "spiegel_tui.outcome.sources",
    "spiegel_tui.ui.crash",
    "spiegel_tui.capture.draft_owner",
    "spiegel_tui.capture.presence",
    "spiegel_tui.capture.rescue",
    "spiegel_tui.settings",
    "spiegel_tui.ui.startup_gc",
    "spiegel_tui.privacy",
]


def test_core_modules_import_no_textual() -> None:
    probe = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_ui_writes_no_sql() -> None:
    # SQL text, a database handle or sqlite itself (Textual's own DOM .query() is fine).
    sql = re.compile(
        r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b"
        r"|\.execute\(|\.db\b|\bsqlite"
    )
    modules = sorted((PACKAGE / "ui").rglob("*.py"))
    # The UI's screens and widgets are all in there (an empty glob would prove nothing).
    assert {"capture.py", "wrapup.py", "timeline.py", "app.py"} <= {p.name for p in modules}
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in modules
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line.split("#", 1)[0])
    ]
    assert found == []


def test_everyday_storage_path_loads_no_sqlite_utils(tmp_path: Path) -> None:
    """Opening an up-to-date database, loading a meeting, committing a remark and
    saving the draft (every start, every Enter) stay on plain SQL: importing
    sqlite-utils costs 50-70 ms, a quarter of the app's start-up."""
    db = tmp_path / "s.db"
    probe = (
        "import datetime as dt, sys\n"
        "from spiegel_tui.storage import Draft, MeetingStore\n"
        "from spiegel_tui.model import Meeting, Remark\n"
        "path = sys.argv[1]\n"
        "if sys.argv[2] == 'create':\n"
        "    store = MeetingStore.open(path)\n"
        "    store.add_meeting(Meeting(topic='t', date=dt.date(2026, 1, 1)))\n"
        "    store.close()\n"
        "    print('sqlite_utils' in sys.modules)\n"
        "    raise SystemExit\n"
        "store = MeetingStore.open(path)\n"
        "meeting = store.load_meeting(1)\n"
        "now = dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.UTC)\n"
        "with store.transaction():\n"
        "    store.add_remark(1, Remark(at=now, text='x'))\n"
        "    store.save_draft(1, Draft(text='y'))\n"
        "assert store.load_draft(1).text == 'y'\n"
        "assert [r.text for r in store.load_remarks(1)] == ['x']\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    run = [sys.executable, "-c", probe, str(db)]
    created = subprocess.run([*run, "create"], capture_output=True, text=True, timeout=60)
    # Creating the schema and a meeting do use sqlite-utils (migrations, table API).
    assert created.stdout.strip() == "True", created.stderr
    opened = subprocess.run([*run, "open"], capture_output=True, text=True, timeout=60)
    assert opened.stdout.strip() == "False", opened.stderr


def test_start_up_and_capture_do_not_import_the_privacy_check() -> None:
    """The re-identification check (its word lists, deduce) is loaded only when a
    document is about to be written: starting the app and typing remarks never pay."""
    probe = (
        "import sys\n"
        "import spiegel_tui.cli, spiegel_tui.ui.app, spiegel_tui.ui.screens.capture\n"
        "import spiegel_tui.ui.screens.picker, spiegel_tui.ui.screens.wrapup\n"
        "import spiegel_tui.export, spiegel_tui.export.documents\n"
        "deferred = {'spiegel_tui.privacy', 'deduce', 'docdeid', 'numpy'}\n"
        "print(sorted(deferred & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_privacy_check_imports_no_sqlite() -> None:
    probe = (
        "import sys\n"
        "import spiegel_tui.privacy\n"
        "print(sorted({'sqlite3', 'sqlite_utils', 'textual'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
