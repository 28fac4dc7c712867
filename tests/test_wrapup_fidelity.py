"""The wrap-up in a shared, changing database (issue 10), driven the way a user types.

The app on one connection; "elsewhere" is a second connection to the same file, as a
second Spiegel (another wrap-up, a capture, ``spiegel purge``) would hold. Each test
failed before the wrap-up had its session: the screen wrote the whole outcome from
memory, never reloaded and knew nothing of drafts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import docx
import pytest
from helpers import small_meeting
from textual.pilot import Pilot
from textual.widgets import TextArea

from spiegel_tui.outcome.session import PURGED
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import MEETING_GONE, OutcomeStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.point_editor import PointEditor
from spiegel_tui.ui.screens.wrapup import POLL_INTERVAL, WrapUpScreen
from spiegel_tui.ui.widgets.key_points import HELD, KeyPointList
from spiegel_tui.ui.widgets.remark_groups import SourceList

SIZE = (120, 40)


@pytest.fixture
def elsewhere(db_path: Path, store: MeetingStore):
    """A second connection to the app's file; ``store`` made the file first."""
    other = MeetingStore.open(db_path)
    yield other
    other.close()


@asynccontextmanager
async def wrapup(store: MeetingStore, meeting_id: int) -> AsyncIterator[tuple[SpiegelApp, Pilot]]:
    app = SpiegelApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(WrapUpScreen(meeting_id))
        await pilot.pause()
        yield app, pilot


def screen(app: SpiegelApp) -> WrapUpScreen:
    for candidate in reversed(app.screen_stack):
        if isinstance(candidate, WrapUpScreen):
            return candidate
    raise AssertionError("no wrap-up screen")


def notes(app: SpiegelApp) -> list[str]:
    return [n.message for n in app._notifications]


async def next_poll(pilot: Pilot) -> None:
    await pilot.pause(POLL_INTERVAL * 2.5)


def shown_points(app: SpiegelApp) -> list[str]:
    return [str(o.prompt) for o in screen(app).query_one(KeyPointList).options]


async def test_changes_elsewhere_are_shown_and_never_undone(
    store: MeetingStore, elsewhere: MeetingStore
) -> None:
    meeting_id = store.add_meeting(small_meeting(4))
    async with wrapup(store, meeting_id) as (app, pilot):
        # Here: a point from the first remark.
        await pilot.press("home", "down", "enter")
        # Elsewhere: a point added and a closing text typed.
        OutcomeStore(elsewhere).add_point(meeting_id, "Punt van de collega")
        revision = elsewhere.load_meeting(meeting_id).outcome.revisions["produced"]
        OutcomeStore(elsewhere).save_text(meeting_id, "produced", "Tekst van de collega", revision)
        await next_poll(pilot)
        assert any("Punt van de collega" in p for p in shown_points(app))
        assert "Kernpunt 2 is elders toegevoegd." in notes(app)
        assert screen(app).query_one("#produced", TextArea).text == "Tekst van de collega"
        # Moving a point here keeps the colleague's point and text.
        await pilot.press("tab", "down", "left_square_bracket")
        await pilot.pause()
    meeting = store.load_meeting(meeting_id)
    assert meeting.outcome.key_points[0].text == "Punt van de collega"
    assert len(meeting.outcome.key_points) == 2
    assert meeting.outcome.produced == "Tekst van de collega"


async def test_a_reword_made_elsewhere_first_keeps_this_text_in_the_editor(
    store: MeetingStore, elsewhere: MeetingStore
) -> None:
    meeting_id = store.add_meeting(small_meeting(2))
    point_id = OutcomeStore(store).add_point(meeting_id, "Eerste versie")
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, PointEditor)
        OutcomeStore(elsewhere).change_point(meeting_id, point_id, 1, "Versie van de collega")
        app.screen.query_one("#point-text", TextArea).text = "Mijn versie"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Kernpunt 1 is elders gewijzigd." in notes(app)
        assert [p.text for p in store.load_meeting(meeting_id).outcome.key_points] == [
            "Versie van de collega"
        ]
        # Nothing overwritten, nothing lost: the editor is back with this text.
        assert isinstance(app.screen, PointEditor)
        assert app.screen.query_one("#point-text", TextArea).text == "Mijn versie"
        assert "Versie van de collega" in app.screen.title_text  # the other version shown
        # Saving now is a choice made with both in view: it replaces the other's.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [p.text for p in store.load_meeting(meeting_id).outcome.key_points] == [
            "Mijn versie"
        ]


async def go_to_remark(pilot: Pilot, app: SpiegelApp, remark_id: int) -> None:
    """Arrow down (from the top) until the cursor is on the remark, as a user would."""
    sources = screen(app).query_one(SourceList)
    await pilot.press("home")
    for _ in range(sources.option_count):
        remark = sources.highlighted_remark()
        if remark is not None and remark.id == remark_id:
            return
        await pilot.press("down")
    raise AssertionError(f"remark {remark_id} not reachable")


