"""The cycle after a meeting: its planned dates and what is due or overdue.

A meeting plans the debrief with the listeners (by default two weeks after the
meeting), the letter to the participants and the meeting where what was done is
reported back. The meeting list shows one short marker per meeting for the first
step still open. No Textual, no SQL here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spiegel_tui.model import Cycle
from spiegel_tui.setup.form import FieldError, format_date, parse_date
from spiegel_tui.textclean import clean_line

#: The debrief one or two weeks after the meeting, as facilitator trainers advise.
DEBRIEF_AFTER = dt.timedelta(days=14)
#: Between the steps of a typed cycle: a slash with a space beside it, or ";".
STEP_SPLIT = re.compile(r"\s+/\s*|\s*/\s+|;")
#: Within this many days a planned step counts as due ("over 3 d").
DUE_WITHIN = 7

STEP_NAMES = {
    "debrief": "nabespreking",
    "letter": "brief",
    "feedback_meeting": "terugkoppeling",
}


def effective_cycle(meeting_date: dt.date, cycle: Cycle) -> Cycle:
    """The cycle as planned, with the debrief's default when none was set."""
    return Cycle(
        debrief=cycle.debrief or meeting_date + DEBRIEF_AFTER,
        letter=cycle.letter,
        feedback_meeting=cycle.feedback_meeting,
    )


@dataclass(frozen=True)
class CycleProgress:
    """What happened of the cycle so far (from the stored follow-up)."""

    debriefed: bool = False
    letter_written: bool = False
    fed_back: bool = False


def marker(meeting_date: dt.date, cycle: Cycle, progress: CycleProgress, today: dt.date) -> str:
    """The short marker for the meeting list: the first step not done, if due soon.

    "nabespreking over 3 d", "nabespreking vandaag", "brief te laat"; "" when
    nothing is due within a week or everything planned is done.
    """
    planned = effective_cycle(meeting_date, cycle)
    steps = (
        ("debrief", planned.debrief, progress.debriefed),
        ("letter", planned.letter, progress.letter_written),
        ("feedback_meeting", planned.feedback_meeting, progress.fed_back),
    )
    for name, day, done in steps:
        if done or day is None:
            continue
        if day <= meeting_date and name == "debrief" and cycle.debrief is None:
            continue
        left = (day - today).days
        if left < 0:
            return f"{STEP_NAMES[name]} te laat"
        if left == 0:
            return f"{STEP_NAMES[name]} vandaag"
        if left <= DUE_WITHIN:
            return f"{STEP_NAMES[name]} over {left} d"
        return ""
    return ""


def format_cycle(cycle: Cycle) -> str:
    """The one-line form the debrief screen offers to edit: three dates with ' / '."""
    return " / ".join(format_date(day) if day else "-" for day in _days(cycle))


def _days(cycle: Cycle) -> tuple[dt.date | None, ...]:
    return (cycle.debrief, cycle.letter, cycle.feedback_meeting)


def parse_cycle(text: str) -> Cycle:
    """'28-10-2021 / 11-11-2021 / 15-3-2022'; '-' or nothing leaves a date open.

    Raises FieldError with a Dutch message naming the step.
    """
    line = clean_line(text)
    # ' / ' separates the steps; '28/10/2021' stays one date.
    parts = [clean_line(p) for p in STEP_SPLIT.split(line)] if line else []
    if len(parts) > 3:
        raise FieldError(
            "Te veel datums: schrijf nabespreking / brief / terugkoppeling, "
            "bijvoorbeeld 28-10-2021 / 11-11-2021 / 15-3-2022."
        )
    days: list[dt.date | None] = []
    for name, part in zip(STEP_NAMES.values(), [*parts, "", "", ""][:3], strict=True):
        if part in ("", "-"):
            days.append(None)
            continue
        try:
            days.append(parse_date(part))
        except FieldError as error:
            raise FieldError(f"Datum van de {name}: {error}") from None
    return Cycle(*days)


def parse_due(text: str) -> dt.date | None:
    """A due date typed with an action: '' or '-' for none, else a Dutch date."""
    text = clean_line(text)
    if text in ("", "-"):
        return None
    try:
        return parse_date(text)
    except FieldError as error:
        raise FieldError(f"Deadline: {error}") from None


def markers(status: dict[int, tuple[dt.date, Cycle, bool, bool]], today: dt.date) -> dict[int, str]:
    """The meeting list's marker per meeting id (see ``storage/cycle_status.py``)."""
    found = {}
    for meeting_id, (day, cycle, debriefed, written) in status.items():
        # A report-back meeting whose day has passed was held.
        held = cycle.feedback_meeting is not None and cycle.feedback_meeting < today
        text = marker(day, cycle, CycleProgress(debriefed, written, held), today)
        if text:
            found[meeting_id] = text
    return found
