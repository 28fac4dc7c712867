"""The setup form beside a changing database, and its draft (issue 10).

Before: the form's texts (and a dialog's) were gone after a hang-up, and saving the
setup wrote every field from the form, undoing an introduction the wrap-up had
written meanwhile.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import small_meeting
from textual.widgets import Input, TextArea

from spiegel_tui.setup.sync import KEPT_MARK, merge_texts
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import OutcomeStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.setup import SetupScreen
from spiegel_tui.ui.screens.setup_dialogs import ParticipantDialog

DAY = dt.date(2021, 10, 14)


def test_merge_takes_untouched_fields_and_keeps_both_long_texts() -> None:
    initial = {"topic": "Oud", "location": "A", "introduction": "Begin"}
    mine = {"topic": "Mijn onderwerp", "location": "A", "introduction": "Begin, aangevuld"}
    stored = {"topic": "Hun onderwerp", "location": "B", "introduction": "Hun begin"}
    merged = merge_texts(initial, mine, stored)
    assert merged.texts["location"] == "B"  # untouched here: taken
    assert merged.texts["topic"] == "Mijn onderwerp"  # both: mine stays, theirs said
    assert any("Hun onderwerp" in n for n in merged.notices)
    assert merged.texts["introduction"] == f"Hun begin{KEPT_MARK}Begin, aangevuld"


async def test_setup_texts_and_an_open_dialog_survive_a_hang_up(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting())
    app = SpiegelApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        app.screen.query_one("#location", Input).value = "Utrecht, zaal 3"
        app.screen.query_one("#introduction", TextArea).text = "Een nieuwe inleiding"
        app.screen.action_add_participant()
        await pilot.pause()
        assert isinstance(app.screen, ParticipantDialog)
        app.screen.query_one("#label", Input).value = "de moeder met de rode jas"
        app.flush_drafts()  # what SIGHUP does
    # The next opening of the same setup has it all back.
    app = SpiegelApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        setup = next(s for s in app.screen_stack if isinstance(s, SetupScreen))
        assert setup.query_one("#location", Input).value == "Utrecht, zaal 3"
        assert setup.query_one("#introduction", TextArea).text == "Een nieuwe inleiding"
        assert any("de moeder met de rode jas" in n.message for n in app._notifications)
        # The dialog itself is open again with its text (before: only a passing notice).
        await pilot.pause()
        assert isinstance(app.screen, ParticipantDialog)
        assert app.screen.query_one("#label", Input).value == "de moeder met de rode jas"
        await pilot.press("ctrl+s")  # keeps the participant
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.load_meeting(meeting_id)
    assert meeting.location == "Utrecht, zaal 3"
    assert meeting.participants[-1].label == "de moeder met de rode jas"
    assert OutcomeStore(store).text_drafts(meeting_id) == []


async def test_saving_the_setup_keeps_an_introduction_written_elsewhere(
    store: MeetingStore, db_path: Path
) -> None:
    meeting_id = store.add_meeting(small_meeting())
    elsewhere = MeetingStore.open(db_path)
    app = SpiegelApp(store)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await app.push_screen(SetupScreen(meeting_id, today=DAY))
            await pilot.pause()
            app.screen.query_one("#location", Input).value = "Amersfoort"
            elsewhere.save_introduction(meeting_id, "Inleiding uit het afronden")
            await pilot.press("ctrl+s")
            await pilot.pause()
    finally:
        elsewhere.close()
    meeting = store.load_meeting(meeting_id)
    assert meeting.location == "Amersfoort"
    assert meeting.introduction == "Inleiding uit het afronden"


async def test_a_restored_setup_draft_does_not_revert_a_field_saved_elsewhere(
    store: MeetingStore, db_path: Path
) -> None:
    meeting_id = store.add_meeting(small_meeting())
    app = SpiegelApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        app.screen.query_one("#location", Input).value = "Locatie van A"
        app.flush_drafts()  # then the app is killed
    # Another Spiegel changes only the topic meanwhile.
    elsewhere = MeetingStore.open(db_path)
    try:
        meeting = elsewhere.load_meeting(meeting_id)
        meeting.topic = "Onderwerp van B"
        elsewhere.save_setup(meeting)
    finally:
        elsewhere.close()
    app = SpiegelApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        assert app.screen.query_one("#location", Input).value == "Locatie van A"
        assert app.screen.query_one("#topic", Input).value == "Onderwerp van B"
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.load_meeting(meeting_id)
    assert (meeting.topic, meeting.location) == ("Onderwerp van B", "Locatie van A")


async def test_an_open_setup_is_marked_open_for_a_delete_elsewhere(store: MeetingStore) -> None:
    from spiegel_tui.capture import draft_owner

    meeting_id = store.add_meeting(small_meeting())
    app = SpiegelApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(SetupScreen(meeting_id, today=DAY))
        await pilot.pause()
        # What the picker's delete (capture/presence.py) asks before it warns.
        assert store.presence(meeting_id) == [draft_owner.this_process()]
        await pilot.press("escape")
        await pilot.pause()
    assert store.presence(meeting_id) == []
