"""What the improvement register screen does, without the screen.

Every improvement action of every meeting in the database, read once (one query,
see ``storage/followup_read.py``) and filtered here, so changing a filter costs no
database round trip: by organisation (its key, the same across meetings), status,
overdue, and meeting. A status change is stored with its note and shown at once.
No Textual here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spiegel_tui.model import ActionEvent, ActionStatus
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.followup_read import ActionRow
from spiegel_tui.textclean import clean_line

#: The status filter's steps: everything, then each status.
STATUS_STEPS: tuple[ActionStatus | None, ...] = (None, *ActionStatus)


class RegisterSession:
    def __init__(self, store: MeetingStore, clock: Callable[[], dt.datetime] | None = None) -> None:
        from spiegel_tui.storage.followup_store import FollowUpStore

        self.followup = FollowUpStore(store)
        self.clock = clock or (lambda: dt.datetime.now().astimezone())
        self.rows: list[ActionRow] = []
        self.organisation: str | None = None
        self.status: ActionStatus | None = None
        self.overdue = False
        self.meeting_id: int | None = None

    def load(self) -> list[ActionRow]:
        self.rows = self.followup.actions()
        return self.rows

    @property
    def today(self) -> dt.date:
        return self.clock().date()

    def visible(self) -> list[ActionRow]:
        today = self.today
        wanted = self.organisation
        return [
            row
            for row in self.rows
            if (wanted is None or row.organisation.casefold() == wanted)
            and (self.status is None or row.status == self.status)
            and (not self.overdue or row.overdue(today))
            and (self.meeting_id is None or row.meeting_id == self.meeting_id)
        ]

    # Filters -------------------------------------------------------------------

    def organisations(self) -> list[tuple[str, str]]:
        """(key, a name it goes by) of every organisation with actions, by key."""
        found: dict[str, str] = {}
        for row in self.rows:
            found.setdefault(row.organisation.casefold(), row.organisation_name)
        return sorted(found.items())

    def next_organisation(self) -> None:
        keys: list[str | None] = [None, *(key for key, _ in self.organisations())]
        position = keys.index(self.organisation) if self.organisation in keys else 0
        self.organisation = keys[(position + 1) % len(keys)]

    def next_status(self) -> None:
        position = STATUS_STEPS.index(self.status)
        self.status = STATUS_STEPS[(position + 1) % len(STATUS_STEPS)]

    def toggle_overdue(self) -> None:
        self.overdue = not self.overdue

    def toggle_meeting(self, row: ActionRow | None) -> None:
        if self.meeting_id is not None or row is None:
            self.meeting_id = None
        else:
            self.meeting_id = row.meeting_id

    def clear_filters(self) -> None:
        self.organisation = self.status = self.meeting_id = None
        self.overdue = False

    def describe(self, shown: int) -> str:
        """The filter line: what is filtered and how many actions show."""
        parts = []
        if self.organisation is not None:
            names = dict(self.organisations())
            parts.append(
                f"organisatie {clean_line(names.get(self.organisation, self.organisation))}"
            )
        if self.status is not None:
            parts.append(f"status {self.status.label}")
        if self.overdue:
            parts.append("te laat")
        if self.meeting_id is not None:
            topic = next(
                (r.meeting_topic for r in self.rows if r.meeting_id == self.meeting_id), ""
            )
            parts.append(f"bijeenkomst {clean_line(topic)}")
        what = "; ".join(parts) if parts else "geen filter"
        return f"{shown} van {len(self.rows)} acties · {what}"

    # Changing a status -------------------------------------------------------------

    def set_status(self, row: ActionRow, status: ActionStatus, note: str = "") -> ActionRow:
        """Store the change with its note; raises SpiegelError (nothing changed)."""
        note = clean_line(note)
        at = self.clock()
        self.followup.set_action_status(row.id, status, note, at=at)
        row.status = status
        row.history.append(ActionEvent(at, status, note))
        return row
