"""The who-was-heard panel: counts follow the remarks, drawn piece by piece."""

from __future__ import annotations

from itertools import pairwise

import pytest
from capture_support import SIZE, capture_app, capture_screen
from helpers import small_meeting
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from spiegel_tui.model import Participant, Role
from spiegel_tui.storage import MeetingStore
from spiegel_tui.ui.widgets.heard import HeardPanel

WIDE = (160, 48)


def on_screen(heard: HeardPanel) -> list[Strip]:
    """The panel's lines as the screen gets them (unchanged lines from the cache)."""
    return heard.render_lines(Region(0, 0, *heard.size))


async def redrawn(pilot: Pilot, heard: HeardPanel) -> list[Strip]:
    """The same lines drawn again from scratch."""
    heard.refresh()
    await pilot.pause()
    return on_screen(heard)


def text_of(heard: HeardPanel) -> str:
    return " ".join(strip.text.strip() for strip in on_screen(heard))


@pytest.mark.parametrize("size", [SIZE, WIDE])
async def test_counts_follow_remarks_and_only_changed_lines_are_drawn(
    store: MeetingStore, size: tuple[int, int]
) -> None:
    meeting_id = store.add_meeting(small_meeting(6))
    app = capture_app(store, meeting_id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = capture_screen(app)
        heard = screen.heard
        assert heard.wide == (size == WIDE)
        before = on_screen(heard)
        assert heard.people["p3"] == 2
        await pilot.press(*"@3 #rvdk nog een", "enter")
        await pilot.pause()
        assert heard.people["p3"] == 3 and heard.orgs["rvdk"] == 3
        after = on_screen(heard)
        assert after == await redrawn(pilot, heard)
        assert after != before
        if heard.wide:
            assert "3 3 Jongere 1" in text_of(heard)
            # Only the lines of the participant and the organisation were drawn again.
            changed = [y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
            assert len(changed) == 2
        else:
            assert "3 Jongere 1 3" in text_of(heard)
        # The speaker chosen for the next remark is marked, the one before is not.
        await pilot.press("ctrl+n", "1")
        await pilot.pause()
        assert heard.current == "p1"
        assert on_screen(heard) == await redrawn(pilot, heard)
        await pilot.press("ctrl+y")  # a question: shown in the side panel only
        await pilot.pause()
        assert on_screen(heard) == await redrawn(pilot, heard)
        if heard.wide:
            assert "▶  1 Hoe werd u bejegend" in text_of(heard)
        app.action_toggle_theme()
        await pilot.pause()
        assert on_screen(heard) == await redrawn(pilot, heard)


async def test_the_strip_wraps_as_text_and_grows_a_line_when_needed(store: MeetingStore) -> None:
    meeting = small_meeting(6)
    meeting.participants += [
        Participant(f"p{n}", f"Deelnemer {n}", Role.OUDER, True, []) for n in range(5, 12)
    ]
    meeting_id = store.add_meeting(meeting)
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        heard = capture_screen(app).heard
        width = heard.content_region.width
        lines = [strip.text.rstrip() for strip in on_screen(heard)]
        assert len(lines) == heard.size.height >= 2
        # Wrapped as Textual wraps text: between words, as late as fits, within the edge.
        text = [line[1:] for line in lines]  # the panel's padding
        assert all(len(line) <= width and line == line.rstrip() for line in text)
        for line, below in pairwise(text):
            assert len(line) + 1 + len(below.split()[0]) > width
        assert text[0].split()[:3] == ["Gehoord", "1", "Ouder"]
        # Wider: fewer lines, and the timeline gets the row back.
        timeline_height = capture_screen(app).timeline.size.height
        await pilot.resize_terminal(SIZE[0] + 30, SIZE[1])  # still the strip
        await pilot.pause()
        assert not heard.wide and heard.size.height < len(lines)
        assert capture_screen(app).timeline.size.height > timeline_height
        assert on_screen(heard) == await redrawn(pilot, heard)
