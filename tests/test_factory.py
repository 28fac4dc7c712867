"""One way to build and run the app: the command, ``spiegel demo`` and the tests share it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from spiegel_tui.errors import SpiegelError
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.database import INTERACTIVE_WRITE_PATIENCE_S
from spiegel_tui.ui import factory
from spiegel_tui.ui.app import SpiegelApp

PACKAGE = Path(__file__).resolve().parent.parent / "spiegel_tui"


def test_build_app_sets_the_write_patience_of_a_ui_thread(db_path: Path) -> None:
    store = MeetingStore.open(db_path)
    try:
        app = factory.build_app(store, meeting_id=None)
        assert isinstance(app, SpiegelApp)
        assert app.store is store
        assert store.write_patience == INTERACTIVE_WRITE_PATIENCE_S
    finally:
        store.close()


def test_run_app_closes_the_store_and_prints_the_report_after_a_crash(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.text import Text

    installed = []
    monkeypatch.setattr(
        "spiegel_tui.ui.terminal_input.install_terminal_input_fixes",
        lambda: installed.append(True),
    )
    app = factory.build_app(MeetingStore.open(db_path))

    def crashed() -> None:
        app.crash_report = Text("RAPPORT-ZONDER-NOTITIES")
        app.exit(return_code=1)

    monkeypatch.setattr(app, "run", crashed)
    assert factory.run_app(app) == 1
    assert installed == [True]
    assert "RAPPORT-ZONDER-NOTITIES" in capsys.readouterr().err
    with pytest.raises(SpiegelError):  # closed: "Cannot operate on a closed database"
        app.store.conn.execute("select 1")


def _imports(module: Path) -> set[str]:
    """Every spiegel_tui module ``module`` imports, at any level (also deferred and
    TYPE_CHECKING imports: a cycle through them is a cycle in the design)."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("spiegel_tui")}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("cli", "ui/demo.py"),
        ("ui/palette.py", "ui/screens/capture.py"),
    ],
)
def test_no_import_cycle_between(one: str, other: str) -> None:
    def modules(part: str) -> list[Path]:
        path = PACKAGE / part
        return sorted(path.rglob("*.py")) if path.is_dir() else [path]

    def dotted(part: str) -> str:
        return "spiegel_tui." + part.removesuffix(".py").replace("/", ".")

    one_imports = set().union(*(_imports(m) for m in modules(one)))
    other_imports = set().union(*(_imports(m) for m in modules(other)))
    forward = any(name.startswith(dotted(other)) for name in one_imports)
    backward = any(name.startswith(dotted(one)) for name in other_imports)
    assert not (forward and backward), f"{one} and {other} import each other"
