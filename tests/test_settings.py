"""The chosen colour theme is kept between sessions; a bad settings file is reported
and left alone."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from capture_support import SIZE

from spiegel_tui.settings import Settings
from spiegel_tui.ui.app import SpiegelApp


def app_with(store, meeting_id: int, path: Path) -> SpiegelApp:
    return SpiegelApp(store, meeting_id=meeting_id, settings=Settings.load(path))


def notices(app: SpiegelApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_the_chosen_theme_comes_back_next_time(store, meeting_id, tmp_path) -> None:
    path = tmp_path / "config" / "instellingen.json"
    app = app_with(store, meeting_id, path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p", *"Thema wisselen", "enter")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert json.loads(path.read_text())["theme"] == "textual-light"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    app = app_with(store, meeting_id, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert not notices(app)


async def test_textual_theme_in_the_environment_wins(
    store, meeting_id, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "instellingen.json"
    path.write_text('{"theme": "textual-light"}')
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app = app_with(store, meeting_id, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Textual read TEXTUAL_THEME when it was imported; ours must not override it.
        assert app.theme != "textual-light"


@pytest.mark.parametrize(
    "content", [b"{ kapot", b'["textual-light"]', b'{"theme": 7}', b"\xff\xfe\x00"]
)
async def test_a_bad_settings_file_is_reported_and_never_overwritten(
    store, meeting_id, tmp_path, content: bytes
) -> None:
    path = tmp_path / "instellingen.json"
    path.write_bytes(content)
    app = app_with(store, meeting_id, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert "instellingen" in notices(app)
        app.action_toggle_theme()
        await pilot.pause()
        assert app.theme == "textual-light"
    assert path.read_bytes() == content


async def test_an_unknown_theme_is_ignored(store, meeting_id, tmp_path) -> None:
    path = tmp_path / "instellingen.json"
    path.write_text('{"theme": "bestaat-niet"}')
    app = app_with(store, meeting_id, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_a_theme_that_cannot_be_saved_is_reported(store, meeting_id, tmp_path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("")
    app = app_with(store, meeting_id, blocker / "instellingen.json")
    async with app.run_test(size=SIZE) as pilot:
        app.action_toggle_theme()
        await pilot.pause()
        assert app.theme == "textual-light"
        assert "Kan" in notices(app) and "niet schrijven" in notices(app)


@pytest.mark.slow
def test_the_spiegel_command_keeps_the_theme(store, meeting_id, db_path, tmp_path) -> None:
    """The command line passes the note-taker's settings (the tests above build the
    app themselves)."""
    from helpers import require_tool, wait_until
    from terminal_driver import TmuxTerminal

    require_tool("tmux")
    store.close()
    terminal = TmuxTerminal(["--db", str(db_path), "open", str(meeting_id)], width=80, height=24)
    try:
        terminal.wait_for("Spreker", timeout=15)
        terminal.press("C-p")
        terminal.wait_for("Zoek een opdracht")
        terminal.type("Thema wisselen")
        terminal.wait_for("Licht of donker")
        terminal.press("Enter")
        saved = tmp_path / "xdg-config" / "spiegel" / "instellingen.json"
        wait_until(saved.exists, what="the settings file")
        terminal.press("C-q")
        terminal.wait_exit(timeout=10)
    finally:
        terminal.close()
    assert json.loads(saved.read_text())["theme"] == "textual-light"
