"""What the wrap-up screen does, without the screen: one outcome being composed.

Holds the meeting as last read, the texts typed here and not yet stored, and makes
every edit as one change through :class:`OutcomeStore`, checked against the revision
this session saw. Another instance on the same file (a second wrap-up, a capture
marking a remark private, a purge) is noticed by :meth:`poll` and folded in: what it
changed is said in Dutch, and text typed here is never dropped: when the stored text
moved on under it, both stay, for the note-taker to place. No Textual here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from spiegel_tui.capture import draft_owner
from spiegel_tui.capture.rescue import RescueFile
from spiegel_tui.errors import BusyError, NotFoundError, SpiegelError
from spiegel_tui.model import KeyPoint, Meeting, Remark
from spiegel_tui.outcome.changes import (
    KEPT_MARK,
    NEW_POINT_SLOT,
    PURGED,
    TEXT_NAMES,
    Conflict,
    Refresh,
    compare_points,
    point_slot,
    remark_flags,
)
from spiegel_tui.outcome.edit import (
    EMPTY_POINT,
    clean_point_text,
    joined_text,
    point_from_remarks,
)
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import (
    DELETED,
    MEETING_GONE,
    PRIVATE,
    TEXT_FIELDS,
    ChangedElsewhere,
    MeetingGoneError,
    OutcomeStore,
)

# Re-exported: the screen and the tests name them from here.
__all__ = [
    "KEPT_MARK",
    "NEW_POINT_SLOT",
    "PURGED",
    "TEXT_NAMES",
    "Conflict",
    "Refresh",
    "WrapUpSession",
    "point_slot",
]


class WrapUpSession:
    def __init__(self, store: MeetingStore, meeting_id: int, owner: str | None = None) -> None:
        self.store = store
        self.outcomes = OutcomeStore(store)
        self.meeting_id = meeting_id
        self.owner = draft_owner.this_process() if owner is None else owner
        self.meeting: Meeting | None = None
        #: Deleted elsewhere: nothing more is written; the screen keeps what it shows.
        self.gone = False
        self.purged = False
        #: Texts typed here and not stored yet, by field.
        self.dirty: dict[str, str] = {}
        #: The stored revision each text shown here was typed on.
        self.base: dict[str, int] = {}
        self._version = store.data_version()
        self._rescue: RescueFile | None = None

    # Reading -----------------------------------------------------------------

    def load(self) -> Meeting:
        """First read; raises NotFoundError for a meeting that does not exist."""
        meeting = self.store.load_meeting(self.meeting_id)
        self.meeting = meeting
        self.base = dict(meeting.outcome.revisions)
        self.purged = self.store.purged_at(self.meeting_id) is not None
        return meeting

    @property
    def points(self) -> list[KeyPoint]:
        return self.meeting.outcome.key_points if self.meeting else []

    def stored_text(self, field: str) -> str:
        assert self.meeting is not None
        if field == "introduction":
            return self.meeting.introduction
        return str(getattr(self.meeting.outcome, field))

    def text(self, field: str) -> str:
        """What the screen shows for ``field``: typed here, else as stored."""
        return self.dirty.get(field, self.stored_text(field))

    def number(self, point_id: int | None) -> int:
        for number, point in enumerate(self.points, start=1):
            if point.id == point_id:
                return number
        return 0

    def poll(self) -> Refresh | None:
        """A reload when another connection committed since the last look."""
        if self.gone:
            return None
        version = self.store.data_version()
        if version == self._version:
            return None
        self._version = version
        return self.refresh()

    def refresh(self, mine: Sequence[int] = ()) -> Refresh:
        """Reload and compare; ``mine``: points this session just changed itself."""
        result = Refresh()
        before = self.meeting
        try:
            meeting = self.store.load_meeting(self.meeting_id)
            purged = self.store.purged_at(self.meeting_id) is not None
        except NotFoundError:
            self.gone = True
            result.notices.append(MEETING_GONE)
            return result
        self.meeting = meeting
        if purged and not self.purged:
            result.notices.append(PURGED)
            result.remarks = True
        self.purged = purged
        if before is not None:
            compare_points(before, meeting, set(mine), result)
            if remark_flags(before) != remark_flags(meeting):
                result.remarks = True
        for field in TEXT_FIELDS:
            stored = meeting.outcome.revisions.get(field, 0)
            if stored == self.base.get(field, 0):
                continue
            self.base[field] = stored
            result.texts.add(field)
            local = self.dirty.get(field)
            now = self.stored_text(field)
            if local is None or local == now:
                self.dirty.pop(field, None)
                if before is not None:
                    result.notices.append(f"{TEXT_NAMES[field]} is elders gewijzigd.")
                continue
            # Both changed: the stored text first, this one's kept under it.
            if local.strip():
                self.dirty[field] = f"{now}{KEPT_MARK}{local}" if now.strip() else local
            result.notices.append(
                f"{TEXT_NAMES[field]} is elders gewijzigd. Beide teksten staan er nu; "
                "plaats de uwe en haal weg wat niet moet blijven."
            )
        return result

    # Writing ---------------------------------------------------------------------

    def _write(self, mine: Sequence[int], change: Callable[[], None]) -> Refresh:
        """Run a store change; afterwards reload, and on a conflict reload and refuse."""
        if self.gone:
            raise SpiegelError(MEETING_GONE)
        try:
            change()
        except MeetingGoneError:
            self.gone = True
            raise
        except ChangedElsewhere as error:
            self.refresh()
            raise Conflict(error.message) from None
        except SpiegelError:
            # Refused (a remark turned private meanwhile): show the store's view.
            self.refresh()
            raise
        return self.refresh(mine)

    def make_point(self, remarks: Sequence[Remark]) -> tuple[int, Refresh]:
        """A point from chosen remarks, at the end; returns its index."""
        point = point_from_remarks(remarks)
        ids: list[int] = []

        def change() -> None:
            ids.append(self.outcomes.add_point(self.meeting_id, point.text, point.remarks))

        result = self._write(ids, change)
        return self._index(ids[0]), result

    def new_point(self, text: str) -> tuple[int, Refresh]:
        cleaned = clean_point_text(text)
        if not cleaned:
            raise SpiegelError(EMPTY_POINT)
        ids: list[int] = []

        def change() -> None:
            ids.append(self.outcomes.add_point(self.meeting_id, cleaned))

        result = self._write(ids, change)
        return self._index(ids[0]), result

    def reword(self, point: KeyPoint, text: str) -> Refresh:
        """New text for ``point`` as it was when the editor opened."""
        cleaned = clean_point_text(text)
        if not cleaned:
            raise SpiegelError(EMPTY_POINT)
        assert point.id is not None
        number = self.number(point.id) or 0

        seen = self._seen(point)

        def change() -> None:
            self.outcomes.change_point(
                self.meeting_id, point.id or 0, point.revision, cleaned, number=number, seen=seen
            )

        try:
            return self._write([point.id], change)
        except Conflict as conflict:
            conflict.kept = cleaned
            conflict.point = next((p for p in self.points if p.id == point.id), None)
            raise

    def attach(self, index: int, remarks: Sequence[Remark]) -> Refresh:
        point = self.points[index]
        usable = [r for r in remarks if r.id is not None and r.id not in point.remarks]
        if any(r.private for r in remarks):
            point_from_remarks(remarks)  # raises the rule's message
        if not usable:
            return Refresh()
        text = joined_text([point.text, *(r.text for r in usable if not r.deleted)])
        ids = [r.id for r in usable if r.id is not None and not r.deleted]

        def change() -> None:
            self.outcomes.change_point(
                self.meeting_id,
                point.id or 0,
                point.revision,
                text,
                add_remarks=ids,
                number=index + 1,
                seen=self._seen(point),
            )

        return self._write([point.id or 0], change)

    def confirm(self, index: int) -> Refresh:
        point = self.points[index]
        seen = self._seen(point)

        def change() -> None:
            self.outcomes.confirm_point(
                self.meeting_id, point.id or 0, point.revision, seen, index + 1
            )

        return self._write([point.id or 0], change)

    def move(self, index: int, delta: int) -> tuple[int, Refresh]:
        target = max(0, min(index + delta, len(self.points) - 1))
        if target == index:
            return index, Refresh()
        point, neighbour = self.points[index], self.points[target]

        def change() -> None:
            self.outcomes.move_point(self.meeting_id, point.id or 0, neighbour.id or 0, index + 1)

        result = self._write([point.id or 0, neighbour.id or 0], change)
        return self._index(point.id), result

    def merge(self, indices: Sequence[int]) -> tuple[int, Refresh]:
        chosen = sorted(set(indices))
        if len(chosen) < 2:
            raise SpiegelError("Markeer minstens twee kernpunten om samen te voegen.")
        parts = [self.points[i] for i in chosen]
        text = joined_text(p.text for p in parts)
        seen = [(p.id or 0, p.revision, i + 1) for p, i in zip(parts, chosen, strict=True)]

        def change() -> None:
            self.outcomes.merge_points(self.meeting_id, seen, text)

        result = self._write([p.id or 0 for p in parts], change)
        return self._index(parts[0].id), result

    def remove(self, point: KeyPoint) -> Refresh:
        number = self.number(point.id)

        def change() -> None:
            self.outcomes.remove_point(self.meeting_id, point.id or 0, point.revision, number)

        return self._write([point.id or 0], change)

    def _seen(self, point: KeyPoint) -> dict[int, int]:
        """The flags of ``point``'s remarks as this session shows them."""
        assert self.meeting is not None
        seen = {}
        for remark_id in point.remarks:
            remark = self.meeting.remark(remark_id)
            if remark is not None:
                seen[remark_id] = remark.private * PRIVATE + remark.deleted * DELETED
        return seen

    def _index(self, point_id: int | None) -> int:
        return max(0, self.number(point_id) - 1)

    # Texts -----------------------------------------------------------------------

    def type_text(self, field: str, text: str) -> bool:
        """Text typed in ``field``; True when it differs from what is shown."""
        if self.meeting is None or text == self.text(field):
            return False
        if text == self.stored_text(field):
            self.dirty.pop(field, None)
        else:
            self.dirty[field] = text
        return True

    def set_text(self, field: str, text: str) -> None:
        """Store ``text`` for ``field`` now (accepting or clearing the introduction)."""
        if self.meeting is not None:
            self.dirty[field] = text
        self.save_texts()

    def save_texts(self) -> Refresh:
        """Write every text typed here; a text changed elsewhere meanwhile is kept
        beside the stored one (see :meth:`refresh`) and written at the next save."""
        result = Refresh()
        if self.gone or self.meeting is None:
            return result
        for field in list(self.dirty):
            text = self.dirty[field]
            try:
                revision = self.outcomes.save_text(
                    self.meeting_id, field, text, self.base.get(field, 0)
                )
            except MeetingGoneError:
                self.gone = True
                raise
            except ChangedElsewhere:
                more = self.refresh()
                result.notices += more.notices
                result.texts |= more.texts
                result.points |= more.points
                continue
            self.base[field] = revision
            if self.dirty.get(field) == text:
                del self.dirty[field]
            if field == "introduction":
                self.meeting.introduction = text
            else:
                setattr(self.meeting.outcome, field, text)
            self.meeting.outcome.revisions[field] = revision
        return result

    # After a delete elsewhere ----------------------------------------------------

    def save_rescue(self) -> Path | None:
        """Texts typed here that the database can no longer take, into an owner-only
        emergency copy (a meeting file; ``spiegel import`` reads it); returns where.

        Only what was typed here and never stored: what the other note-taker deleted on
        purpose (remarks, key points, labels) does not come back. None: nothing to keep.
        Raises SpiegelError when no folder takes it.
        """
        if not self.gone or self.meeting is None or not self.dirty:
            return None
        if self._rescue is None:
            path = getattr(self.store, "path", None)
            now = dt.datetime.now().astimezone()
            self._rescue = RescueFile(path, self.meeting_id, now)
        meeting = self.meeting
        outcome = dataclasses.replace(
            meeting.outcome,
            key_points=[],
            produced=self.dirty.get("produced", ""),
            input_follow_up=self.dirty.get("input_follow_up", ""),
            follow_up_meeting=self.dirty.get("follow_up_meeting", ""),
        )
        copy = dataclasses.replace(
            meeting,
            introduction=self.dirty.get("introduction", ""),
            outcome=outcome,
        )
        return self._rescue.write(copy, only_unstored=True)

    # Drafts of the key-point editor -------------------------------------------------

    def save_draft(self, slot: str, text: str) -> None:
        """Raises BusyError/StorageError; a busy database just postpones the save."""
        if self.gone:
            return
        self.outcomes.save_text_draft(self.meeting_id, self.owner, slot, text)

    def clear_draft(self, slot: str) -> None:
        if self.gone:
            return
        # A busy database: offered back once more at the next opening, harmless.
        with contextlib.suppress(BusyError):
            self.outcomes.delete_text_draft(self.meeting_id, self.owner, slot)

    def left_drafts(self) -> list[tuple[str, str]]:
        """Point-editor drafts of this app or of apps that are gone, taken over."""
        found: dict[str, str] = {}
        for owner, slot, text in self.outcomes.text_drafts(self.meeting_id):
            if not slot.startswith("point-") or slot in found:
                continue
            if owner != self.owner and draft_owner.is_running(owner):
                continue  # another note-taker, still typing
            found[slot] = text
            if owner != self.owner:
                self.outcomes.save_text_draft(self.meeting_id, self.owner, slot, text)
                self.outcomes.delete_text_draft(self.meeting_id, owner, slot)
        return list(found.items())

    def point_for_slot(self, slot: str) -> KeyPoint | None:
        """The point a left draft goes back onto: only the very point it was typed on.

        None for a new point, and for a draft whose point was changed, removed or
        replaced (its id reused) since: that text is offered as a new point, so it
        never overwrites what was saved after it (see :meth:`draft_was_stale`).
        """
        for point in self.points:
            if point_slot(point.id, point.revision, point.text) == slot:
                return point
        return None

    def draft_was_stale(self, slot: str) -> bool:
        """True for a point draft whose point changed elsewhere or is gone."""
        return slot != NEW_POINT_SLOT and self.point_for_slot(slot) is None
