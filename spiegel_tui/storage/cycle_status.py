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
    rows = store.conn.execute(
        """
        SELECT m.id, m.date, m.cycle_debrief, m.cycle_letter, m.cycle_feedback_meeting,
               m.debrief_notes != '' OR EXISTS (
                   SELECT 1 FROM responses r JOIN key_points k ON k.id = r.key_point_id
                   WHERE k.meeting_id = m.id
               ) AS debriefed,
               m.letter != '' AS letter_written
        FROM meetings m
        """
    ).fetchall()
    status: CycleStatus = {}
    for meeting_id, day, debrief, letter, feedback, debriefed, written in rows:
        cycle = Cycle(_day(debrief), _day(letter), _day(feedback))
        meeting_day = _day(day) or dt.date.min
        status[meeting_id] = (meeting_day, cycle, bool(debriefed), bool(written))
    return status
