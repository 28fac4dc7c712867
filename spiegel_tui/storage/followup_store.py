"""What happens after the meeting: answers, improvement actions, the cycle's dates.

Like the outcome store, every edit is one small checked change in its own IMMEDIATE
transaction: the meeting, key point and organisation must exist *at write time*, a
value outside its list is refused naming the field, and nothing is written then.
Reading (the meeting's follow-up, the register across meetings) is in
``followup_read.py``; writing a whole meeting's follow-up (import, merge) is
:meth:`FollowUpStore.write_outcome` and :meth:`FollowUpStore.write_cycle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from spiegel_tui.errors import NotFoundError, SpiegelError
from spiegel_tui.model import (
    ActionStatus,
    Cycle,
    Decision,
    Meeting,
    Outcome,
    Recognition,
)
from spiegel_tui.outcome.owner_check import owner_warning, owner_warning_for
from spiegel_tui.storage.followup_read import ActionRow, load_follow_up, query_actions
from spiegel_tui.storage.outcome_store import MeetingGoneError
from spiegel_tui.textclean import clean_line, clean_text

if TYPE_CHECKING:
    from spiegel_tui.storage.store import MeetingStore

__all__ = ["ActionRow", "FollowUpStore", "owner_warning", "parse_due"]

E = TypeVar("E", bound=StrEnum)

#: Longest texts we take; a pasted document is no action.
MAX_TEXT = 20_000
MAX_LINE = 300


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _stamp(at: dt.datetime | None) -> str:
    """A history time with its offset, as the meeting file writes it."""
    moment = at or dt.datetime.now().astimezone()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def choice(value: object, kind: type[E], field: str, what: str) -> E:
    """``value`` as a member of ``kind``; a Dutch refusal naming the field otherwise."""
    try:
        return kind(str(value)) if isinstance(value, str) else kind(value)  # type: ignore[call-arg]
    except ValueError:
        allowed = ", ".join(str(member) for member in kind)
        raise SpiegelError(
            f"Veld '{field}': '{value}' is geen geldige {what}; kies uit {allowed}."
        ) from None


def parse_due(value: dt.date | str | None, field: str = "due") -> dt.date | None:
    """A due date from a date, an ISO text or nothing; refuses anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SpiegelError(
            f"Veld '{field}': '{value}' is geen bestaande datum (verwacht JJJJ-MM-DD)."
        ) from None


def _text(value: str, field: str, *, line: bool = False, required: bool = False) -> str:
    if not isinstance(value, str):
        raise SpiegelError(f"Veld '{field}': verwacht tekst.")
    cleaned = clean_line(value).strip() if line else clean_text(value)
    if required and not cleaned.strip():
        raise SpiegelError(f"Veld '{field}': mag niet leeg zijn.")
    limit = MAX_LINE if line else MAX_TEXT
    if len(cleaned) > limit:
        raise SpiegelError(f"Veld '{field}': te lang (hoogstens {limit} tekens).")
    return cleaned


