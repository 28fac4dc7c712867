"""The layers stay apart: the core knows nothing of Textual, screens write no SQL."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "spiegel_tui"

#: Where Textual may be imported: the UI, and the entry point that starts it.
UI_SIDE = ("spiegel_tui.ui", "spiegel_tui.cli", "spiegel_tui.__main__")


def module_names(root: Path, package: str) -> list[str]:
    """Every module of the package under ``root``, found on disk (so a module nobody
    listed is checked too)."""
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join((package, *parts)))
    return names


def core_modules(root: Path = PACKAGE, package: str = "spiegel_tui") -> list[str]:
    """The modules that must work without the terminal UI: all but the UI side."""
    side = tuple(name.replace("spiegel_tui", package, 1) for name in UI_SIDE)
    return [
        name
        for name in module_names(root, package)
        if not any(name == s or name.startswith(s + ".") for s in side)
    ]


def modules_pulling_in(
    modules: list[str], forbidden: str = "textual", path: Path | None = None
) -> list[str]:
    """Import ``modules`` one after the other in a fresh process; the ones whose import
    brought ``forbidden`` in (directly or through anything they import)."""
    probe = (
        "import importlib, sys\n"
        "culprits = []\n"
        "def loaded():\n"
        f"    return any(m.partition('.')[0] == {forbidden!r} for m in sys.modules)\n"
        f"for name in {modules!r}:\n"
        "    before = loaded()\n"
        "    importlib.import_module(name)\n"
        "    if not before and loaded():\n"
        "        culprits.append(name)\n"
        "print(culprits)\n"
    )
    env = None if path is None else {**os.environ, "PYTHONPATH": str(path)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


def test_core_modules_import_no_textual() -> None:
    modules = core_modules()
    # Discovery found the core (an empty list would prove nothing) and left the UI out.
    assert {"spiegel_tui.model", "spiegel_tui.capture.session", "spiegel_tui.privacy"} <= set(
        modules
    )
    assert len(modules) > 40
    assert not any(m.startswith("spiegel_tui.ui") for m in modules)
    assert modules_pulling_in(modules) == []


def test_a_new_core_module_importing_textual_is_found(tmp_path: Path) -> None:
    """The check above can fail: a module nobody listed, importing Textual through
    another module, is named."""
    root = tmp_path / "pkg"
    (root / "ui").mkdir(parents=True)
    (root / "feature").mkdir()
    for init in (root, root / "ui", root / "feature"):
        (init / "__init__.py").write_text("")
    (root / "ui" / "app.py").write_text("import textual.app\n")
    (root / "feature" / "plain.py").write_text("import json\n")
    (root / "feature" / "sneaky.py").write_text("from pkg.ui import app\n")
    modules = core_modules(root, "pkg")
    assert modules == ["pkg", "pkg.feature", "pkg.feature.plain", "pkg.feature.sneaky"]
    assert modules_pulling_in(modules, path=tmp_path) == ["pkg.feature.sneaky"]


def test_the_ui_writes_no_sql() -> None:
    # SQL text, a database handle or sqlite itself (Textual's own DOM .query() is fine).
    sql = re.compile(
        r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b"
        r"|\.execute\(|\.db\b|\bsqlite"
    )
    modules = sorted((PACKAGE / "ui").rglob("*.py"))
    # The UI's screens and widgets are all in there (an empty glob would prove nothing).
    assert {"capture.py", "wrapup.py", "widget.py", "app.py"} <= {p.name for p in modules}
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
