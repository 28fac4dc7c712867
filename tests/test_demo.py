"""`spiegel demo` opens the app on a filled sample meeting."""

from __future__ import annotations

from pathlib import Path

from spiegel_tui.demo import open_demo_store


def test_demo_meeting_is_a_filled_samenkracht_meeting(tmp_path: Path) -> None:
    store, meeting_id = open_demo_store(tmp_path)
    meeting = store.load_meeting(meeting_id)
    assert meeting.date.isoformat() == "2021-10-14"
    assert len(meeting.outcome.key_points) == 8
    assert len(meeting.live_remarks()) >= 20
    assert len(meeting.organisations) == 3
    store.close()
