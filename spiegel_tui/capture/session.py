"""What the capture screen does, without the screen: a meeting being noted.

Holds the meeting, the context for the next remark, the current question, the
timeline filter and the undo list, and does every write through the store. No
Textual here: the screen turns keys into calls and results into widgets, and the
rules (commit before showing, what resets after a remark, what undo restores) are
tested without a terminal. Store failures surface as :class:`SpiegelError`.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spiegel_tui.capture import draft_owner
from spiegel_tui.capture.filter import RemarkFilter
from spiegel_tui.capture.rescue import RescueFile
from spiegel_tui.capture.tokens import Context, Parsed, SetOrg, Vocabulary, apply, parse
from spiegel_tui.errors import DatabaseGoneError, MeetingGoneError, SpiegelError
from spiegel_tui.model import Kind, Meeting, Remark
from spiegel_tui.storage import Draft, MeetingStore
from spiegel_tui.textclean import clean_line

UNDO_DEPTH = 50
#: What makes the session stop writing to the database and keep an emergency copy.
GONE = (DatabaseGoneError, MeetingGoneError)
#: A line starting with one of these may hold tokens; anything else is plain text.
TOKEN_STARTS = frozenset("@#\\+!?.*%~")


@dataclasses.dataclass
class Commit:
    """What Enter did: a stored remark, only new context, or an error to show."""

    remark: Remark | None = None
    error: str | None = None


class CaptureSession:
    def __init__(
        self,
        store: MeetingStore,
        meeting_id: int,
        clock: Callable[[], dt.datetime],
        owner: str | None = None,
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.clock = clock
        #: Whose draft this session keeps (this app's, unless a test says otherwise).
        self.owner = draft_owner.this_process() if owner is None else owner
        self.meeting = Meeting(topic="", date=clock().date(), id=meeting_id)
        self.vocab = Vocabulary()
        self.context = Context()
        self.question: str | None = None
        self.filter = RemarkFilter()
        self._text_hits: set[int] | None = None
        self._undo: list[Remark] = []
        #: Counts our own writes, so a reload that raced one can be told apart.
        self.writes = 0
        #: The tokens taken so far from the line ended with an organisation: the
        #: next ``#`` adds to them (``#vt #rvdk`` typed token by token).
        self._org_run = False
        #: Set once the database file or the meeting is gone: from then on every
        #: remark, change and draft goes to this emergency copy (see ``rescue.py``).
        self.rescue: RescueFile | None = None
        #: Why (the Dutch message of the error that started it).
        self.rescue_reason = ""
        self._rescued_draft: str | None = None
        self.rescue_only_unstored = False
        self._next_local_id = -1
        self._line_rescue: RescueFile | None = None

    # The database gone: an emergency copy ----------------------------------------

    def check_store(self) -> None:
        """Raise a :data:`GONE` error if the file was replaced or deleted, or the
        meeting deleted or purged, since it was opened."""
        self.store.check_file()
        self.store.require_open_for_notes(self.meeting_id)

    def start_rescue(self, error: SpiegelError, line: str = "") -> Path:
        """Stop writing to the database; write everything held so far (and ``line``)
        to the emergency copy. Returns its path; raises :class:`SpiegelError` if no
        copy can be written (the text then stays on the screen)."""
        if self.rescue is None:
            self.rescue = RescueFile(self.store.path, self.meeting_id, self.clock())
            self.rescue_reason = str(error)
            # Deleted or purged on purpose: keep only what the database never got.
            self.rescue_only_unstored = isinstance(error, MeetingGoneError)
        return self.save_rescue(line, force=True)

    def rescue_line(self, line: str) -> Path | None:
        """The draft could not be stored (disk full, busy): the line being typed, and
        remarks the database never got, go into an emergency copy somewhere writable
        (beside the database, else the data or home folder), the database staying in
        use. None: nothing to keep. Raises SpiegelError when no folder takes it.
        """
        if not line.strip() and not any((r.id or 0) < 0 for r in self.meeting.remarks):
            return None
        if self._line_rescue is None:
            self._line_rescue = RescueFile(self.store.path, self.meeting_id, self.clock())
        return self._line_rescue.write(
            self.meeting, line, self.clock(), only_unstored=True, context=self.draft(line)
        )

    def save_rescue(self, line: str, *, force: bool = False) -> Path:
        assert self.rescue is not None
        if not force and line == self._rescued_draft and self.rescue.path is not None:
            return self.rescue.path
        path = self.rescue.write(
            self.meeting,
            line,
            self.clock(),
            only_unstored=self.rescue_only_unstored,
            context=self.draft(line),
        )
        self._rescued_draft = line
        return path

    def mark_open(self) -> None:
        """Tell other Spiegels this meeting is open here (advisory: a failure is
        not worth a message; the deleting side then just cannot warn)."""
        with contextlib.suppress(SpiegelError):
            self.store.mark_open(self.meeting_id, self.owner)
            # Marks left by apps that crashed or were killed: no longer true.
            stale = [
                owner
                for owner in self.store.presence(self.meeting_id)
                if owner != self.owner and not draft_owner.is_running(owner)
            ]
            if stale:
                self.store.forget_presence(self.meeting_id, stale)

    def mark_closed(self) -> None:
        if self.rescue is None:
            with contextlib.suppress(SpiegelError):
                self.store.mark_closed(self.meeting_id, self.owner)

    def _local_id(self) -> int:
        self._next_local_id -= 1
        return self._next_local_id

    def load(self) -> None:
        self.use(
            self.store.load_meeting(self.meeting_id), self.store.current_question(self.meeting_id)
        )

    def use(self, meeting: Meeting, question: str | None) -> None:
        """Take a (re)loaded meeting; the context keeps only names that still exist."""
        self.meeting = meeting
        self.question = question
        self.vocab = Vocabulary.from_meeting(meeting)
        self.context = self._known(self.context)
        if self.filter.text:
            self._text_hits = self._search(self.filter.text)

    def _known(self, context: Context) -> Context:
        people = {p.key for p in self.meeting.participants}
        orgs = [o.key for o in self.meeting.organisations]
        return dataclasses.replace(
            context,
            participant=context.participant if context.participant in people else None,
            organisations=tuple(k for k in orgs if k in context.organisations),
        )

    # The input line --------------------------------------------------------

    def take_tokens(self, line: str) -> Parsed:
        """While typing: apply finished tokens to the context; ``consumed`` says how
        much of the line they took."""
        start = line.lstrip()[:1]
        if start not in TOKEN_STARTS:
            if start:
                self._org_run = False  # text has begun: a later #org starts afresh
            return Parsed()
        parsed = parse(line, self.vocab, final=False)
        if parsed.ops:
            self.context = apply(parsed.ops, self.context, self.vocab, in_org_run=self._org_run)
            self._org_run = isinstance(parsed.ops[-1], SetOrg)
        return parsed

    def commit(self, line: str) -> Commit:
        """Enter: store the remark (committed when this returns), then reset the tags.

        Raises :class:`SpiegelError` when the store refuses; nothing changes then.
        """
        parsed = parse(line, self.vocab)
        if parsed.error:
            return Commit(error=parsed.error)
        context = apply(parsed.ops, self.context, self.vocab, in_org_run=self._org_run)
        text = clean_line(parsed.text)
        self._org_run = False
        if not text:
            self.context = context
            return Commit()
        remark = Remark(
            at=self.clock().replace(microsecond=0),
            text=text,
            kind=context.kind,
            participant=context.participant,
            organisations=list(context.organisations),
            question=self.question,
            starred=context.starred,
            private=context.private,
        )
        after = context.next_remark()
        if self.rescue is None:
            try:
                with self.store.transaction():
                    self.store.add_remark(self.meeting_id, remark)
                    # The saved draft still holds this text: emptied in the same
                    # transaction, so a crash right after Enter never brings the
                    # remark back into the input line (where a second Enter would
                    # store it twice).
                    self.store.save_draft(self.meeting_id, _draft("", after), self.owner)
            except GONE as error:
                remark.id = None
                self.start_rescue(error)
        if self.rescue is not None:
            remark.id = self._local_id()
            self.meeting.remarks.append(remark)
            try:
                self.save_rescue("", force=True)
            except SpiegelError:
                self.meeting.remarks.pop()
                raise
            self.context = after
            return Commit(remark=remark)
        self.writes += 1
        self.meeting.remarks.append(remark)
        if self.filter.text:
            self._text_hits = self._search(self.filter.text)
        self.context = after
        return Commit(remark=remark)

    def draft(self, text: str) -> Draft:
        return _draft(text, self.context)

    def restore(self, draft: Draft) -> None:
        self.context = self._known(
            Context(
                draft.participant,
                tuple(draft.organisations),
                draft.kind,
                draft.starred,
                draft.private,
            )
        )

    def next_speaker(self, current: str | None) -> str | None:
        """The next present participant after ``current``, round and round."""
        present = [p.key for p in self.meeting.participants if p.present]
        if not present:
            return None
        index = present.index(current) + 1 if current in present else 0
        return present[index % len(present)]

    # Remarks in the timeline -------------------------------------------------

    def change(self, remark: Remark, *, remember: bool = True, **changes: Any) -> Remark | None:
        """Store a changed copy of ``remark`` and keep the old one for undo.

        Returns the new remark, or None when nothing changed.
        """
        after = dataclasses.replace(remark, **changes)
        if after == remark:
            return None
        if self.rescue is None:
            try:
                self.store.update_remark(self.meeting_id, after)
                self.writes += 1
            except GONE as error:
                self.start_rescue(error)
        if self.rescue is not None:
            self.meeting.remarks = [after if r.id == after.id else r for r in self.meeting.remarks]
            self.save_rescue(self._rescued_draft or "", force=True)
        if remember:
            self._undo.append(copy.deepcopy(remark))
            del self._undo[:-UNDO_DEPTH]
        self.meeting.remarks = [after if r.id == after.id else r for r in self.meeting.remarks]
        if self.filter.text and after.text != remark.text:
            self._text_hits = self._search(self.filter.text)
        return after

    def edit(self, remark: Remark, line: str) -> Remark | None:
        """Apply an edited token line (``@p2 #vt + tekst``) to ``remark``."""
        parsed = parse(line, self.vocab)
        context = apply(parsed.ops, Context(), self.vocab)
        return self.change(
            remark,
            text=clean_line(parsed.text),
            participant=context.participant,
            organisations=list(context.organisations),
            kind=context.kind,
            starred=context.starred,
            private=context.private,
        )

    def undo(self) -> Remark | None:
        """Put back the remark as it was before the last change (or delete)."""
        while self._undo:
            before = self._undo.pop()
            current = self.meeting.remark(before.id) if before.id is not None else None
            if current is not None:
                fields = {f.name: getattr(before, f.name) for f in dataclasses.fields(before)}
                return self.change(current, remember=False, **fields)
        return None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def live(self) -> list[Remark]:
        return [r for r in self.meeting.remarks if not r.deleted]

    def last_live(self) -> Remark | None:
        return next((r for r in reversed(self.meeting.remarks) if not r.deleted), None)

    # Filter ----------------------------------------------------------------

    def set_filter(self, line: str) -> None:
        self.filter = RemarkFilter.from_line(line, self.vocab)
        self._text_hits = self._search(self.filter.text) if self.filter.text else None

    def shows(self, remark: Remark) -> bool:
        return self.filter.matches(remark, self._text_hits)

    def visible(self) -> list[Remark]:
        if not self.filter.active:
            return self.live()
        return [r for r in self.meeting.remarks if self.shows(r)]

    def _search(self, text: str) -> set[int]:
        hits = set(self.store.search_remarks(self.meeting_id, text))
        if self.rescue is not None:
            # Remarks only in the emergency copy: a plain word match.
            words = text.lower().split()
            hits |= {
                r.id
                for r in self.meeting.remarks
                if r.id is not None and r.id < 0 and all(w in r.text.lower() for w in words)
            }
        return hits

    # Questions -------------------------------------------------------------

    def step_question(self, step: int) -> str | None:
        """The key ``step`` questions on (or back); the first/last when none is set."""
        keys = [q.key for q in self.meeting.questions]
        if not keys:
            return None
        if self.question in keys:
            return keys[max(0, min(keys.index(self.question) + step, len(keys) - 1))]
        return keys[0] if step > 0 else keys[-1]

    def set_question(self, key: str | None) -> None:
        if self.rescue is None:
            try:
                self.store.set_current_question(self.meeting_id, key)
                self.writes += 1
            except GONE as error:
                self.start_rescue(error)
        self.question = key


def _draft(text: str, c: Context) -> Draft:
    return Draft(text, c.participant, list(c.organisations), c.kind, c.starred, c.private)


def context_of(remark: Remark) -> Context:
    return Context(
        remark.participant,
        tuple(remark.organisations),
        remark.kind,
        remark.starred,
        remark.private,
    )


def kind_after(current: Kind, chosen: Kind) -> Kind:
    """Choosing the kind a remark has turns it back into a note (as the tokens do)."""
    return Context(kind=current).with_kind(chosen).kind
