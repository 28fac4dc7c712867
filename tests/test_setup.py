"""The setup screen, filled in by keyboard through Pilot and read back from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import small_meeting
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from spiegel_tui.model import Organisation, Participant, Question, Role
from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.dialogs import ConfirmDialog, TextPrompt
from spiegel_tui.ui.screens.picker import PickerScreen
from spiegel_tui.ui.screens.setup import SetupScreen
from spiegel_tui.ui.screens.setup_dialogs import OrganisationDialog, ParticipantDialog

DAY = dt.date(2021, 10, 14)


def focused(app: SpiegelApp) -> str | None:
    return app.focused.id if app.focused else None


async def open_setup(app: SpiegelApp, pilot: Pilot, meeting_id: int | None = None) -> SetupScreen:
    await app.push_screen(SetupScreen(meeting_id, today=DAY))
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    return app.screen


async def tab_to(pilot: Pilot, widget_id: str, *, limit: int = 30) -> None:
    """Press Tab until the widget has focus, as a user would."""
    for _ in range(limit):
        if focused(pilot.app) == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}; focus is on {focused(pilot.app)}")


async def replace_text(pilot: Pilot, text: str) -> None:
    """Clear the focused one-line input and type ``text``."""
    await pilot.press("end", "ctrl+u", *text)


async def add_participant(
    pilot: Pilot,
    *,
    role_steps: int = 0,
    absent: bool = False,
    org_steps: tuple[int, ...] = (),
    label: str = "",
) -> None:
    """From the participant table: a, choose role, presence, organisations, label, keep."""
    app = pilot.app
    await pilot.press("a")
    assert isinstance(app.screen, ParticipantDialog)
    assert focused(app) == "pseudonym"
    if role_steps:
        await pilot.press("shift+tab", *(["right"] * role_steps), "tab")
    await pilot.press("tab")
    assert focused(app) == "present"
    if absent:
        await pilot.press("space")
    await pilot.press("tab")
    for step in org_steps:
        await pilot.press(*(["down"] * step), "space")
    await pilot.press("tab")
    assert focused(app) == "label"
    await pilot.press(*label)
    await pilot.press("enter")
    assert isinstance(app.screen, SetupScreen)


async def test_new_meeting_by_keyboard(store: MeetingStore, opened: list[int]) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        assert focused(app) == "topic"
        await pilot.press(*"Bejegening")
        await pilot.press("tab")
        assert app.screen.query_one("#date", Input).value == "14-10-2021"
        await replace_text(pilot, "2021-11-02")
        await pilot.press("tab", *"19:30", "tab", *"Hilversum", "tab", *"7", "tab")
        await pilot.press(*"A, B", "tab", *"Medewerkers", "tab")
        assert focused(app) == "introduction"
        await pilot.press("tab")
        assert focused(app) == "organisations"
        # Tick Veilig Thuis, the Raad and SAVE (first, second and fifth preset).
        await pilot.press("space", "down", "space", "down", "down", "down", "space")
        await pilot.press("tab")
        assert focused(app) == "org-name"
        await pilot.press(*"Stichting Jeugd Noord")
        assert app.screen.query_one("#org-key", Input).value == "sjn"
        await pilot.press("enter")
        assert app.screen.query_one("#org-name", Input).value == ""
        await tab_to(pilot, "participants")
        await add_participant(pilot, org_steps=(0, 1), label="Marieke")  # Ouder 1: vt, rvdk
        await add_participant(pilot, absent=True)  # Ouder 2, afgemeld
        await add_participant(pilot, role_steps=1, org_steps=(3,), label="Sam")  # Jongere 1: sjn
        await add_participant(pilot, role_steps=1)  # Pleegouder 1: starts from Jongere
        await tab_to(pilot, "questions")
        pasted = "1. Hoe was het eerste contact?\n\n2. Wat ging goed?\n3. Wat kan beter?\n"
        app.post_message(events.Paste(pasted))  # as the terminal driver delivers a paste
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, PickerScreen)
        assert len(opened) == 1
        meeting = store.load_meeting(opened[0])
        assert (meeting.topic, meeting.date, meeting.start) == (
            "Bejegening",
            dt.date(2021, 11, 2),
            dt.time(19, 30),
        )
        assert (meeting.location, meeting.invited, meeting.facilitators, meeting.listeners) == (
            "Hilversum",
            7,
            ["A", "B"],
            "Medewerkers",
        )
        assert meeting.introduction == ""
        assert meeting.organisations == [
            Organisation("vt", "Veilig Thuis"),
            Organisation("rvdk", "Raad voor de Kinderbescherming"),
            Organisation("save", "SAVE"),
            Organisation("sjn", "Stichting Jeugd Noord"),
        ]
        assert meeting.participants == [
            Participant("p1", "Ouder 1", Role.OUDER, True, ["vt", "rvdk"], "Marieke"),
            Participant("p2", "Ouder 2", Role.OUDER, False, [], ""),
            Participant("p3", "Jongere 1", Role.JONGERE, True, ["sjn"], "Sam"),
            Participant("p4", "Pleegouder 1", Role.PLEEGOUDER, True, [], ""),
        ]
        assert meeting.questions == [
            Question("q1", "Hoe was het eerste contact?"),
            Question("q2", "Wat ging goed?"),
            Question("q3", "Wat kan beter?"),
        ]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("topic", "", "Vul het onderwerp in"),
        ("date", "30-02-2021", "februari 2021 heeft 28 dagen"),
        ("invited", "abc", "'abc' is geen aantal"),
        ("start", "25:00", "geen tijd"),
    ],
)
async def test_validation_errors_save_nothing(
    store: MeetingStore, opened: list[int], field: str, typed: str, message: str
) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        if field != "topic":
            await pilot.press(*"Bejegening")
        await tab_to(pilot, field)
        await replace_text(pilot, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        error = screen.query_one(f"#{field}-error")
        assert error.display
        assert message in str(error.render())
        assert focused(app) == field
        assert store.list_meetings() == []
        assert opened == []
        # Fixing the field and saving again works, and the message goes.
        await replace_text(pilot, {"topic": "Bejegening", "date": "14-10-2021"}.get(field, ""))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.list_meetings()) == 1


async def test_invited_below_participants_is_refused(store: MeetingStore, meeting_id: int) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "invited")
        await replace_text(pilot, "2")
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert "minstens 4" in str(screen.query_one("#invited-error").render())
    assert store.load_meeting(meeting_id).invited == 5


async def test_edit_keeps_remark_links_and_untouched_fields(
    store: MeetingStore, meeting_id: int
) -> None:
    before = store.load_meeting(meeting_id)
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, meeting_id)
        assert screen.query_one("#topic", Input).value == before.topic
        await pilot.press("end", *" (avond)")
        # Edit question 1 in place, add a question above question 2.
        questions = screen.query_one("#questions", TextArea)
        questions.text = (
            "Hoe werd u bejegend bij het allereerste contact?\n"
            "Wat wilt u nog kwijt?\n"
            "Wat zou u anders willen zien?"
        )
        # Rename Veilig Thuis (its key stays: remarks use it), add a participant.
        await tab_to(pilot, "organisations")
        await pilot.press("e")
        assert isinstance(app.screen, OrganisationDialog)
        assert app.screen.query_one("#org-key", Input).disabled
        await pilot.press("end", *" Gooi", "enter")
        await tab_to(pilot, "participants")
        await pilot.press("end")
        await add_participant(pilot, label="Nieuw")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

    after = store.load_meeting(meeting_id)
    assert after.topic == before.topic + " (avond)"
    assert after.organisations[0] == Organisation("vt", "Veilig Thuis Gooi")
    assert after.organisations[1:] == before.organisations[1:]
    assert after.participants[:4] == before.participants
    assert after.participants[4] == Participant("p5", "Ouder 4", Role.OUDER, True, [], "Nieuw")
    assert [q.key for q in after.questions] == ["q1", "q3", "q2"]
    assert after.questions[0].text == "Hoe werd u bejegend bij het allereerste contact?"
    # Remarks, their links and everything the setup does not show are untouched.
    assert after.remarks == before.remarks
    assert after.outcome == before.outcome
    for field in ("date", "start", "location", "invited", "facilitators", "listeners"):
        assert getattr(after, field) == getattr(before, field)


async def test_removing_a_referenced_participant_asks(store: MeetingStore, meeting_id: int) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "participants")
        await pilot.press("x")  # Ouder 1 (Marieke) said remark 1
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.message.startswith("Ouder 1 (Marieke) staat bij 1 opmerking.")
        await pilot.press("n")
        assert [p.key for p in screen.state.participants] == ["p1", "p2", "p3", "p4"]
        await pilot.press("x", "j")
        assert [p.key for p in screen.state.participants] == ["p2", "p3", "p4"]
        await pilot.press("end", "x")  # Ouder 3 said nothing: gone without asking
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.load_meeting(meeting_id)
    assert [p.key for p in meeting.participants] == ["p2", "p3"]
    assert meeting.remarks[0].participant is None
    assert meeting.remarks[0].text == "Opmerking 1 over de bejegening"


async def test_unticking_a_referenced_organisation_asks(
    store: MeetingStore, meeting_id: int
) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "organisations")
        await pilot.press("space")  # Veilig Thuis: remarks 1 and 3
        assert isinstance(app.screen, ConfirmDialog)
        assert "Veilig Thuis staat bij 2 opmerkingen" in app.screen.message
        await pilot.press("n")
        assert screen.state.rows[0].selected
        await pilot.press("space", "j")
        assert not screen.state.rows[0].selected
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.load_meeting(meeting_id)
    assert [o.key for o in meeting.organisations] == ["rvdk", "jgb"]
    assert meeting.participants[0].organisations == ["rvdk"]
    assert meeting.remarks[2].organisations == ["jgb"]


async def test_participant_dialog_refuses_a_used_pseudonym(
    store: MeetingStore, meeting_id: int
) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "participants")
        await pilot.press("a")
        assert app.screen.query_one("#pseudonym", Input).value == "Ouder 4"
        await replace_text(pilot, "Ouder 2")
        await pilot.press("enter")
        assert isinstance(app.screen, ParticipantDialog)
        assert "al in gebruik" in str(app.screen.query_one("#pseudonym-error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)
        assert len(app.screen.state.participants) == 4


async def test_space_toggles_presence(store: MeetingStore, meeting_id: int) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "participants")
        await pilot.press("end", "space", "ctrl+s")
        await pilot.pause()
    assert store.load_meeting(meeting_id).participants[3].present


async def test_cancel_with_changes_asks(store: MeetingStore, meeting_id: int) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot, meeting_id)
        await pilot.press("end", *"!!", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        assert app.screen is screen
        assert screen.query_one("#topic", Input).value.endswith("!!")
        await pilot.press("escape", "j")  # throw away
        assert isinstance(app.screen, PickerScreen)
    assert not store.load_meeting(meeting_id).topic.endswith("!!")


async def test_cancel_without_changes_leaves_at_once(store: MeetingStore, meeting_id: int) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot, meeting_id)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_typed_organisation_with_a_taken_key_is_refused(store: MeetingStore) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        await tab_to(pilot, "org-name")
        await pilot.press(*"Vrouwenopvang", "tab")
        assert focused(app) == "org-key"
        await replace_text(pilot, "vt")
        await pilot.press("enter")
        assert "al in gebruik" in str(screen.query_one("#org-error").render())
        assert screen.state.find_by_name("Vrouwenopvang") is None
        await replace_text(pilot, "#VO")
        await pilot.press("enter")
        row = screen.state.find_by_name("Vrouwenopvang")
        assert row is not None and row.selected and row.org.key == "vo"


async def test_typed_control_characters_are_cleaned(store: MeetingStore, opened: list[int]) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        screen.query_one("#topic", Input).value = "Bejegening\x1b[31m\x07 "
        screen.query_one("#questions", TextArea).text = "Vraag\x00 een\r\nVraag twee"
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.load_meeting(opened[0])
    assert meeting.topic == "Bejegening"
    assert [q.text for q in meeting.questions] == ["Vraag een", "Vraag twee"]


def test_small_meeting_fixture_has_links_this_file_relies_on() -> None:
    meeting = small_meeting()
    assert meeting.remarks[0].participant == "p1"
    assert [r.organisations for r in meeting.remarks] == [["vt"], ["rvdk"], ["jgb", "vt"]]


async def test_a_meeting_deleted_meanwhile_is_reported(
    store: MeetingStore, meeting_id: int
) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        store.delete_meeting(meeting_id)
        await pilot.press("e")  # the picker still listed it
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("Er is geen bijeenkomst" in n.message for n in app._notifications)


async def test_role_arrows_choose_and_resuggest_the_pseudonym(
    store: MeetingStore, meeting_id: int
) -> None:
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot, meeting_id)
        await tab_to(pilot, "participants")
        await pilot.press("a")
        pseudonym = app.screen.query_one("#pseudonym", Input)
        assert pseudonym.value == "Ouder 4"
        await pilot.press("shift+tab", "right")
        assert pseudonym.value == "Jongere 2"
        await pilot.press("right")
        assert pseudonym.value == "Pleegouder 1"
        await pilot.press("left", "tab", "end", *"b")  # typed by hand: no longer re-suggested
        await pilot.press("shift+tab", "right")
        assert pseudonym.value == "Jongere 2b"
        await pilot.press("ctrl+s")
        assert app.screen.state.participants[-1].role == Role.PLEEGOUDER


async def test_text_prompt_checks_and_returns_clean_text(store: MeetingStore) -> None:
    answers: list[str | None] = []
    app = SpiegelApp(store)
    async with app.run_test(size=(80, 24)) as pilot:

        def check(text: str) -> str | None:
            return None if text else "Typ iets."

        app.push_screen(TextPrompt("Naam", value="", check=check), answers.append)
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        assert "Typ iets." in str(app.screen.query_one("#prompt-error").render())
        await pilot.press(*" Sam ", "enter")
        app.push_screen(TextPrompt("Naam", value="weg"), answers.append)
        await pilot.pause()
        await pilot.press("escape")
    assert answers == ["Sam", None]
