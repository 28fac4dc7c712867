"""Opening, leaving and coming back; the palette; the help text against the keys."""

from __future__ import annotations

from capture_support import SIZE, capture_app, capture_screen
from textual.screen import Screen

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.screens.capture import CaptureScreen
from spiegel_tui.ui.screens.help import help_text
from spiegel_tui.ui.screens.picker import PickerScreen
from spiegel_tui.ui.widgets.key_bar import key_label
from spiegel_tui.ui.widgets.timeline import Timeline


async def test_reopening_resumes_where_it_stood(store, db_path, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+y", "ctrl+y", *"@2 #vt ", *"half af")
        await pilot.press("ctrl+q")

    again = MeetingStore.open(db_path)
    app = capture_app(again, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = capture_screen(app)
        assert screen.question == "q2"
        assert "Vraag 2/2" in str(screen.question_bar.render())
        assert (screen.context.participant, screen.context.organisations) == ("p2", ("vt",))
        assert screen.line.value == "half af"
        assert screen.focused is screen.line
        assert screen.timeline.scroll_y == screen.timeline.max_scroll_y
    again.close()


async def test_palette_runs_capture_commands(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"vraag volgende")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = capture_screen(app)
        assert store.current_question(meeting_id) == "q1"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"spreker 3 jongere")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.context.participant == "p3"


async def test_leaving_goes_to_the_meeting_list(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        # Opened straight on the meeting: no list underneath yet.
        assert not any(isinstance(s, PickerScreen) for s in app.screen_stack)
        capture_screen(app).close()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_names_changed_elsewhere_show_on_return(store, meeting_id) -> None:
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        await app.push_screen(Screen())  # stands in for the setup screen
        meeting = store.load_meeting(meeting_id)
        meeting.participants[0].pseudonym = "Moeder A"
        store.save_setup(meeting)
        app.pop_screen()
        for _ in range(40):
            await pilot.pause(0.05)
            if screen.meeting.participants[0].pseudonym == "Moeder A":
                break
        assert any("Moeder A" in screen.timeline.render_line(y).text for y in range(3))


def test_help_mentions_every_key_shown() -> None:
    text = help_text()
    for binding in [*CaptureScreen.BINDINGS, *Timeline.BINDINGS]:
        if not getattr(binding, "show", True):
            continue
        first = binding.key.split(",")[0]
        label = first if first.startswith("ctrl+") else key_label(first)
        names = {"⏎": "Enter", "del": "Delete", "esc": "Esc"}
        assert names.get(label, label) in text, binding
    for key in ("ctrl+r", "ctrl+z", "ctrl+p", "ctrl+q", "F1"):
        assert key in text
