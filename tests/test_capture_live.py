"""A second note-taker on the same database file: their work shows up within 2 s."""

from __future__ import annotations

import datetime as dt
import time

from capture_support import SIZE, capture_app, capture_screen
from helpers import TZ

from spiegel_tui.model import Remark
from spiegel_tui.storage import MeetingStore


async def wait_until(pilot, condition, timeout: float = 2.0) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def test_remarks_and_edits_of_another_instance_appear(store, db_path, meeting_id) -> None:
    other = MeetingStore.open(db_path)
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        shown = screen.timeline.row_count
        added = other.add_remark(
            meeting_id,
            Remark(at=dt.datetime(2021, 10, 14, 20, 20, tzinfo=TZ), text="Van de ander"),
        )
        await wait_until(pilot, lambda: screen.timeline.row_count == shown + 1)
        assert screen.timeline._rows[-1].text == "Van de ander"

        # An edit (a star) and a delete by the other note-taker show as well.
        added.starred = True
        other.update_remark(meeting_id, added)
        await wait_until(pilot, lambda: screen.timeline._rows[-1].starred)
        first = screen.timeline._rows[0].id
        other.set_remark_deleted(first, True)
        await wait_until(pilot, lambda: screen.timeline.row_count == shown)

        # So does the current question.
        other.set_current_question(meeting_id, "q2")
        await wait_until(pilot, lambda: screen.question == "q2")

        # Our own remarks keep their place among theirs.
        await pilot.press(*"eigen", "enter")
        other.add_remark(
            meeting_id, Remark(at=dt.datetime(2021, 10, 14, 20, 21, tzinfo=TZ), text="weer")
        )
        await wait_until(pilot, lambda: screen.timeline._rows[-1].text == "weer")
        assert [r.text for r in screen.timeline._rows[-3:]] == ["Van de ander", "eigen", "weer"]
    other.close()


async def test_the_other_instance_typing_a_draft_changes_nothing_here(
    store, db_path, meeting_id
) -> None:
    """Their draft saves change data_version every half second: no needless redraws."""
    from spiegel_tui.storage import Draft

    other = MeetingStore.open(db_path)
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture_screen(app)
        rows = screen.timeline._rows
        for text in ("a", "ab", "abc"):
            other.save_draft(meeting_id, Draft(text))
            await pilot.pause(0.6)
        await pilot.pause(1.2)
        assert screen.timeline._rows is rows  # not rebuilt: nothing changed
    other.close()
