"""The timeline's own scrollbar: one column drawn with the lines, moved like Textual's."""

from __future__ import annotations

import pytest
from capture_support import SIZE, capture_app, capture_screen
from helpers import small_meeting
from rich.color import Color as RichColor
from textual import events
from textual.geometry import Region

from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.widgets.timeline import Timeline


def bar_colours(timeline: Timeline, state: str = "") -> tuple[RichColor, RichColor]:
    """Track and thumb colours from the theme, mixed as Textual's ScrollBar mixes them."""
    styles = timeline.styles
    suffix = {"": "", "hover": "_hover", "grab": "_active"}[state]
    back = getattr(styles, f"scrollbar_background{suffix}")
    color = getattr(styles, f"scrollbar_color{suffix}")
    if back.a < 1:
        back = timeline.background_colors[0] + back
    return back.rich_color, (back + color).rich_color


def bar(timeline: Timeline, state: str = "") -> str:
    """The last column, top to bottom: '#' thumb, '.' track, '~' thumb end, ' ' no bar."""
    track, thumb = bar_colours(timeline, state)
    cells = []
    for y in range(timeline.size.height):
        strip = timeline.render_line(y)
        assert strip.cell_length == timeline.size.width
        cell = list(strip)[-1]
        assert cell.style is not None
        if cell.text != " ":
            cells.append("~")
        elif cell.style.bgcolor == thumb:
            cells.append("#")
        elif cell.style.bgcolor == track:
            cells.append(".")
        else:
            cells.append(" ")
    return "".join(cells)


def thumb_top(column: str) -> int:
    assert "#" in column, column
    return min(column.index("#"), column.find("~") if "~" in column else len(column))


async def test_the_thumb_shows_where_the_view_is(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        # Textual's scrollbar takes no room: the bar is the timeline's last column.
        assert timeline.scrollable_content_region.width == timeline.size.width
        assert timeline.vertical_scrollbar.size.width == 0
        # Opened at the newest remark: the thumb sits at the bottom.
        column = bar(timeline)
        assert column[-1] == "#" and column[0] == "."
        assert set(column) <= {"#", ".", "~"}
        # A new remark keeps the view, and so the thumb, at the end.
        await pilot.press(*"nog een", "enter")
        await pilot.pause()
        assert "nog een" in timeline.render_line(timeline.size.height - 1).text
        assert bar(timeline)[-1] == "#"
        # To the first remark: the thumb goes to the top; paging moves it down.
        timeline.focus()
        await pilot.press("home")
        await pilot.pause()
        column = bar(timeline)
        assert column[0] == "#" and column[-1] == "."
        tops = [thumb_top(column)]
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause()
            tops.append(thumb_top(bar(timeline)))
        assert tops == sorted(tops) and tops[-1] > tops[0]


async def test_the_wheel_scrolls_and_the_thumb_follows(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        end = timeline.scroll_y
        for _ in range(30):
            timeline.post_message(
                events.MouseScrollUp(timeline, 5, 5, 0, -1, 0, False, False, False)
            )
        await pilot.pause()
        assert timeline.scroll_y < end
        assert not timeline.follow  # a new remark from elsewhere no longer pulls the view
        assert thumb_top(bar(timeline)) < timeline.size.height - 2


async def test_a_meeting_that_fits_draws_no_bar(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(3))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        assert bar(timeline) == " " * timeline.size.height
        # The column has the timeline's own background.
        cell = list(timeline.render_line(0))[-1]
        assert cell.style is not None
        assert cell.style.bgcolor == timeline.rich_style.bgcolor


async def test_clicking_the_track_pages_and_selects_nothing(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        timeline.focus()
        await pilot.pause()
        end, cursor = timeline.scroll_y, timeline.cursor
        await pilot.click(timeline, offset=(timeline.size.width - 1, 0))
        await pilot.pause()
        assert timeline.scroll_y == end - timeline.size.height
        assert timeline.cursor == cursor
        # A click on the text still selects the remark there.
        await pilot.click(timeline, offset=(10, 0))
        await pilot.pause()
        assert timeline.cursor < cursor


@pytest.mark.parametrize("distance", [-6, 6])
async def test_dragging_the_thumb_scrolls(store: MeetingStore, distance: int) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        x = timeline.size.width - 1
        if distance > 0:
            timeline.scroll_to(y=0, animate=False)
            await pilot.pause()
        start = timeline.scroll_y
        grab_at = bar(timeline).index("#")
        await pilot.mouse_down(timeline, offset=(x, grab_at))
        await pilot.pause()
        assert bar_colours(timeline, "grab") != bar_colours(timeline, "hover")
        assert "#" in bar(timeline, "grab")  # drawn in the theme's 'active' colours
        await pilot.hover(timeline, offset=(x, grab_at + distance))
        await pilot.pause()
        moved = timeline.scroll_y - start
        assert moved * distance > 0
        # The thumb travelled as far as the mouse: the bar stands for the whole meeting.
        assert abs(moved - distance * timeline.virtual_size.height / timeline.size.height) <= 1
        await pilot.mouse_up(timeline, offset=(x, grab_at + distance))
        await pilot.pause()
        assert "#" not in bar(timeline, "grab")


async def test_hovering_the_bar_lights_it_up(store: MeetingStore) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        assert bar_colours(timeline, "hover") != bar_colours(timeline)
        await pilot.hover(timeline, offset=(timeline.size.width - 1, 2))
        await pilot.pause()
        assert "#" in bar(timeline, "hover")
        await pilot.hover(timeline, offset=(10, 2))
        await pilot.pause()
        assert "#" in bar(timeline)


async def test_a_click_while_typing_selects_the_remark_under_the_mouse(
    store: MeetingStore,
) -> None:
    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = capture_screen(app)
        timeline = screen.timeline
        for _ in range(30):
            timeline.post_message(
                events.MouseScrollUp(timeline, 5, 5, 0, -1, 0, False, False, False)
            )
        await pilot.pause()
        assert screen.focused is screen.line
        top = timeline.scroll_y
        shown = timeline.render_line(0).text
        # Focus by the click leaves the view alone (it used to jump to the newest
        # remark first, and the click then selected whatever had moved under it).
        await pilot.click(timeline, offset=(10, 0))
        await pilot.pause()
        assert screen.focused is timeline
        assert timeline.scroll_y == top
        selected = timeline.selected
        assert selected is not None and selected.text[:20] in shown


async def test_lines_go_through_textual_styles_when_they_need_them(store: MeetingStore) -> None:
    # The timeline hands its cached lines to the screen as they are; padding (or a
    # border, tint, opacity) set on it later must still be drawn.
    meeting_id = store.add_meeting(small_meeting(3))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        width = timeline.size.width
        plain = timeline.render_lines(Region(0, 0, width, 1))[0]
        assert plain.text.startswith("19:")
        assert plain.text == timeline.render_line(0).text
        timeline.styles.padding = (0, 2)
        await pilot.pause()
        padded = timeline.render_lines(Region(0, 0, timeline.size.width, 1))[0]
        assert padded.text.startswith("  19:")
        assert padded.cell_length == timeline.size.width
