"""The meeting picker, driven by keyboard through Pilot, checked against the database."""

from __future__ import annotations

import datetime as dt

from helpers import small_meeting
from textual.widgets import DataTable, Static

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.picker import PickerScreen
from spiegel_tui.ui.screens.setup import SetupScreen


def add(store: MeetingStore, topic: str, day: dt.date, remarks: int) -> int:
    meeting = small_meeting(remarks)
    meeting.topic = topic
    meeting.date = day
    return store.add_meeting(meeting)


def rows(app: SpiegelApp) -> list[list[str]]:
    table = app.screen.query_one("#meetings", DataTable)
    # Date, topic, count; the cycle's marker depends on today (test_debrief_app.py).
    return [[str(cell).strip() for cell in table.get_row_at(i)[:3]] for i in range(table.row_count)]


async def test_lists_meetings_newest_first_with_counts(store: MeetingStore) -> None:
    add(store, "Bejegening", dt.date(2021, 10, 14), 3)
    add(store, "Ervaringen van jongeren", dt.date(2022, 3, 1), 0)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, PickerScreen)
        assert rows(app) == [
            ["01-03-2022", "Ervaringen van jongeren", "0"],
            ["14-10-2021", "Bejegening", "3"],
        ]
        assert not app.screen.query_one("#empty").display


async def test_enter_opens_the_highlighted_meeting(store: MeetingStore, opened: list[int]) -> None:
    older = add(store, "Bejegening", dt.date(2021, 10, 14), 3)
    add(store, "Ervaringen van jongeren", dt.date(2022, 3, 1), 0)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        assert opened == [older]


async def test_n_opens_setup_for_a_new_meeting(store: MeetingStore) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.meeting_id is None


async def test_e_opens_setup_of_the_highlighted_meeting(store: MeetingStore) -> None:
    meeting_id = add(store, "Bejegening", dt.date(2021, 10, 14), 1)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.meeting_id == meeting_id


async def test_delete_asks_and_deletes(store: MeetingStore) -> None:
    keep = add(store, "Bejegening", dt.date(2021, 10, 14), 3)
    add(store, "Weg ermee", dt.date(2022, 3, 1), 2)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.message == (
            "Bijeenkomst 'Weg ermee' met 2 opmerkingen verwijderen? "
            "Dit kan niet ongedaan worden gemaakt."
        )
        await pilot.press("j")
        assert isinstance(app.screen, PickerScreen)
        assert [m.id for m in store.list_meetings()] == [keep]
        assert rows(app) == [["14-10-2021", "Bejegening", "3"]]


async def test_delete_cancelled_keeps_the_meeting(store: MeetingStore) -> None:
    meeting_id = add(store, "Bejegening", dt.date(2021, 10, 14), 1)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 opmerking verwijderen" in app.screen.message
        await pilot.press("enter")  # focus starts on 'Annuleren'
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("d", "escape")
        await pilot.press("d", "n")
        assert [m.id for m in store.list_meetings()] == [meeting_id]
        assert len(rows(app)) == 1


async def test_empty_state_tells_how_to_start(store: MeetingStore) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Nog geen bijeenkomsten. Druk op n voor een nieuwe." in str(empty.render())
        # Keys that need a meeting do nothing rather than fail.
        await pilot.press("enter", "e", "d")
        assert isinstance(app.screen, PickerScreen)


async def test_list_refreshes_when_returning(store: MeetingStore) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        add(store, "Van elders toegevoegd", dt.date(2022, 3, 1), 4)
        await pilot.press("escape")  # nothing typed: leaves without asking
        assert isinstance(app.screen, PickerScreen)
        assert rows(app) == [["01-03-2022", "Van elders toegevoegd", "4"]]
        assert not app.screen.query_one("#empty").display


async def test_q_quits(store: MeetingStore) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_list_follows_another_spiegel_on_the_same_file(store: MeetingStore, db_path) -> None:
    meeting_id = add(store, "Onderwerp-B", dt.date(2021, 10, 14), 1)
    elsewhere = MeetingStore.open(db_path)
    app = SpiegelApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            assert rows(app)[0][1] == "Onderwerp-B"
            meeting = elsewhere.load_meeting(meeting_id)
            meeting.topic = "Onderwerp-A"
            elsewhere.save_setup(meeting)
            for _ in range(50):  # polled about once a second
                await pilot.pause(0.1)
                if rows(app)[0][1] == "Onderwerp-A":
                    break
            assert rows(app)[0][1] == "Onderwerp-A"
    finally:
        elsewhere.close()
