"""Garbage collection waits until the first screen is up, then skips what start-up
built; after the app, everything is as before."""

from __future__ import annotations

import gc

from capture_support import SIZE, capture_app, capture_screen


async def test_collection_resumes_after_the_first_screen_and_frees_at_the_end(
    store, meeting_id
) -> None:
    assert gc.isenabled()
    app = capture_app(store, meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        capture_screen(app)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000  # the app, its DOM, the meeting
        await pilot.press(*"na de start", "enter")
        await pilot.pause()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # handed back: a second app in this process frees it
    assert store.load_remarks(meeting_id)[-1].text == "na de start"


def test_an_app_that_never_started_leaves_collection_on(store, meeting_id) -> None:
    capture_app(store, meeting_id)  # built, never run
    assert gc.isenabled()
