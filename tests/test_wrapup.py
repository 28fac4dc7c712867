"""The wrap-up screen, driven by keyboard through Pilot, checked against the database
and the files it writes. The meeting is seed 002, imported as a meeting file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import docx
import pytest
from samenkracht import FIXTURE, PRIVATE_TEXT
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, RadioSet, Static, TextArea

from spiegel_tui.meetingfile import parse_meeting_bytes
from spiegel_tui.model import KeyPoint, Kind, Meeting, Outcome
from spiegel_tui.outcome.intro import draft_introduction
from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.app import SpiegelApp
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.export_dialog import ExportDialog, LabelWarningDialog
from spiegel_tui.ui.screens.point_editor import PointEditor
from spiegel_tui.ui.screens.privacy_review import PrivacyReview
from spiegel_tui.ui.screens.wrapup import WrapUpScreen
from spiegel_tui.ui.screens.wrapup_help import WrapUpKeys
from spiegel_tui.ui.widgets.key_points import KeyPointList
from spiegel_tui.ui.widgets.remark_groups import SourceList

SIZE = (80, 24)


def seed_meeting(*, empty_outcome: bool = False, label: str = "") -> Meeting:
    meeting = parse_meeting_bytes(FIXTURE.read_bytes(), FIXTURE.name).meeting
    if empty_outcome:
        meeting.outcome = Outcome()
        meeting.introduction = ""
    if label:
        meeting.participants[0].label = label
    return meeting


def add_seed(store: MeetingStore, *, answered: bool = True, **kw: object) -> tuple[int, list[int]]:
    """The stored meeting id and the stored ids of remarks r1..r21 (index 0 is r1).

    ``answered``: the re-identification check's findings in the seed (its closing text
    names a month and a region) are accepted, so tests of the rest of the export go
    straight on (tests/test_wrapup_privacy.py walks through findings)."""
    meeting = seed_meeting(**kw)  # type: ignore[arg-type]
    meeting_id = store.add_meeting(meeting)
    if answered:
        accept_findings(store, meeting_id)
    return meeting_id, [r.id for r in meeting.remarks if r.id is not None]


def accept_findings(store: MeetingStore, meeting_id: int) -> None:
    from spiegel_tui.privacy.gate import check_document
    from spiegel_tui.storage.privacy_store import PrivacyStore

    meeting = store.load_meeting(meeting_id)
    answers = PrivacyStore(store)
    for fmt in ("docx", "csv"):
        for finding in check_document(meeting, fmt, {}, appendix=True).findings:
            answers.answer(meeting_id, finding.key, "accepted")


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


def sources(app: SpiegelApp) -> SourceList:
    return screen(app).query_one(SourceList)


def shown(app: SpiegelApp) -> list[str]:
    """The source list as the note-taker reads it, one entry per option."""
    return [str(o.prompt) for o in sources(app).options]


async def go_to_remark(pilot: Pilot, app: SpiegelApp, remark_id: int) -> None:
    """Arrow down (from the top) until the cursor is on the remark, as a user would."""
    await pilot.press("home")
    for _ in range(sources(app).option_count):
        remark = sources(app).highlighted_remark()
        if remark is not None and remark.id == remark_id:
            return
        await pilot.press("down")
    raise AssertionError(f"remark {remark_id} not reachable")


def outcome(store: MeetingStore, meeting_id: int) -> list[KeyPoint]:
    return store.load_meeting(meeting_id).outcome.key_points


def notes(app: SpiegelApp) -> list[str]:
    return [n.message for n in app._notifications]


# Sources -----------------------------------------------------------------


async def test_groups_by_organisation_with_private_apart(store: MeetingStore) -> None:
    meeting_id, r = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        lines = shown(app)
        headers = [
            line
            for line, o in zip(lines, sources(app).options, strict=True)
            if o.id and o.id.startswith("h:")
        ]
        assert headers == [
            "Veilig Thuis (8)",
            "Raad voor de Kinderbescherming (4)",
            "Jeugd- & Gezinsbeschermers (7)",
            "Algemeen (1)",
            "Vertrouwelijk: komt nooit in het document (1)",
        ]
        # The private remark is last, readable, and cannot be reached or marked.
        last = sources(app).options[-1]
        assert PRIVATE_TEXT in str(last.prompt) and last.disabled
        assert not any(PRIVATE_TEXT in line for line in lines[:-1])
        await pilot.press("end", "space")
        assert sources(app).highlighted_remark().id == r[19]  # r20, "Algemeen"
        assert r[18] not in sources(app).marked
        # Unstarred notes are not sources; remarks already in a point say which.
        assert not any("Pauze van tien minuten" in line for line in lines)
        assert "★ positief · Ouder 1 → 1: Mijn contactpersoon" in lines[1]


async def test_filter_by_kind_and_participant(store: MeetingStore) -> None:
    meeting_id, r = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("s")  # belangrijk
        starred = {rm.id for rm in (sources(app)._remarks[i] for i in sources(app)._options_of)}
        assert starred == {r[0], r[2], r[4], r[7], r[10], r[15]}
        await pilot.press("s")  # verbeterpunten
        kinds = {sources(app)._remarks[i].kind for i in sources(app)._options_of}
        assert kinds == {Kind.IMPROVEMENT}
        assert sources(app).border_subtitle == "s verbeterpunten · d iedereen"
        await pilot.press("d")  # Ouder 1
        assert set(sources(app)._options_of) == {r[15]}
        assert sources(app).border_subtitle == "s verbeterpunten · d Ouder 1"
        await pilot.press("s", "s", "s")  # positief, wensen, alles
        await pilot.press("d")  # Ouder 2: positives and improvements, and one private
        assert set(sources(app)._options_of) == {r[2], r[3], r[11], r[18]}
        assert "Vertrouwelijk: komt nooit in het document (1)" in shown(app)


# Composing key points ----------------------------------------------------


async def test_make_a_point_from_one_remark(store: MeetingStore) -> None:
    meeting_id, r = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        assert screen(app).query_one("#points-empty").display
        await go_to_remark(pilot, app, r[5])  # r6
        await pilot.press("enter")
        assert outcome(store, meeting_id) == [
            KeyPoint("Afspraken werden afgezegd en daarna hoorde ik niets meer.", [r[5]], ANY_ID)
        ]
        assert not screen(app).query_one("#points-empty").display
        assert "→ 1" in str(sources(app).get_option(f"jgb:{r[5]}").prompt)


class _AnyId:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, int)


ANY_ID = _AnyId()


async def test_merge_two_remarks_into_one_point(store: MeetingStore) -> None:
    meeting_id, r = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await go_to_remark(pilot, app, r[13])  # r14, under Jeugd- & Gezinsbeschermers
        await pilot.press("space")
        await go_to_remark(pilot, app, r[12])  # r13, marked second but said first
        await pilot.press("space")
        assert sources(app).border_title.endswith("· 2 gemarkeerd")
        await pilot.press("enter")
        [point] = outcome(store, meeting_id)
        assert point.remarks == [r[12], r[13]]
        assert point.text == (
            "Regel een back-up als de jeugdbeschermer ziek is of op vakantie gaat. "
            "Vertel duidelijk wie wanneer verantwoordelijk is."
        )
        assert not sources(app).marked


async def test_attach_a_remark_to_the_highlighted_point(store: MeetingStore) -> None:
    meeting_id, r = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await go_to_remark(pilot, app, r[12])
        await pilot.press("enter")
        await go_to_remark(pilot, app, r[14 - 1])
        await pilot.press("a")
        [point] = outcome(store, meeting_id)
        assert point.remarks == [r[12], r[13]]
        assert point.text.endswith("Vertel duidelijk wie wanneer verantwoordelijk is.")


async def test_reword_reorder_merge_and_remove_points(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store)
    before = outcome(store, meeting_id)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab")
        assert app.focused is screen(app).query_one(KeyPointList)

        # Reword point 3: replace the text, then type a few characters at its end.
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, PointEditor)
        area = app.screen.query_one("#point-text", TextArea)
        assert area.text == before[2].text
        area.text = "Communicatie is niet helder"
        area.move_cursor(area.document.end)
        await pilot.press(*"; afspraken vervallen.")
        await pilot.press("ctrl+s")
        points = outcome(store, meeting_id)
        assert points[2].text == "Communicatie is niet helder; afspraken vervallen."
        assert points[2].remarks == before[2].remarks

        # Reorder: point 3 up twice (stops at the top), then down once.
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert [p.remarks for p in outcome(store, meeting_id)][:3] == [
            before[2].remarks,
            before[0].remarks,
            before[1].remarks,
        ]
        await pilot.press("right_square_bracket")
        assert [p.remarks for p in outcome(store, meeting_id)][:3] == [
            before[0].remarks,
            before[2].remarks,
            before[1].remarks,
        ]
        assert screen(app).query_one(KeyPointList).highlighted == 1

        # Merge points 7 and 8 (the last two).
        await pilot.press("end", "up", "space", "space", "m")
        points = outcome(store, meeting_id)
        assert len(points) == 7
        assert points[6].remarks == before[6].remarks + before[7].remarks
        assert points[6].text.startswith(before[6].text)
        assert points[6].text.endswith(before[7].text)

        # Remove point 1: asks first; "n" keeps it, "j" removes it.
        await pilot.press("home", "x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert len(outcome(store, meeting_id)) == 7
        await pilot.press("delete")
        await pilot.press("j")
        points = outcome(store, meeting_id)
        assert [p.remarks for p in points][:2] == [before[2].remarks, before[1].remarks]
        assert len(points) == 6


async def test_new_point_written_by_hand_and_empty_text_refused(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab", "n")
        assert isinstance(app.screen, PointEditor)
        await pilot.press("ctrl+s")  # empty: refused, the editor stays
        assert isinstance(app.screen, PointEditor)
        assert "leeg" in str(app.screen.query_one("#point-error", Static).render())
        await pilot.press(*"Eigen punt")
        await pilot.press("ctrl+s")
        assert outcome(store, meeting_id) == [KeyPoint("Eigen punt", [], ANY_ID)]
        await pilot.press("enter")
        await pilot.press(*" erbij", "escape")  # escape: not saved
        assert outcome(store, meeting_id)[0].text == "Eigen punt"


# Closing texts -------------------------------------------------------------


async def test_closing_texts_are_saved_while_typing(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+t")
        produced = screen(app).query_one("#produced", TextArea)
        assert app.focused is produced
        produced.text = "Het is duidelijk geworden wat in de samenwerking belangrijk is"
        produced.move_cursor(produced.document.end)
        await pilot.press(*". Dit raakt.")
        await pilot.press("tab")
        await pilot.press(*"In november in de werkgroep.")
        await pilot.press("tab")
        await pilot.press(*"Ja, in 2022.")
        await pilot.pause(0.7)  # the save runs half a second after typing stops
        saved = store.load_meeting(meeting_id).outcome
        assert saved.produced == (
            "Het is duidelijk geworden wat in de samenwerking belangrijk is. Dit raakt."
        )
        assert saved.input_follow_up == "In november in de werkgroep."
        assert saved.follow_up_meeting == "Ja, in 2022."


async def test_texts_typed_just_before_leaving_are_saved(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+t", "tab", "tab")
        await pilot.press(*"Nog niet bekend")
        await pilot.press("escape")
        assert not any(isinstance(s, WrapUpScreen) for s in app.screen_stack)
        assert store.load_meeting(meeting_id).outcome.follow_up_meeting == "Nog niet bekend"


async def test_flush_draft_writes_pending_typing_at_once(store: MeetingStore) -> None:
    """What the app calls on every screen when the terminal hangs up."""
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+t", "tab")
        await pilot.press(*"Werkgroep")
        await pilot.press("ctrl+t", "ctrl+t")  # round to the introduction
        await pilot.press(*"Eigen")
        screen(app).flush_draft()
        meeting = store.load_meeting(meeting_id)
        assert meeting.outcome.input_follow_up == "Werkgroep"
        assert meeting.introduction.startswith("Eigen")


async def test_texts_typed_just_before_quitting_are_saved(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+t")
        await pilot.press(*"Snel")
        app.exit()
    assert store.load_meeting(meeting_id).outcome.produced == "Snel"


# Introduction --------------------------------------------------------------


def intro_area(app: SpiegelApp) -> TextArea:
    return screen(app).query_one("#introduction", TextArea)


def intro_status(app: SpiegelApp) -> str:
    return str(screen(app).query_one("#intro-status", Static).render())


async def test_draft_introduction_shown_when_empty_and_saved_once_edited(
    store: MeetingStore,
) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    draft = draft_introduction(store.load_meeting(meeting_id))
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t")
        assert intro_area(app).text == draft
        assert intro_status(app).startswith("Concept")
        await pilot.pause(0.7)
        assert store.load_meeting(meeting_id).introduction == ""  # only shown, not saved
        intro_area(app).move_cursor(intro_area(app).document.end)
        await pilot.press(*" Extra.")
        await pilot.pause(0.7)
        assert store.load_meeting(meeting_id).introduction == draft + " Extra."
        assert intro_status(app).startswith("Eigen tekst")


async def test_accepting_the_draft_saves_it(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    draft = draft_introduction(store.load_meeting(meeting_id))
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+s")
        assert store.load_meeting(meeting_id).introduction == draft
        assert intro_status(app).startswith("Eigen tekst")


async def test_redraft_never_overwrites_own_text_without_asking(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store)  # seed 002 has the facilitators' own introduction
    own = store.load_meeting(meeting_id).introduction
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t")
        assert intro_area(app).text == own
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert intro_area(app).text == own
        assert store.load_meeting(meeting_id).introduction == own

        await pilot.press("ctrl+n", "j")
        meeting = store.load_meeting(meeting_id)
        assert meeting.introduction == ""  # a draft again: it follows the setup
        assert intro_area(app).text == draft_introduction(meeting)
        assert intro_status(app).startswith("Concept")


async def test_redraft_of_a_draft_asks_nothing(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store, empty_outcome=True)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+t", "ctrl+n")
        assert isinstance(app.screen, WrapUpScreen)
        assert intro_status(app).startswith("Concept")


# Export --------------------------------------------------------------------


async def wait_for_export(app: SpiegelApp, pilot: Pilot) -> None:
    # The check's worker starts the export's worker when it is done: wait for both.
    for _ in range(400):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running or w.state.name == "PENDING" for w in app.workers):
            return
    raise AssertionError("export still running")


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


async def test_export_word_with_one_key_then_confirm_overwrite(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = add_seed(store)
    target = tmp_path / "2021-10-14-uitkomsten-samenkracht.docx"
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+o")
        await wait_for_export(app, pilot)
        assert target.is_file()
        document = docx.Document(str(target))
        assert (
            document.core_properties.title == "Uitkomsten Samenkracht!-bijeenkomst 14 oktober 2021"
        )
        assert document.paragraphs[0].text == "Uitkomsten Samenkracht!-bijeenkomst"
        assert f"Opgeslagen in {target}" in notes(app)
        first = target.read_bytes()

        # Again: asks; "n" leaves the file exactly as it was.
        await pilot.press("ctrl+o")
        await wait_for_export(app, pilot)  # the check, then the question
        assert isinstance(app.screen, ConfirmDialog)
        assert str(target) in str(app.screen.message)
        await pilot.press("n")
        await wait_for_export(app, pilot)
        assert target.read_bytes() == first

        # Change a point, export, accept: the file is replaced.
        await pilot.press("tab", "enter")
        app.screen.query_one("#point-text", TextArea).text = "Een heel nieuw eerste punt."
        await pilot.press("ctrl+s", "ctrl+o")
        await wait_for_export(app, pilot)
        await pilot.press("j")
        await wait_for_export(app, pilot)
        assert "Een heel nieuw eerste punt." in docx_text(target)
        assert isinstance(app.screen, WrapUpScreen)


async def test_label_in_a_key_point_warns_before_export(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = add_seed(store, label="Marieke")
    target = tmp_path / "2021-10-14-uitkomsten-samenkracht.docx"
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("tab", "enter")
        area = app.screen.query_one("#point-text", TextArea)
        area.text = "Marieke voelde zich gehoord."
        await pilot.press("ctrl+s")

        # The check finds the label first (suggesting its pseudonym); accepted here, the
        # label warning still follows and the document still gets the pseudonym.
        await pilot.press("ctrl+o")
        await wait_for_export(app, pilot)
        assert isinstance(app.screen, PrivacyReview)
        assert "lokale aanduiding in kernpunt 1" in " ".join(
            str(s.render()) for s in app.screen.query(Static)
        )
        await pilot.press("a")
        assert isinstance(app.screen, LabelWarningDialog)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Kernpunt 1 bevat ‘Marieke’" in text and "Ouder 1" in text
        await pilot.press("n")  # adjust first: nothing written
        await wait_for_export(app, pilot)
        assert not target.exists()

        await pilot.press("ctrl+o")
        await wait_for_export(app, pilot)
        assert isinstance(app.screen, LabelWarningDialog)  # answered: not asked again
        await pilot.press("j")
        await wait_for_export(app, pilot)
        body = docx_text(target)
        assert "Ouder 1 voelde zich gehoord." in body and "Marieke" not in body


async def test_export_dialog_markdown_with_appendix(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+r")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#export-path", Input)
        assert path.value == str(tmp_path / "2021-10-14-uitkomsten-samenkracht.docx")
        await pilot.press("down", "enter")  # Markdown
        assert dialog.query_one(RadioSet).pressed_index == 1
        assert path.value == str(tmp_path / "2021-10-14-uitkomsten-samenkracht.md")
        await pilot.press("tab", "space")  # the appendix
        assert dialog.query_one(Checkbox).value
        path.value = "uit/"  # a folder that does not exist yet: refused by the export
        await pilot.press("ctrl+s")
        await wait_for_export(app, pilot)
        assert any("bestaat niet" in n for n in notes(app))
        assert not (tmp_path / "uit").exists()

        (tmp_path / "uit").mkdir()
        await pilot.press("ctrl+r", "down", "enter", "tab", "space")
        app.screen.query_one("#export-path", Input).value = "uit"
        await pilot.press("ctrl+s")
        await wait_for_export(app, pilot)
        written = tmp_path / "uit" / "2021-10-14-uitkomsten-samenkracht.md"
        text = written.read_text(encoding="utf-8")
        assert text.startswith("# Uitkomsten Samenkracht!-bijeenkomst")
        assert "Bijlage: opmerkingen per organisatie" in text
        assert PRIVATE_TEXT not in text
        assert f"Opgeslagen in {written}" in notes(app)


async def test_export_dialog_escape_exports_nothing(
    store: MeetingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("ctrl+r", "escape")
        await wait_for_export(app, pilot)
        assert isinstance(app.screen, WrapUpScreen)
        assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".md")]


# Odds and ends -------------------------------------------------------------


async def test_keys_help_and_unknown_meeting(store: MeetingStore) -> None:
    meeting_id, _ = add_seed(store)
    async with wrapup(store, meeting_id) as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, WrapUpKeys)
        await pilot.press("escape")
        assert isinstance(app.screen, WrapUpScreen)
        # In a text field '?' is typed; ctrl+g opens the list there too.
        await pilot.press("ctrl+t", "ctrl+t", "question_mark")
        assert screen(app).query_one("#produced", TextArea).text.startswith("?")
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, WrapUpKeys)
    async with wrapup(store, 999) as (app, pilot):
        assert "Er is geen bijeenkomst met nummer 999" in str(
            app.screen.query_one("#wrapup-error", Static).render()
        )
        await pilot.press("escape")
        assert not isinstance(app.screen, WrapUpScreen)