async def test_a_remark_made_private_elsewhere_cannot_become_a_point_and_holds_one(
    store: MeetingStore, elsewhere: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting = small_meeting(4)
    meeting.remarks[1].text = "Geheim verhaal over de buurvrouw"
    meeting_id = store.add_meeting(meeting)
    first, second = (r.id or 0 for r in store.load_meeting(meeting_id).remarks[1:3])
    async with wrapup(store, meeting_id) as (app, pilot):
        await go_to_remark(pilot, app, first)
        await pilot.press("enter")  # point 1, made while the remark is public
        assert len(store.load_meeting(meeting_id).outcome.key_points) == 1
        # A screen that has not looked yet (its look held back, so the test is exact).
        session = screen(app).session
        assert session is not None
        looks = session.poll
        session.poll = lambda: None  # type: ignore[method-assign]
        for remark in elsewhere.load_meeting(meeting_id).remarks[1:3]:
            remark.private = True
            elsewhere.update_remark(meeting_id, remark)
        # The stale screen tries the second: refused at write time.
        await go_to_remark(pilot, app, second)
        await pilot.press("enter")
        await pilot.pause()
        session.poll = looks  # type: ignore[method-assign]
        assert len(store.load_meeting(meeting_id).outcome.key_points) == 1
        assert any("vertrouwelijk" in n for n in notes(app))
        await next_poll(pilot)
        assert HELD.split(":")[0] in shown_points(app)[0]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Kernpunt 1 blijft buiten het document" in str(app.screen.message)
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = next(tmp_path.glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "buurvrouw" not in text


async def test_purge_under_an_open_wrap_up_is_said_and_saving_goes_on(
    store: MeetingStore, elsewhere: MeetingStore
) -> None:
    meeting_id = store.add_meeting(small_meeting(4))
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("home", "down", "enter")
        elsewhere.purge_raw_notes(meeting_id)
        await next_poll(pilot)
        assert PURGED in notes(app)
        screen(app).query_one("#produced", TextArea).text = "Na het wissen"
        # Reword the point made before the purge: used to fail on a foreign key.
        await pilot.press("tab", "enter")
        app.screen.query_one("#point-text", TextArea).text = "Na het wissen herschreven"
        await pilot.press("ctrl+s")
        await pilot.pause(1.0)
        assert not any("FOREIGN" in n or "constraint" in n for n in notes(app))
    meeting = store.load_meeting(meeting_id)
    assert meeting.outcome.produced == "Na het wissen"
    assert [p.text for p in meeting.outcome.key_points] == ["Na het wissen herschreven"]


async def test_delete_under_an_open_wrap_up_keeps_the_text_and_exports_nothing(
    store: MeetingStore, elsewhere: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id = store.add_meeting(small_meeting(2))
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+t")
        elsewhere.delete_meeting(meeting_id)
        area = screen(app).query_one("#produced", TextArea)
        area.text = "Getypt na het verwijderen"
        await pilot.pause(1.0)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert MEETING_GONE in notes(app)
        assert not any("FOREIGN" in n or "constraint" in n for n in notes(app))
        assert area.text == "Getypt na het verwijderen"
    assert list(tmp_path.glob("*.docx")) == []


async def test_point_editor_keeps_typing_as_a_draft_and_asks_on_escape(
    store: MeetingStore,
) -> None:
    meeting_id = store.add_meeting(small_meeting(2))
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab", "n")
        assert isinstance(app.screen, PointEditor)
        await pilot.press(*"Half af")
        app.flush_drafts()  # what SIGHUP does
        assert [t for _, _, t in OutcomeStore(store).text_drafts(meeting_id)] == ["Half af"]
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep typing
        assert isinstance(app.screen, PointEditor)
    # The next opening offers the text back in the editor.
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, PointEditor)
        assert app.screen.query_one("#point-text", TextArea).text == "Half af"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [p.text for p in store.load_meeting(meeting_id).outcome.key_points] == ["Half af"]
    assert OutcomeStore(store).text_drafts(meeting_id) == []


async def _leave_point_draft(store: MeetingStore, meeting_id: int, typed: str) -> None:
    """An app edits point 1, types ``typed`` and is killed (its draft stays, owner gone)."""
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, PointEditor)
        await pilot.press("end", *typed)
        app.flush_drafts()  # what the draft timer / a hang-up does
    rows = OutcomeStore(store).text_drafts(meeting_id)
    assert len(rows) == 1
    # As after kill -9: the owner is a process that no longer runs.
    store.db.execute("UPDATE text_drafts SET owner = 'gone-0'")
    store.db.conn.commit()


async def test_a_left_point_draft_never_overwrites_a_newer_save(
    store: MeetingStore, elsewhere: MeetingStore
) -> None:
    meeting_id = store.add_meeting(small_meeting(2))
    OutcomeStore(store).add_point(meeting_id, "Punt een")
    await _leave_point_draft(store, meeting_id, " A-DRAFT")
    # Another Spiegel saves the same point meanwhile.
    point = elsewhere.load_meeting(meeting_id).outcome.key_points[0]
    OutcomeStore(elsewhere).change_point(meeting_id, point.id or 0, point.revision, "B-SAVED")
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, PointEditor)
        assert app.screen.query_one("#point-text", TextArea).text == "Punt een A-DRAFT"
        await pilot.press("ctrl+s")
        await pilot.pause()
    texts = [p.text for p in store.load_meeting(meeting_id).outcome.key_points]
    assert texts == ["B-SAVED", "Punt een A-DRAFT"]


async def test_a_left_point_draft_does_not_land_on_a_point_that_reused_its_id(
    store: MeetingStore, elsewhere: MeetingStore
) -> None:
    meeting_id = store.add_meeting(small_meeting(2))
    OutcomeStore(store).add_point(meeting_id, "Oud punt")
    await _leave_point_draft(store, meeting_id, " DRAFT-OUD")
    other = OutcomeStore(elsewhere)
    old = elsewhere.load_meeting(meeting_id).outcome.key_points[0]
    other.remove_point(meeting_id, old.id or 0, old.revision)
    other.add_point(meeting_id, "Nieuw punt van B")  # SQLite reuses the id
    new = elsewhere.load_meeting(meeting_id).outcome.key_points[0]
    assert new.id == old.id
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, PointEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()
    texts = [p.text for p in store.load_meeting(meeting_id).outcome.key_points]
    assert texts == ["Nieuw punt van B", "Oud punt DRAFT-OUD"]