class FollowUpStore:
    """The follow-up part of a :class:`MeetingStore`, on the same connection."""

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self.conn = store.conn
        #: The owner warning of the last add or update of an action ('' if none).
        self.last_warning = ""

    # Checks ----------------------------------------------------------------

    def _meeting(self, meeting_id: int) -> None:
        if not self.conn.execute("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]).fetchone():
            raise MeetingGoneError()

    def _point(self, meeting_id: int, key_point_id: int) -> None:
        row = self.conn.execute(
            "SELECT 1 FROM key_points WHERE id = ? AND meeting_id = ?", [key_point_id, meeting_id]
        ).fetchone()
        if row is None:
            raise NotFoundError("Dit kernpunt bestaat niet (meer); het is elders verwijderd.")

    def _organisation(self, meeting_id: int, key: str) -> int:
        row = self.conn.execute(
            "SELECT id FROM organisations WHERE meeting_id = ? AND key = ?", [meeting_id, key]
        ).fetchone()
        if row is None:
            raise SpiegelError(
                f"Veld 'organisation': organisatie '{key}' hoort niet bij deze bijeenkomst."
            )
        return int(row[0])

    def _action(self, action_id: int) -> tuple[int, int]:
        """(meeting id, key point id) of a stored action."""
        row = self.conn.execute(
            "SELECT k.meeting_id, a.key_point_id FROM actions a "
            "JOIN key_points k ON k.id = a.key_point_id WHERE a.id = ?",
            [action_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Actie {action_id} bestaat niet (meer).")
        return int(row[0]), int(row[1])

    def _check_owner(self, meeting_id: int, owner: str) -> None:
        self.last_warning = ""
        if owner:
            people = self.conn.execute(
                "SELECT pseudonym, label FROM participants WHERE meeting_id = ?", [meeting_id]
            ).fetchall()
            self.last_warning = owner_warning_for(people, owner)

    def _ensure_response(self, key_point_id: int, org_id: int) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO responses (key_point_id, organisation_id, position, "
            "updated_at) SELECT ?, ?, coalesce(max(position), -1) + 1, ? FROM responses "
            "WHERE key_point_id = ?",
            [key_point_id, org_id, _now(), key_point_id],
        )

    # Answers -----------------------------------------------------------------

    def set_response(
        self,
        meeting_id: int,
        key_point_id: int,
        organisation_key: str,
        *,
        recognition: Recognition | str,
        decision: Decision | str,
        note: str = "",
        reason: str = "",
    ) -> None:
        """One organisation's answer to one key point (made or replaced)."""
        recognised = choice(recognition, Recognition, "recognition", "herkenning")
        decided = choice(decision, Decision, "decision", "besluit")
        note = _text(note, "note")
        reason = _text(reason, "reason")
        with self.store.transaction():
            self._meeting(meeting_id)
            self._point(meeting_id, key_point_id)
            org_id = self._organisation(meeting_id, organisation_key)
            self._ensure_response(key_point_id, org_id)
            self.conn.execute(
                "UPDATE responses SET recognition = ?, decision = ?, note = ?, reason = ?, "
                "updated_at = ? WHERE key_point_id = ? AND organisation_id = ?",
                [str(recognised), str(decided), note, reason, _now(), key_point_id, org_id],
            )

    # Actions -----------------------------------------------------------------

    def add_action(
        self,
        meeting_id: int,
        key_point_id: int,
        organisation_key: str,
        text: str,
        owner: str = "",
        due: dt.date | str | None = None,
        *,
        note: str = "",
        at: dt.datetime | None = None,
    ) -> int:
        """A new open action (its history starts with 'open' and ``note``); its id.

        The organisation gets an (undecided) answer to the point if it had none: an
        action always belongs to an answer.
        """
        text = _text(text, "text", required=True)
        owner = _text(owner, "owner", line=True)
        day = parse_due(due)
        note = _text(note, "note")
        with self.store.transaction():
            self._meeting(meeting_id)
            self._point(meeting_id, key_point_id)
            org_id = self._organisation(meeting_id, organisation_key)
            self._check_owner(meeting_id, owner)
            self._ensure_response(key_point_id, org_id)
            action_id = self.conn.execute(
                "INSERT INTO actions (key_point_id, organisation_id, position, text, owner, due, "
                "status, updated_at) SELECT ?, ?, coalesce(max(position), -1) + 1, ?, ?, ?, "
                "'open', ? FROM actions WHERE key_point_id = ? AND organisation_id = ?",
                [key_point_id, org_id, text, owner, _iso(day), _now(), key_point_id, org_id],
            ).lastrowid
            assert action_id is not None
            self.conn.execute(
                "INSERT INTO action_events (action_id, at, status, note) VALUES (?, ?, 'open', ?)",
                [action_id, _stamp(at), note],
            )
        return int(action_id)

    def update_action(
        self,
        action_id: int,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: dt.date | str | None = None,
        clear_due: bool = False,
    ) -> None:
        """Change what, who or when (``None`` leaves a field; ``clear_due`` removes the
        date). The status changes only through :meth:`set_action_status`."""
        changes: dict[str, object] = {}
        if text is not None:
            changes["text"] = _text(text, "text", required=True)
        if owner is not None:
            changes["owner"] = _text(owner, "owner", line=True)
        if due is not None and due != "":
            changes["due"] = _iso(parse_due(due))
        elif clear_due or due == "":
            changes["due"] = None
        with self.store.transaction():
            meeting_id, _ = self._action(action_id)
            self.last_warning = ""
            if changes.get("owner"):
                self._check_owner(meeting_id, str(changes["owner"]))
            if changes:
                sets = ", ".join(f"{name} = ?" for name in changes)
                self.conn.execute(
                    f"UPDATE actions SET {sets}, updated_at = ? WHERE id = ?",
                    [*changes.values(), _now(), action_id],
                )

    def set_action_status(
        self,
        action_id: int,
        status: ActionStatus | str,
        note: str = "",
        at: dt.datetime | None = None,
    ) -> None:
        """A status change, appended to the action's history with ``note``."""
        new = choice(status, ActionStatus, "status", "status")
        note = _text(note, "note")
        with self.store.transaction():
            self._action(action_id)
            self.conn.execute(
                "UPDATE actions SET status = ?, updated_at = ? WHERE id = ?",
                [str(new), _now(), action_id],
            )
            self.conn.execute(
                "INSERT INTO action_events (action_id, at, status, note) VALUES (?, ?, ?, ?)",
                [action_id, _stamp(at), str(new), note],
            )

    def remove_action(self, action_id: int) -> None:
        with self.store.transaction():
            self._action(action_id)
            self.conn.execute("DELETE FROM actions WHERE id = ?", [action_id])

    # The meeting's own fields ------------------------------------------------

    def set_cycle(self, meeting_id: int, cycle: Cycle) -> None:
        with self.store.transaction():
            self._meeting(meeting_id)
            self.write_cycle(meeting_id, cycle)

    def set_debrief_notes(self, meeting_id: int, text: str) -> None:
        self._set_text(meeting_id, "debrief_notes", text)

    def set_letter(self, meeting_id: int, text: str) -> None:
        self._set_text(meeting_id, "letter", text)

    def _set_text(self, meeting_id: int, field: str, text: str) -> None:
        cleaned = _text(text, field)
        with self.store.transaction():
            self._meeting(meeting_id)
            self.conn.execute(
                f"UPDATE meetings SET {field} = ?, updated_at = ? WHERE id = ?",
                [cleaned, _now(), meeting_id],
            )

    def set_themes(self, key_point_id: int, themes: Sequence[str]) -> None:
        """The point's themes, in order; empty and repeated names are dropped."""
        names = [_text(t, f"themes[{n}]", line=True) for n, t in enumerate(themes)]
        names = list(dict.fromkeys(name for name in names if name))
        with self.store.transaction():
            if not self.conn.execute(
                "SELECT 1 FROM key_points WHERE id = ?", [key_point_id]
            ).fetchone():
                raise NotFoundError("Dit kernpunt bestaat niet (meer); het is elders verwijderd.")
            self._write_themes(key_point_id, names)

    def _write_themes(self, key_point_id: int, themes: Sequence[str]) -> None:
        self.conn.execute("DELETE FROM key_point_themes WHERE key_point_id = ?", [key_point_id])
        self.conn.executemany(
            "INSERT INTO key_point_themes (key_point_id, position, theme) VALUES (?, ?, ?)",
            [(key_point_id, n, theme) for n, theme in enumerate(themes)],
        )

    # Whole meetings (import, merge) -------------------------------------------

    def write_cycle(self, meeting_id: int, cycle: Cycle) -> None:
        """Inside the caller's transaction."""
        self.conn.execute(
            "UPDATE meetings SET cycle_debrief = ?, cycle_letter = ?, cycle_feedback_meeting = ? "
            "WHERE id = ?",
            [_iso(cycle.debrief), _iso(cycle.letter), _iso(cycle.feedback_meeting), meeting_id],
        )

    def write_outcome(self, meeting_id: int, outcome: Outcome) -> None:
        """The follow-up of freshly written key points (ids set), inside the caller's
        transaction: themes, answers, actions with their history as given, notes and
        letter. Sets each action's id."""
        self.conn.execute(
            "UPDATE meetings SET debrief_notes = ?, letter = ? WHERE id = ?",
            [outcome.debrief_notes, outcome.letter, meeting_id],
        )
        orgs = dict(
            self.conn.execute(
                "SELECT key, id FROM organisations WHERE meeting_id = ?", [meeting_id]
            ).fetchall()
        )
        now = _now()
        for point in outcome.key_points:
            assert point.id is not None
            self._write_themes(point.id, point.themes)
            for position, response in enumerate(point.responses):
                org_id = orgs.get(response.organisation)
                if org_id is None:
                    continue  # the organisation was removed from the setup
                self.conn.execute(
                    "INSERT OR REPLACE INTO responses (key_point_id, organisation_id, position, "
                    "recognition, decision, note, reason, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [point.id, org_id, position, str(response.recognition),
                     str(response.decision), response.note, response.reason, now],
                )  # fmt: skip
                for order, action in enumerate(response.actions):
                    action.id = self.conn.execute(
                        "INSERT INTO actions (key_point_id, organisation_id, position, text, "
                        "owner, due, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [point.id, org_id, order, action.text, action.owner, _iso(action.due),
                         str(action.status), now],
                    ).lastrowid  # fmt: skip
                    self.conn.executemany(
                        "INSERT INTO action_events (action_id, at, status, note) "
                        "VALUES (?, ?, ?, ?)",
                        [(action.id, e.at.isoformat(), str(e.status), e.note)
                         for e in action.history],
                    )  # fmt: skip

    # Reading -----------------------------------------------------------------

    def organisation_known(self, code: str) -> bool:
        """Whether any meeting has an organisation with this key or name (case ignored)."""
        row = self.conn.execute(
            "SELECT 1 FROM organisations WHERE lower(key) = lower(?) OR lower(name) = lower(?) "
            "LIMIT 1",
            [code.strip(), code.strip()],
        ).fetchone()
        return row is not None

    def load_into(self, meeting: Meeting) -> None:
        """Fill a loaded meeting's cycle, notes, letter, themes, answers and actions."""
        load_follow_up(self.conn, meeting)

    def actions(
        self,
        *,
        organisation: str | None = None,
        status: ActionStatus | str | None = None,
        overdue_on: dt.date | None = None,
        meeting_id: int | None = None,
    ) -> list[ActionRow]:
        """The improvement register across all meetings, oldest meeting first.

        ``organisation`` is an organisation key (``vt``) or name, case ignored;
        ``overdue_on``: only open or running actions due before that day.
        """
        wanted = None if status is None else choice(status, ActionStatus, "status", "status")
        return query_actions(
            self.conn,
            organisation=organisation,
            status=wanted,
            overdue_on=overdue_on,
            meeting_id=meeting_id,
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
