"""Reading the follow-up: one meeting's (into its objects) and the register's rows.

A handful of queries per meeting, not one per key point: a register of 2,000
actions is read in one query for the actions and one for their history.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from spiegel_tui.model import (
    Action,
    ActionEvent,
    ActionStatus,
    Cycle,
    Decision,
    Meeting,
    Recognition,
    Response,
)

_STATUSES = {str(s): s for s in ActionStatus}
#: Statuses an action can be overdue in.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass
class ActionRow:
    """One line of the improvement register, with where the action came from."""

    id: int
    meeting_id: int
    meeting_topic: str
    meeting_date: dt.date
    organisation: str
    organisation_name: str
    key_point_id: int
    key_point_text: str
    text: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    history: list[ActionEvent] = field(default_factory=list)

    @property
    def latest_note(self) -> str:
        """The note of the newest history entry that has one."""
        return next((e.note for e in reversed(self.history) if e.note.strip()), "")

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and self.status in OPEN_STATUSES


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _history(
    conn: sqlite3.Connection, where: str, params: list[object]
) -> dict[int, list[ActionEvent]]:
    events: dict[int, list[ActionEvent]] = {}
    rows = conn.execute(
        f"SELECT e.action_id, e.at, e.status, e.note FROM action_events e "
        f"JOIN actions a ON a.id = e.action_id JOIN key_points k ON k.id = a.key_point_id "
        f"WHERE {where} ORDER BY e.action_id, e.id",
        params,
    )
    for action_id, at, status, note in rows:
        events.setdefault(action_id, []).append(
            ActionEvent(at=dt.datetime.fromisoformat(at), status=_STATUSES[status], note=note)
        )
    return events


def load_follow_up(conn: sqlite3.Connection, meeting: Meeting) -> None:
    """Fill a loaded meeting's cycle, notes, letter, themes, answers and actions."""
    assert meeting.id is not None
    row = conn.execute(
        "SELECT debrief_notes, letter, cycle_debrief, cycle_letter, cycle_feedback_meeting "
        "FROM meetings WHERE id = ?",
        [meeting.id],
    ).fetchone()
    if row is None:
        return
    notes, letter, debrief, letter_day, feedback = row
    meeting.outcome.debrief_notes = notes
    meeting.outcome.letter = letter
    meeting.cycle = Cycle(
        debrief=_date(debrief), letter=_date(letter_day), feedback_meeting=_date(feedback)
    )
    points = {p.id: p for p in meeting.outcome.key_points if p.id is not None}
    if not points:
        return
    for p in points.values():
        p.themes, p.responses = [], []
    for point_id, theme in conn.execute(
        "SELECT t.key_point_id, t.theme FROM key_point_themes t "
        "JOIN key_points k ON k.id = t.key_point_id WHERE k.meeting_id = ? "
        "ORDER BY t.key_point_id, t.position",
        [meeting.id],
    ):
        points[point_id].themes.append(theme)
    answers: dict[tuple[int, int], Response] = {}
    for point_id, org_id, org_key, recognition, decision, note, reason in conn.execute(
        "SELECT r.key_point_id, r.organisation_id, o.key, r.recognition, r.decision, r.note, "
        "r.reason FROM responses r JOIN key_points k ON k.id = r.key_point_id "
        "JOIN organisations o ON o.id = r.organisation_id WHERE k.meeting_id = ? "
        "ORDER BY r.key_point_id, r.position, r.id",
        [meeting.id],
    ):
        response = Response(
            organisation=org_key,
            recognition=Recognition(recognition),
            decision=Decision(decision),
            note=note,
            reason=reason,
        )
        answers[(point_id, org_id)] = response
        points[point_id].responses.append(response)
    history = _history(conn, "k.meeting_id = ?", [meeting.id])
    for action_id, point_id, org_id, text, owner, due, status in conn.execute(
        "SELECT a.id, a.key_point_id, a.organisation_id, a.text, a.owner, a.due, a.status "
        "FROM actions a JOIN key_points k ON k.id = a.key_point_id WHERE k.meeting_id = ? "
        "ORDER BY a.key_point_id, a.organisation_id, a.position, a.id",
        [meeting.id],
    ):
        answer = answers.get((point_id, org_id))
        if answer is None:  # the store always makes an answer first; never seen
            continue
        answer.actions.append(
            Action(
                id=action_id,
                text=text,
                owner=owner,
                due=_date(due),
                status=_STATUSES[status],
                history=history.get(action_id, []),
            )
        )


def query_actions(
    conn: sqlite3.Connection,
    *,
    organisation: str | None = None,
    status: ActionStatus | None = None,
    overdue_on: dt.date | None = None,
    meeting_id: int | None = None,
) -> list[ActionRow]:
    """The register's rows, filtered; meetings by date, then list order."""
    where = ["1"]
    params: list[object] = []
    if organisation is not None:
        where.append("(lower(o.key) = lower(?) OR lower(o.name) = lower(?))")
        params += [organisation.strip(), organisation.strip()]
    if status is not None:
        where.append("a.status = ?")
        params.append(str(status))
    if overdue_on is not None:
        where.append("a.due IS NOT NULL AND a.due < ? AND a.status IN ('open', 'in_progress')")
        params.append(overdue_on.isoformat())
    if meeting_id is not None:
        where.append("m.id = ?")
        params.append(meeting_id)
    condition = " AND ".join(where)
    joins = (
        "FROM actions a JOIN key_points k ON k.id = a.key_point_id "
        "JOIN meetings m ON m.id = k.meeting_id JOIN organisations o ON o.id = a.organisation_id"
    )
    rows = conn.execute(
        f"SELECT a.id, m.id, m.topic, m.date, o.key, o.name, k.id, k.text, a.text, a.owner, "
        f"a.due, a.status {joins} WHERE {condition} "
        f"ORDER BY m.date, m.id, k.position, k.id, o.position, a.position, a.id",
        params,
    ).fetchall()
    events: dict[int, list[ActionEvent]] = {}
    if rows:
        events = _history(
            conn,
            f"a.id IN (SELECT a.id {joins} WHERE {condition})",
            params,
        )
    return [
        ActionRow(
            id=action_id,
            meeting_id=m_id,
            meeting_topic=topic,
            meeting_date=dt.date.fromisoformat(day),
            organisation=org_key,
            organisation_name=org_name,
            key_point_id=point_id,
            key_point_text=point_text,
            text=text,
            owner=owner,
            due=_date(due),
            status=_STATUSES[status],
            history=events.get(action_id, []),
        )
        for (action_id, m_id, topic, day, org_key, org_name, point_id, point_text, text, owner,
             due, status) in rows
    ]  # fmt: skip
