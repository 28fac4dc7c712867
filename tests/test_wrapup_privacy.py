"""The re-identification check in the wrap-up's export, the way a note-taker answers it:
one finding at a time, v (replace), b (edit), a (accept), escape (stop). The exported
Word file is read back; the answers and edits are read back from the database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import docx
import pytest
from helpers import small_meeting
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from spiegel_tui.model import KeyPoint
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.privacy_store import PrivacyStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.point_editor import PointEditor
from spiegel_tui.ui.screens.privacy_review import PrivacyReview, TextEditor
from spiegel_tui.ui.screens.wrapup import WrapUpScreen

SIZE = (100, 30)
POINT = "Mijn zoon Daan van 8 werd in Amersfoort op 3 maart uit school gehaald."
TARGET = "2021-10-14-uitkomsten-samenkracht.docx"


def add_meeting(store: MeetingStore, follow_up: str = "") -> int:
    meeting = small_meeting()
    meeting.outcome.key_points = [
        KeyPoint(POINT),
        KeyPoint("Ouders voelden zich niet gehoord door Veilig Thuis."),
    ]
    meeting.outcome.input_follow_up = follow_up
    return store.add_meeting(meeting)


@asynccontextmanager
async def wrapup(store: MeetingStore, meeting_id: int) -> AsyncIterator[tuple[SpiegelApp, Pilot]]:
    app = SpiegelApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(WrapUpScreen(meeting_id))
        await pilot.pause()
        yield app, pilot


async def wait_until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 60) -> None:
    """The check runs in a child process: wait for its outcome, not a fixed time."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            await pilot.pause()  # the screen reached mounts and paints its content
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def shown(app: SpiegelApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static))


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def notes(app: SpiegelApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_walk_through_findings_replace_accept_edit(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id = add_meeting(store)
    target = tmp_path / TARGET
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivacyReview))
        assert "Bevinding 1 van 4: naam in kernpunt 1" in shown(app)
        assert "»Mijn zoon Daan«" in shown(app)

        # v: the suggestion, editable; enter keeps it.
        await pilot.press("v")
        field = app.screen.query_one("#privacy-replacement", Input)
        assert field.has_focus and field.value == "een kind"
        await pilot.press("enter")
        assert "Bevinding 2 van 4: leeftijd" in shown(app)

        # a: not identifying.
        await pilot.press("a")
        assert "Bevinding 3 van 4: plaats" in shown(app) and "»Amersfoort«" in shown(app)

        # v with its own wording; the letters typed go into the field, not to v/b/a.
        # The suggestion comes selected: typing replaces it, end keeps and extends it.
        await pilot.press("v")
        app.screen.query_one("#privacy-replacement", Input).value = "een"
        await pilot.press("end", "space", "s", "t", "a", "d", "enter")
        assert "Bevinding 4 van 4: datum" in shown(app)

        # b: the key point in its editor; saving goes through the wrap-up's change path.
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, PointEditor))
        edited = "Mijn zoon Daan van 8 werd in Amersfoort in het voorjaar uit school gehaald."
        app.screen.query_one("#point-text", TextArea).text = edited
        await pilot.press("ctrl+s")
        # The check runs again on what is stored: nothing open, the document is written.
        await wait_until(pilot, lambda: target.is_file())
        await wait_until(pilot, lambda: any("Opgeslagen in" in n for n in notes(app)))
        assert isinstance(app.screen, WrapUpScreen)

        body = docx_text(target)
        assert "een kind van 8 werd in een stad in het voorjaar uit school gehaald." in body
        for identifying in ("Daan", "Amersfoort", "3 maart"):
            assert identifying not in body

        # Stored: the edit (the point's own text), the three answers; the texts as typed.
        assert store.load_meeting(meeting_id).outcome.key_points[0].text == edited
        answers = PrivacyStore(store).answers(meeting_id)
        assert sorted((a.answer, a.replacement) for a in answers.values()) == [
            ("accepted", ""),
            ("replaced", "een kind"),
            ("replaced", "een stad"),
        ]

        # The next export does not ask again: straight to the overwrite question.
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")


async def test_escape_stops_the_export_and_writes_nothing(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id = add_meeting(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivacyReview))
        await pilot.press("a", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not (tmp_path / TARGET).exists()
        assert any("Export gestopt" in n for n in notes(app))
    # The one answer given is kept; the other three are asked again next time.
    assert len(PrivacyStore(store).answers(meeting_id)) == 1


async def test_edit_a_closing_text_goes_through_the_session(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id = add_meeting(store, follow_up="Natasja belt op 06-12345678 terug.")
    store_answers = PrivacyStore(store)
    for key in (
        "name|mijn zoon daan|kernpunt:",
        "age|8|kernpunt:",
        "place|amersfoort|kernpunt:",
        "date|3 maart|kernpunt:",
    ):
        point_id = store.load_meeting(meeting_id).outcome.key_points[0].id
        store_answers.answer(meeting_id, f"{key}{point_id}", "accepted")
    target = tmp_path / TARGET
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivacyReview))
        assert "input voor het vervolg" in shown(app)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, TextEditor))
        app.screen.query_one("#edited-text", TextArea).text = "De jeugdbeschermer belt terug."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: target.is_file())
        assert "De jeugdbeschermer belt terug." in docx_text(target)
        assert "06-12345678" not in docx_text(target)
        # On screen too, so typing there goes on from the edited text.
        shown_text = screen_text(app, "#input_follow_up")
        assert shown_text == "De jeugdbeschermer belt terug."
    meeting = store.load_meeting(meeting_id)
    assert meeting.outcome.input_follow_up == "De jeugdbeschermer belt terug."


def screen_text(app: SpiegelApp, selector: str) -> str:
    for candidate in app.screen_stack:
        if isinstance(candidate, WrapUpScreen):
            return candidate.query_one(selector, TextArea).text
    raise AssertionError("no wrap-up screen")


async def test_palette_checks_without_exporting(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.command import CommandPalette

    monkeypatch.chdir(tmp_path)
    meeting_id = add_meeting(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"herleid")
        await wait_until(pilot, lambda: "Controleren op herleidbaarheid" in shown_palette(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivacyReview))
        for _ in range(4):
            await pilot.press("a")
        await wait_until(pilot, lambda: any("Geen open bevindingen" in n for n in notes(app)))
        assert not list(tmp_path.glob("*.docx"))
    assert len(PrivacyStore(store).answers(meeting_id)) == 4


def shown_palette(app: SpiegelApp) -> str:
    from textual.widgets import OptionList

    return " ".join(
        str(option.prompt) for widget in app.screen.query(OptionList) for option in widget.options
    )
