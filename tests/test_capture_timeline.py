"""The timeline widget: wrapping, and 10,000 remarks handled like ten."""

from __future__ import annotations

import datetime as dt

import pytest
from capture_support import SIZE, capture_app, capture_screen
from helpers import TZ, small_meeting

from spiegel_tui.model import Remark
from spiegel_tui.ui.widgets.timeline import Timeline, wrap


def lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap(text, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("kort", 10, ["kort"]),
        ("", 10, [""]),
        ("een twee drie vier", 9, ["een twee", "drie vier"]),
        ("een  twee", 4, ["een", "twee"]),
        ("onafhankelijkheidsverklaring", 10, None),
        ("één twee", 5, ["één", "twee"]),
        ("日本語のテキスト", 6, ["日本語", "のテキ", "スト"]),
        ("a " * 3, 2, ["a", "a", "a"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str] | None) -> None:
    result = lines(text, width)
    if expected is not None:
        assert result == expected
    else:  # a word longer than the line is cut, nothing lost
        assert "".join(result) == text
        assert all(len(line) <= width for line in result)


def test_wrap_never_loses_text() -> None:
    text = "Het  gesprek duurde   veel te lang, want niemand wist wie verantwoordelijk was."
    for width in range(1, 40):
        wrapped = lines(text, width)
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")
        assert all(len(line) <= width for line in wrapped)
        if width >= len("verantwoordelijk"):  # words fit: none is cut
            assert " ".join(wrapped).split() == text.split()


async def test_ten_thousand_remarks_render_only_what_is_on_screen(store) -> None:
    meeting_id = store.add_meeting(small_meeting(10_000))
    app = capture_app(store, meeting_id)
    rendered: list[int] = []
    original = Timeline.render_line

    def counting(self, y: int):
        rendered.append(y)
        return original(self, y)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = capture_screen(app)
        timeline = screen.timeline
        assert timeline.row_count == 10_000
        # Scrolled to the newest remark on opening.
        assert timeline.scroll_y == timeline.max_scroll_y > 0
        assert "Opmerking 10000 " in timeline.render_line(timeline.size.height - 1).text
        Timeline.render_line = counting
        try:
            await pilot.press(*"nog een", "enter")
            await pilot.pause()
        finally:
            Timeline.render_line = original
        assert timeline.row_count == 10_001
        assert len(rendered) <= 2 * timeline.size.height  # a frame, not 10,000 rows
        assert "nog een" in timeline.render_line(timeline.size.height - 1).text
        # Page up and home reach the start without rendering every row.
        timeline.focus()
        await pilot.press("home")
        assert timeline.scroll_y == 0
        assert "Opmerking 1 " in timeline.render_line(0).text


async def test_other_remarks_do_not_pull_the_view_when_scrolled_up(store, db_path) -> None:
    from spiegel_tui.storage import MeetingStore

    meeting_id = store.add_meeting(small_meeting(60))
    app = capture_app(store, meeting_id)
    other = MeetingStore.open(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        await pilot.press("pageup", "pageup")
        top = timeline.scroll_y
        assert top < timeline.max_scroll_y
        other.add_remark(
            meeting_id, Remark(at=dt.datetime(2021, 10, 14, 21, 0, tzinfo=TZ), text="van ander")
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if timeline.row_count == 61:
                break
        assert timeline.row_count == 61
        assert timeline.scroll_y == top  # the reader keeps their place
        # One's own remark brings the view back to the bottom.
        await pilot.press(*"eigen", "enter")
        await pilot.pause()
        assert timeline.scroll_y == timeline.max_scroll_y
    other.close()


async def test_long_text_at_80_columns_shows_time_who_and_text(store) -> None:
    meeting = small_meeting(1)
    meeting.remarks[0].text = "woord " * 60
    meeting_id = store.add_meeting(meeting)
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = capture_screen(app).timeline
        first = timeline.render_line(0).text
        assert first.startswith("19:40")
        assert "Ouder 1" in first and "woord" in first
        continuation = timeline.render_line(1).text
        assert continuation.startswith(" " * 10) and "woord" in continuation
        assert all(len(timeline.render_line(y).text) <= 80 for y in range(6))


async def test_lines_kept_between_frames_follow_every_change(store) -> None:
    # The timeline hands unchanged lines to the screen again without drawing them;
    # after each change what it hands out must be what it would draw afresh.
    from textual.geometry import Region

    meeting_id = store.add_meeting(small_meeting(200))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        timeline = screen.timeline

        async def check() -> None:
            await pilot.pause()
            width, height = timeline.size
            handed = timeline.render_lines(Region(0, 0, width, height))
            fresh = [timeline.render_line(y) for y in range(height)]
            assert [list(strip) for strip in handed] == [list(strip) for strip in fresh]

        await check()
        await pilot.press("up")  # into the timeline: the cursor row is coloured
        await check()
        await pilot.press("up", "up", "+")  # another kind: the remark is redrawn
        await check()
        await pilot.press("pageup")
        await check()
        # Redrawn in part: another note-taker's remarks below the view shrink the thumb;
        # the mouse over the scrollbar lights it up.
        for minute in range(30):
            at = dt.datetime(2021, 10, 14, 21, minute, tzinfo=TZ)
            timeline.append(Remark(at=at, text="van ander"))
        await check()
        await pilot.hover(timeline, offset=(timeline.size.width - 1, 1))
        await check()
        await pilot.press("escape", *"nieuw", "enter")  # back at the end, one more
        await check()
        assert "nieuw" in timeline.render_line(timeline.size.height - 1).text
        app.action_toggle_theme()
        await check()
        await pilot.resize_terminal(100, 30)
        await check()
