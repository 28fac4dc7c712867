"""The capture screen driven like a note-taker would, read back from the database."""

from __future__ import annotations

from capture_support import SIZE, TickingClock, capture_app, capture_screen
from helpers import small_meeting

from spiegel_tui.model import Kind
from spiegel_tui.storage import MeetingStore


async def say(pilot, keys: str, text: str = "") -> None:
    """Press ``keys`` one by one (the tokens), add ``text`` at once, press Enter."""
    screen = capture_screen(pilot.app)
    if keys:
        await pilot.press(*keys)
    if text:
        screen.line.insert_text_at_cursor(text)
    await pilot.press("enter")
    pilot.app.clock.tick()


async def test_a_whole_short_meeting(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(0))
    clock = TickingClock()
    app = capture_app(store, meeting_id, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        assert screen.focused is screen.line

        # First question; participant 1 about VT, positive and starred.
        await pilot.press("ctrl+y")
        await say(pilot, "@1 #vt + * ", "Het eerste gesprek met Veilig Thuis was warm.")
        # Speaker and organisation stay; kind and star reset.
        await say(pilot, "", "Ze belden ook terug toen dat beloofd was.")
        await say(pilot, "! ", "Maar het duurde drie weken voor er iemand kwam.")
        # Another speaker by chord, another organisation by token, wish.
        await pilot.press("ctrl+n", "2")
        await say(pilot, "#vt #rvdk ? ", "Een vast aanspreekpunt bij de Raad?")
        await say(pilot, "", "Waarom werd er niet #vt gebeld? Geen idee.")
        # Participant by local name, organisation by number, private via ctrl+l.
        await pilot.press(*"@marieke #3 ")
        await pilot.press("ctrl+l")
        await say(pilot, "", "Dit blijft onder ons.")
        # Kind by chord, star by chord.
        await pilot.press("ctrl+t", "v", "ctrl+k")
        await say(pilot, "", "Rapport was onleesbaar.")
        # Nobody in particular, no organisations.
        await say(pilot, "@0 #- ", "Algemene opmerking van de zaal.")
        await pilot.press("ctrl+y")  # second question
        for number in range(12):
            speaker = str(number % 3 + 1)
            kind = "+!?."[number % 4]
            await pilot.press("ctrl+n", speaker)
            await say(pilot, f"{kind} ", f"Opmerking {number + 9} bij de tweede vraag.")
        await pilot.pause()
        assert screen.timeline.row_count == 20

        stored = store.load_meeting(meeting_id).remarks
        assert len(stored) == 20
        first = stored[0]
        assert (first.participant, first.organisations, first.kind, first.starred) == (
            "p1",
            ["vt"],
            Kind.POSITIVE,
            True,
        )
        assert first.question == "q1"
        assert first.text == "Het eerste gesprek met Veilig Thuis was warm."
        assert (stored[1].participant, stored[1].organisations, stored[1].kind) == (
            "p1",
            ["vt"],
            Kind.NOTE,
        )
        assert not stored[1].starred
        assert stored[2].kind == Kind.IMPROVEMENT
        assert (stored[3].participant, stored[3].organisations, stored[3].kind) == (
            "p2",
            ["vt", "rvdk"],  # one run of organisations
            Kind.WISH,
        )
        assert stored[4].text == "Waarom werd er niet #vt gebeld? Geen idee."
        assert stored[4].kind == Kind.NOTE
        assert (stored[5].participant, stored[5].organisations, stored[5].private) == (
            "p1",
            ["jgb"],  # a new run replaces: the talk moved on to another organisation
            True,
        )
        assert (stored[6].kind, stored[6].starred, stored[6].private) == (
            Kind.IMPROVEMENT,
            True,
            False,
        )
        assert (stored[7].participant, stored[7].organisations) == (None, [])
        assert {r.question for r in stored[8:]} == {"q2"}
        assert [r.participant for r in stored[8:11]] == ["p1", "p2", "p3"]
        assert [r.kind for r in stored[8:12]] == [
            Kind.POSITIVE,
            Kind.IMPROVEMENT,
            Kind.WISH,
            Kind.NOTE,
        ]
        assert store.current_question(meeting_id) == "q2"
        assert stored[0].at < stored[-1].at

        # Edit the last remark in the timeline: Up, Enter, change the line, Enter.
        await pilot.press("up", "enter")
        await pilot.pause()
        dialog_input = app.screen.query_one("#remark-line")
        assert dialog_input.value == "@p3 Opmerking 20 bij de tweede vraag."
        dialog_input.value = "@p2 #vt * Opmerking 20, verbeterd."
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        edited = store.load_meeting(meeting_id).remarks[-1]
        assert (edited.text, edited.participant, edited.organisations, edited.starred) == (
            "Opmerking 20, verbeterd.",
            "p2",
            ["vt"],
            True,
        )
        assert edited.kind == Kind.NOTE

        # Tag the one above in the timeline: star, kind, private.
        await pilot.press("up", "*", "+", "%")
        above = store.load_meeting(meeting_id).remarks[-2]
        assert (above.starred, above.kind, above.private) == (True, Kind.POSITIVE, True)
        await pilot.press("%")

        # Delete it and undo.
        deleted_id = store.load_meeting(meeting_id).remarks[-2].id
        await pilot.press("delete")
        await pilot.pause()
        assert store.load_meeting(meeting_id).remark(deleted_id).deleted
        assert screen.timeline.row_count == 19
        assert any("ctrl+z" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not store.load_meeting(meeting_id).remark(deleted_id).deleted
        assert screen.timeline.row_count == 20

        # Back to the input line: letters typed in the timeline go there too.
        await pilot.press("escape")
        assert screen.focused is screen.line

        # Filters: participant, organisation, kind, starred, search, and off.
        await pilot.press("ctrl+f", *"@2 ")
        await pilot.pause()
        shown = [r.participant for r in screen.timeline._rows]
        assert shown and set(shown) == {"p2"}
        await pilot.press("enter")
        assert screen.focused is screen.line
        assert "Ouder 2" in str(screen.filter_summary.render())
        screen.set_filter("#rvdk")
        assert all("rvdk" in r.organisations for r in screen.timeline._rows)
        screen.set_filter("?")
        assert {r.kind for r in screen.timeline._rows} == {Kind.WISH}
        screen.set_filter("*")
        assert all(r.starred for r in screen.timeline._rows)
        assert len(screen.timeline._rows) == 4
        await pilot.press("ctrl+f", "ctrl+u", *"aanspreek")
        await pilot.pause()
        assert [r.text for r in screen.timeline._rows] == ["Een vast aanspreekpunt bij de Raad?"]
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.filter.active
        assert screen.timeline.row_count == 20
        assert screen.focused is screen.line

    final = store.load_meeting(meeting_id)
    assert len(final.live_remarks()) == 20
    assert sum(r.starred for r in final.remarks) == 4
    assert [r.text for r in final.remarks if r.private] == ["Dit blijft onder ons."]


async def test_empty_enter_does_nothing_and_bad_token_blocks(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        before = len(store.load_remarks(meeting_id))
        await pilot.press("enter", "space", "enter")
        assert len(store.load_remarks(meeting_id)) == before
        await pilot.press(*"@9 hallo", "enter")
        assert len(store.load_remarks(meeting_id)) == before
        assert screen.line.value == "@9 hallo"
        assert "geen deelnemer 9" in (screen.context_bar.error or "")
        # Escape the token and it is text.
        screen.line.value = "\\@9 hallo"
        await pilot.press("enter")
        assert store.load_remarks(meeting_id)[-1].text == "@9 hallo"
        # Tokens alone set the context and store nothing.
        await pilot.press(*"@3", "enter")
        assert screen.context.participant == "p3"
        assert screen.line.value == ""


async def test_pasted_control_characters_are_cleaned(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await pilot.press(*"@1 ")
        screen.line.post_message  # noqa: B018 - the widget exists
        from textual import events

        screen.line.post_message(events.Paste("regel een\x1b[31m rood\x00\nregel twee\r\n"))
        await pilot.pause()
        await pilot.press("enter")
        remark = store.load_remarks(meeting_id)[-1]
        assert remark.text == "regel een rood regel twee"
        assert remark.participant == "p1"


async def test_chords_show_choices_and_cancel(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await pilot.press("ctrl+n")
        assert "Spreker" in str(screen.context_bar.render())
        await pilot.press("escape")
        assert screen.context_bar.prompt is None
        assert screen.line.value == ""
        # ctrl+n twice: next present participant, in turn.
        await pilot.press("ctrl+n", "ctrl+n")
        assert screen.context.participant == "p1"
        await pilot.press("ctrl+n", "n")
        assert screen.context.participant == "p2"
        await pilot.press("ctrl+o", "1", "ctrl+o", "2")
        assert screen.context.organisations == ("vt", "rvdk")
        await pilot.press("ctrl+o", "0")
        assert screen.context.organisations == ()
        await pilot.press("ctrl+t", "w")
        assert screen.context.kind == Kind.WISH
        await pilot.press("ctrl+t", "w")  # a menu choice sets, it does not toggle
        assert screen.context.kind == Kind.WISH
        await pilot.press("ctrl+t", "n")
        assert screen.context.kind == Kind.NOTE
        # A key that means nothing after a chord is swallowed, not typed.
        await pilot.press("ctrl+o", "x")
        assert screen.line.value == ""


async def test_questions_next_previous_persist(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+y")
        assert store.current_question(meeting_id) == "q1"
        await pilot.press("ctrl+y", "ctrl+y")
        assert store.current_question(meeting_id) == "q2"
        await pilot.press("ctrl+r")
        assert store.current_question(meeting_id) == "q1"
        assert "Vraag 1/2" in str(capture_screen(app).question_bar.render())


async def test_theme_toggle_and_help(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        dark = app.theme
        app.action_toggle_theme()
        assert app.theme != dark and not app.current_theme.dark
        await pilot.press("ctrl+g")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "CaptureScreen"
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_empty_line_is_drawn_as_textual_draws_it(store, meeting_id) -> None:
    # The empty line (placeholder, cursor) is kept between Enters; it must follow
    # focus, the theme and the width as Input's own drawing does.
    from textual.widgets import Input

    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        line = screen.line

        async def same_as_input() -> str:
            await pilot.pause()
            drawn = line.render_line(0)
            assert list(drawn) == list(Input.render_line(line, 0))
            return drawn.text

        await pilot.press(*"hallo", "enter")
        focused = await same_as_input()
        assert focused.strip().startswith("Typ een opmerking")
        await pilot.press("up")  # into the timeline: no cursor in the line
        assert screen.focused is screen.timeline
        await same_as_input()
        await pilot.press("escape")
        assert await same_as_input() == focused
        app.action_toggle_theme()
        await same_as_input()
        await pilot.resize_terminal(60, 20)
        await same_as_input()
