"""Where each meeting stands in its cycle, for the meeting list's markers.

One query over all meetings: the planned dates, whether the debrief has anything
recorded (an answer or notes) and whether a letter was written. The markers
themselves are worked out in ``outcome/cycle.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spiegel_tui.model import Cycle

if TYPE_CHECKING:
    from spiegel_tui.storage.store import MeetingStore

#: (meeting date, planned cycle, debrief recorded, letter written) by meeting id.
CycleStatus = dict[int, tuple[dt.date, Cycle, bool, bool]]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def cycle_status(store: MeetingStore) -> CycleStatus:
    # One pass over the answers, not a subquery per meeting (80 ms at 300 meetings).
    answered = {
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT k.meeting_id FROM responses r "
            "JOIN key_points k ON k.id = r.key_point_id"
        )
    }
    rows = store.conn.execute(
        "SELECT id, date, cycle_debrief, cycle_letter, cycle_feedback_meeting, "
        "debrief_notes != '', letter != '' FROM meetings"
    ).fetchall()
    status: CycleStatus = {}
    for meeting_id, day, debrief, letter, feedback, noted, written in rows:
        debriefed = noted or meeting_id in answered
        cycle = Cycle(_day(debrief), _day(letter), _day(feedback))
        meeting_day = _day(day) or dt.date.min
        status[meeting_id] = (meeting_day, cycle, bool(debriefed), bool(written))
    return status
