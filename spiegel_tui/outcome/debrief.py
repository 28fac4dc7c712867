"""What the debrief screen does, without the screen: one meeting's debrief.

The debrief (*nabespreking*) goes through every key point and, per point, every
organisation of the meeting: did its listeners recognise the point and what did they
say, what did the organisation decide, and which improvement actions follow. Every
answer is stored at once through :class:`FollowUpStore`; the free debrief notes are
written half a second after typing stops (by the screen's timer). Text typed in the
screen's edit line is kept as a draft in ``text_drafts`` under a slot that names
what it is for, so it comes back after a crash. No Textual here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spiegel_tui.capture import draft_owner
from spiegel_tui.errors import BusyError, SpiegelError
from spiegel_tui.model import (
    Action,
    ActionEvent,
    ActionStatus,
    Cycle,
    Decision,
    KeyPoint,
    Meeting,
    Organisation,
    Recognition,
    Response,
)
from spiegel_tui.outcome.cycle import effective_cycle, parse_cycle, parse_due
from spiegel_tui.outcome.owner_check import owner_warning_for
from spiegel_tui.setup.form import FieldError
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import OutcomeStore
from spiegel_tui.textclean import clean_line, clean_text

#: Draft slots of this screen start with this; the rest names the target.
SLOT_PREFIX = "debrief"
NOTES_FIELD = "debrief_notes"
#: Between an action's text, owner and due date on one typed line.
PART_SPLIT = re.compile(r"\s+/\s*|\s*/\s+|\s*\|\s*")

NO_POINTS = (
    "Deze bijeenkomst heeft nog geen kernpunten. Maak ze eerst bij het afronden "
    "(ctrl+w in het notuleerscherm); daarna bespreekt u ze hier per organisatie."
)
NO_ORGANISATIONS = (
    "Deze bijeenkomst heeft geen organisaties. Voeg ze toe in de opzet; daarna "
    "bespreekt u hier per organisatie elk kernpunt."
)
EMPTY_ACTION = (
    "Schrijf wat er gedaan wordt, bijvoorbeeld: Vast aanspreekpunt / Team Intake / 31-1-2022"
)


@dataclass(frozen=True)
class Cell:
    """One key point for one organisation: one row of the debrief."""

    index: int  # of the key point, from 0
    point: KeyPoint
    organisation: Organisation

    @property
    def slot(self) -> str:
        return f"{SLOT_PREFIX}:{self.point.id}:{self.organisation.key}"


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str
    due: dt.date | None


def parse_action_line(line: str, clients: Sequence[tuple[str, str]]) -> ActionLine:
    """'text / owner / due' (owner and due optional); raises FieldError in Dutch.

    The owner is a team or role: a participant's pseudonym or local label is refused.
    """
    parts = [clean_line(p) for p in PART_SPLIT.split(clean_line(line))]
    if len(parts) > 3:
        raise FieldError(
            "Te veel delen: schrijf actie / eigenaar / deadline, "
            "bijvoorbeeld: Vast aanspreekpunt / Team Intake / 31-1-2022."
        )
    text, owner, due = [*parts, "", ""][:3]
    if not text:
        raise FieldError(EMPTY_ACTION)
    check_owner(owner, clients)
    return ActionLine(text, owner, parse_due(due))


def check_owner(owner: str, clients: Sequence[tuple[str, str]]) -> None:
    """Refuse an owner that names a participant (their pseudonym or local label, in
    any disguise ``owner_check`` sees through)."""
    if owner_warning_for(clients, owner):
        raise FieldError(
            "De eigenaar is een team of een rol, nooit een deelnemer: "
            "noem bijvoorbeeld 'Team Intake' of 'teamleider'."
        )


class DebriefSession:
    def __init__(
        self,
        store: MeetingStore,
        meeting_id: int,
        owner: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        from spiegel_tui.storage.followup_store import FollowUpStore

        self.store = store
        self.followup = FollowUpStore(store)
        self.outcomes = OutcomeStore(store)
        self.meeting_id = meeting_id
        self.owner = draft_owner.this_process() if owner is None else owner
        self.clock = clock or (lambda: dt.datetime.now().astimezone())
        self.meeting: Meeting | None = None
        self.cells: list[Cell] = []
        #: The debrief notes as typed here and not stored yet (None: as stored).
        self.notes_typed: str | None = None

    # Reading -------------------------------------------------------------------

    def load(self) -> Meeting:
        """(Re)read the meeting; raises NotFoundError when it does not exist."""
        meeting = self.store.load_meeting(self.meeting_id)
        self.meeting = meeting
        self.cells = [
            Cell(index, point, org)
            for index, point in enumerate(meeting.outcome.key_points)
            for org in meeting.organisations
        ]
        return meeting

    @property
    def empty_reason(self) -> str:
        assert self.meeting is not None
        if not self.meeting.outcome.key_points:
            return NO_POINTS
        if not self.meeting.organisations:
            return NO_ORGANISATIONS
        return ""

    def response(self, cell: Cell) -> Response:
        """The organisation's answer to the point; a blank one when none was given."""
        found = cell.point.response(cell.organisation.key)
        return found if found is not None else Response(cell.organisation.key)

    def _stored_response(self, cell: Cell) -> Response:
        found = cell.point.response(cell.organisation.key)
        if found is None:
            found = Response(cell.organisation.key)
            cell.point.responses.append(found)
        return found

    @property
    def cycle(self) -> Cycle:
        assert self.meeting is not None
        return effective_cycle(self.meeting.date, self.meeting.cycle)

    def clients(self) -> list[tuple[str, str]]:
        """Who an action's owner must never be: (pseudonym, local label) per participant."""
        assert self.meeting is not None
        return [(p.pseudonym, p.label) for p in self.meeting.participants]

    def answered(self) -> int:
        """How many cells have a recognition or a decision."""
        return sum(
            1
            for cell in self.cells
            if (r := cell.point.response(cell.organisation.key)) is not None
            and (r.recognition != Recognition.UNKNOWN or r.decision != Decision.UNDECIDED)
        )

    # Writing the answers --------------------------------------------------------

    def _write_response(self, cell: Cell, **changes: object) -> Response:
        current = self.response(cell)
        recognition = Recognition(str(changes.get("recognition", current.recognition)))
        decision = Decision(str(changes.get("decision", current.decision)))
        note = str(changes.get("note", current.note))
        reason = str(changes.get("reason", current.reason))
        assert cell.point.id is not None
        self.followup.set_response(
            self.meeting_id,
            cell.point.id,
            cell.organisation.key,
            recognition=recognition,
            decision=decision,
            note=note,
            reason=reason,
        )
        stored = self._stored_response(cell)
        stored.recognition = Recognition(str(recognition))
        stored.decision = Decision(str(decision))
        stored.note, stored.reason = note, reason
        return stored

    def set_recognition(self, cell: Cell, recognition: Recognition) -> Response:
        return self._write_response(cell, recognition=recognition)

    def set_decision(self, cell: Cell, decision: Decision, reason: str | None = None) -> Response:
        changes: dict[str, object] = {"decision": decision}
        if reason is not None:
            changes["reason"] = clean_line(reason)
        return self._write_response(cell, **changes)

    def set_note(self, cell: Cell, note: str) -> Response:
        return self._write_response(cell, note=clean_text(note).strip())

    def set_reason(self, cell: Cell, reason: str) -> Response:
        return self._write_response(cell, reason=clean_line(reason))

    # Actions ------------------------------------------------------------------

    def add_action(self, cell: Cell, line: str) -> Action:
        """An action from 'text / owner / due'; refused with a Dutch message."""
        parsed = parse_action_line(line, self.clients())
        response = self.response(cell)
        if cell.point.response(cell.organisation.key) is None or response.decision in (
            Decision.UNDECIDED,
            Decision.NO_ACTION,
        ):
            # An action means the organisation acts on the point.
            response = self._write_response(cell, decision=Decision.ACT)
        assert cell.point.id is not None
        action_id = self.followup.add_action(
            self.meeting_id,
            cell.point.id,
            cell.organisation.key,
            parsed.text,
            owner=parsed.owner,
            due=parsed.due,
            at=self.clock(),
        )
        action = Action(
            parsed.text,
            owner=parsed.owner,
            due=parsed.due,
            history=[ActionEvent(self.clock(), ActionStatus.OPEN)],
            id=action_id,
        )
        self._stored_response(cell).actions.append(action)
        return action

    def update_action(self, cell: Cell, action: Action, line: str) -> Action:
        parsed = parse_action_line(line, self.clients())
        assert action.id is not None
        self.followup.update_action(
            action.id,
            text=parsed.text,
            owner=parsed.owner,
            due=parsed.due,
            clear_due=parsed.due is None,
        )
        action.text, action.owner, action.due = parsed.text, parsed.owner, parsed.due
        return action

    def remove_action(self, cell: Cell, action: Action) -> None:
        assert action.id is not None
        self.followup.remove_action(action.id)
        response = self._stored_response(cell)
        response.actions = [a for a in response.actions if a.id != action.id]

    # The cycle and the notes ------------------------------------------------------

    def set_cycle(self, line: str) -> Cycle:
        """Dates typed as 'debrief / letter / report-back'; raises FieldError."""
        assert self.meeting is not None
        cycle = parse_cycle(line)
        self.followup.set_cycle(self.meeting_id, cycle)
        self.meeting.cycle = cycle
        return self.cycle

    @property
    def notes(self) -> str:
        assert self.meeting is not None
        if self.notes_typed is not None:
            return self.notes_typed
        return self.meeting.outcome.debrief_notes

    def type_notes(self, text: str) -> bool:
        """Notes typed; True when they differ from what is stored (save pending)."""
        assert self.meeting is not None
        if text == self.meeting.outcome.debrief_notes:
            self.notes_typed = None
            return False
        self.notes_typed = text
        return True

    def save_notes(self) -> None:
        """Write typed notes; raises SpiegelError (kept as typed, tried again later)."""
        if self.notes_typed is None or self.meeting is None:
            return
        text = self.notes_typed
        self.followup.set_debrief_notes(self.meeting_id, text)
        self.meeting.outcome.debrief_notes = text
        if self.notes_typed == text:
            self.notes_typed = None

    # Drafts of the edit line -------------------------------------------------------

    def save_draft(self, slot: str, text: str) -> None:
        """Raises BusyError/StorageError; the screen tries again at its next tick."""
        self.outcomes.save_text_draft(self.meeting_id, self.owner, slot, text)

    def clear_draft(self, slot: str) -> None:
        with contextlib.suppress(BusyError):
            self.outcomes.delete_text_draft(self.meeting_id, self.owner, slot)

    def left_drafts(self) -> list[tuple[str, str]]:
        """Edit-line drafts of this app or of apps that are gone, taken over."""
        found: dict[str, str] = {}
        try:
            drafts = self.outcomes.text_drafts(self.meeting_id)
        except SpiegelError:
            return []
        for owner, slot, text in drafts:
            if not slot.startswith(SLOT_PREFIX + ":") or slot in found or not text:
                continue
            if owner != self.owner and draft_owner.is_running(owner):
                continue  # another note-taker, still typing
            found[slot] = text
            if owner != self.owner:
                self.outcomes.save_text_draft(self.meeting_id, self.owner, slot, text)
                self.outcomes.delete_text_draft(self.meeting_id, owner, slot)
        return list(found.items())

    def cell_for_slot(self, slot: str) -> Cell | None:
        """The cell a draft slot ('debrief:<point>:<org>:<what>') was typed for."""
        parts = slot.split(":")
        if len(parts) < 3:
            return None
        for cell in self.cells:
            if str(cell.point.id) == parts[1] and cell.organisation.key == parts[2]:
                return cell
        return None
