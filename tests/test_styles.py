"""Stylesheets: all of them are read by someone, the setup and wrap-up ones only when
their screen opens (half of the rules, parsed and matched at every start otherwise)."""

from __future__ import annotations

from pathlib import Path

from capture_support import SIZE, capture_app

from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.debrief import DebriefScreen
from spiegel_tui.ui.screens.register import RegisterScreen
from spiegel_tui.ui.screens.setup import SetupScreen
from spiegel_tui.ui.screens.wrapup import WrapUpScreen
from spiegel_tui.ui.styles import screen_stylesheet, stylesheets


def test_every_stylesheet_is_read_by_the_app_or_its_screen() -> None:
    read = [
        *SpiegelApp.CSS_PATH,
        SetupScreen.CSS_PATH,
        WrapUpScreen.CSS_PATH,
        DebriefScreen.CSS_PATH,  # the register reads the same sheet
    ]
    assert RegisterScreen.CSS_PATH == DebriefScreen.CSS_PATH
    assert sorted(Path(p).name for p in read) == sorted(p.name for p in stylesheets())


async def test_screen_sheets_are_read_when_their_screen_opens(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    setup, wrapup = screen_stylesheet("setup.tcss"), screen_stylesheet("wrapup.tcss")
    async with app.run_test(size=SIZE) as pilot:
        assert not app.stylesheet.has_source(setup, "")
        assert not app.stylesheet.has_source(wrapup, "")
        app.edit_setup(meeting_id)
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.stylesheet.has_source(setup, "")
        # Its rules apply (Textual's default gutter is "auto").
        assert app.screen.query_one("#setup-form").styles.scrollbar_gutter == "stable"
        app.pop_screen()
        await pilot.pause()
        app.open_wrapup(meeting_id)
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        assert app.stylesheet.has_source(wrapup, "")
        assert app.screen.query_one("#sources").styles.border_top[0] == "round"
