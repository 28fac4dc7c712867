"""The capture screen: typing remarks during the meeting, live.

Everything happens from the input line: tokens at its start (``@2 #vt + *``, see
``capture_tokens``) or ctrl chords set the context; Enter commits the remark to the
database first and shows it second. Up (or Tab) moves into the timeline to edit,
tag, delete (with undo) and filter. The draft is saved twice a second; another
note-taker's remarks appear within two seconds.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static
from textual.worker import get_current_worker

from ..capture_tokens import Context, Vocabulary, apply, format_line, parse
from ..commands import CaptureCommands
from ..errors import SpiegelError
from ..model import Kind, Meeting, Remark
from ..remark_filter import RemarkFilter
from ..storage import Draft
from ..textclean import clean_line
from ..widgets.capture_input import CaptureInput
from ..widgets.context_bar import ContextBar
from ..widgets.heard import HeardPanel
from ..widgets.meeting_header import MeetingHeader, QuestionBar
from ..widgets.timeline import Timeline
from .capture_sync import DraftKeeper, RemoteWatcher

if TYPE_CHECKING:
    from ..app import SpiegelApp

PLACEHOLDER = "Typ een opmerking; Enter bewaart.  @2 spreker  #vt organisatie  + ! ? soort  * ster"
KIND_KEYS = {"p": Kind.POSITIVE, "v": Kind.IMPROVEMENT, "w": Kind.WISH, "n": Kind.NOTE}
KIND_KEYS |= {"+": Kind.POSITIVE, "!": Kind.IMPROVEMENT, "?": Kind.WISH, ".": Kind.NOTE}
DRAFT_INTERVAL = 0.5
POLL_INTERVAL = 1.0


class CaptureScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    COMMANDS = {CaptureCommands}  # noqa: RUF012
    # Ctrl chords are priority bindings: they work in the input line and the timeline
    # alike (and ctrl+k beats the Input's delete-to-end). No function keys needed,
    # none of ctrl+m/i/h/j (Enter, Tab, Backspace, newline), ctrl+b (tmux), ctrl+s.
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+n", "chord('speaker')", "spreker", id="capture.speaker", priority=True),
        Binding("ctrl+o", "chord('org')", "org", id="capture.org", priority=True),
        Binding("ctrl+t", "chord('kind')", "soort", id="capture.kind", priority=True),
        Binding("ctrl+k", "toggle('starred')", "ster", id="capture.star", priority=True),
        Binding("ctrl+l", "toggle('private')", "privé", id="capture.private", priority=True),
        Binding("ctrl+y", "question(1)", "vraag", id="capture.next_question", priority=True),
        Binding(
            "ctrl+r",
            "question(-1)",
            "vorige vraag",
            id="capture.prev_question",
            priority=True,
            show=False,
        ),
        Binding("ctrl+f", "filter", "filter", id="capture.filter", priority=True),
        Binding("ctrl+z", "undo", "herstel", id="capture.undo", priority=True, show=False),
        Binding("ctrl+g,f1", "help", "hulp", id="capture.help", priority=True),
        # Keys that move focus are priority bindings too: they run as the key arrives,
        # so the keys typed right after it already go to the new place.
        Binding("up", "up", "tijdlijn", show=False, priority=True),
        Binding("down", "down", show=False, priority=True),
        Binding("tab,shift+tab", "switch", show=False, priority=True),
        Binding("escape", "escape", show=False, priority=True),
        Binding("pageup", "scroll_timeline(-1)", show=False),
        Binding("pagedown", "scroll_timeline(1)", show=False),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting = Meeting(topic="", date=dt.date.today())
        self.vocab = Vocabulary()
        self.context = Context()
        self.question: str | None = None
        self.filter = RemarkFilter()
        self._text_hits: set[int] | None = None
        self._undo: list[Remark] = []
        self._chord: str | None = None
        self._local_writes = 0
        self._load_error: str | None = None

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    # Building ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        store = self.spiegel.store
        try:
            self.meeting = store.load_meeting(self.meeting_id)
            self.question = store.current_question(self.meeting_id)
        except SpiegelError as error:
            self._load_error = str(error)
        self.drafts = DraftKeeper(store, self.meeting_id)
        self.watcher = RemoteWatcher(store, self.meeting_id)
        self.vocab = Vocabulary.from_meeting(self.meeting)
        # Kept as attributes: the draft is flushed on unmount, after the DOM is gone.
        self.header = MeetingHeader(self.meeting, self.spiegel.clock, id="capture-header")
        self.question_bar = QuestionBar(id="question-bar")
        self.filter_input = CaptureInput(
            id="filter-input", placeholder="@2 #vt + * woord   Enter: typen  esc: uit"
        )
        self.filter_summary = Static("", id="filter-summary")
        self.timeline = Timeline(id="timeline")
        self.heard = HeardPanel(id="heard")
        self.context_bar = ContextBar(id="context-bar")
        self.line = CaptureInput(id="capture-input", placeholder=PLACEHOLDER)
        yield self.header
        yield self.question_bar
        with Horizontal(id="filter-bar"):
            yield Label("Filter", id="filter-label")
            yield self.filter_input
            yield self.filter_summary
        with Horizontal(id="capture-body"):
            yield self.timeline
            yield self.heard
        yield self.context_bar
        yield self.line
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self._load_error is not None:
            self.app.notify(self._load_error, severity="error", title="Niet geopend")
            self.call_later(self.app.pop_screen)
            return
        self.line.key_filter = self._chord_key
        self.timeline.key_filter = self._chord_key
        self._show_setup()
        self._restore_draft()
        self.line.focus()
        self.set_interval(DRAFT_INTERVAL, self.flush_draft, name="draft")
        self.set_interval(POLL_INTERVAL, self._poll, name="poll")

    def on_unmount(self) -> None:
        self.flush_draft()
        self.watcher.close()

    def on_screen_resume(self) -> None:
        # Back from the setup screen: names, organisations or questions may have changed.
        if self.is_mounted and self._load_error is None and self._setup_changed():
            self._reload_now()

    def _setup_changed(self) -> bool:
        try:
            fresh = self.spiegel.store.load_meeting(self.meeting_id)
        except SpiegelError:
            return False
        fields = ("topic", "participants", "organisations", "questions")
        return any(getattr(fresh, f) != getattr(self.meeting, f) for f in fields)

    def _show_setup(self) -> None:
        """(Re)build everything that depends on the meeting and its remarks."""
        self.vocab = Vocabulary.from_meeting(self.meeting)
        self.header.meeting = self.meeting
        self.header.refresh()
        self.timeline.set_people({p.key: p.pseudonym for p in self.meeting.participants})
        self._show_remarks()
        self.heard.recount(self.meeting, self.meeting.remarks)
        self._show_question()
        self._show_context()

    def _restore_draft(self) -> None:
        try:
            draft = self.drafts.load()
        except SpiegelError as error:
            self.notify(str(error), severity="error", title="Concept niet gelezen")
            return
        if draft is None:
            return
        people = {p.key for p in self.meeting.participants}
        orgs = [o.key for o in self.meeting.organisations]
        self.context = Context(
            participant=draft.participant if draft.participant in people else None,
            organisations=tuple(k for k in orgs if k in draft.organisations),
            kind=draft.kind,
            starred=draft.starred,
            private=draft.private,
        )
        self.line.value = draft.text
        self.line.cursor_position = len(draft.text)
        self._show_context()

    # The input line ----------------------------------------------------------

    @on(Input.Changed, "#capture-input")
    def _line_changed(self, event: Input.Changed) -> None:
        event.stop()
        # The event may be stale (more keys typed since, or our own reset): read the line.
        value = self.line.value
        start = value.lstrip()[:1]
        if not start or start not in "@#\\+!?.*%~":
            self._show_context()
            return
        parsed = parse(value, self.vocab, final=False)
        if parsed.ops:
            self.context = apply(parsed.ops, self.context, self.vocab)
            cursor = self.line.cursor_position
            self.line.value = value[parsed.consumed :]
            self.line.cursor_position = max(0, cursor - parsed.consumed)
        self._show_context(preview=parsed.preview, error=parsed.error)

    @on(Input.Submitted, "#capture-input")
    def _line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_line(self.line.value)

    def commit_line(self, line: str) -> Remark | None:
        """Enter: store the remark, then show it. Returns it, or None if nothing stored."""
        parsed = parse(line, self.vocab)
        if parsed.error:
            self.app.bell()
            self._show_context(error=parsed.error)
            return None
        context = apply(parsed.ops, self.context, self.vocab)
        text = clean_line(parsed.text)
        if not text:
            self.context = context
            self.line.value = ""
            self._show_context()
            return None
        remark = Remark(
            at=self.spiegel.clock().replace(microsecond=0),
            text=text,
            kind=context.kind,
            participant=context.participant,
            organisations=list(context.organisations),
            question=self.question,
            starred=context.starred,
            private=context.private,
        )
        try:
            self.spiegel.store.add_remark(self.meeting_id, remark)
        except SpiegelError as error:
            self.notify(str(error), title="Niet opgeslagen", severity="error", timeout=15)
            return None
        self._local_writes += 1
        self.meeting.remarks.append(remark)
        if self.filter.text:
            self._text_hits = self._search(self.filter.text)
        if self.filter.matches(remark, self._text_hits):
            self.timeline.append(remark, scroll=True)
        else:
            self.notify("Bewaard. Het filter verbergt deze opmerking (esc: filter uit).")
        self.heard.count(remark)
        self.context = context.next_remark()
        self.line.value = ""
        self._show_context()
        return remark

    def _show_context(self, *, preview: str | None = None, error: str | None = None) -> None:
        self.context_bar.show(self.context, self.vocab, preview=preview, error=error)
        self.heard.select(self.context.participant, self.context.organisations)

    # Chords: ctrl+n / ctrl+o / ctrl+t followed by one key ---------------------

    def action_chord(self, name: str) -> None:
        if self._chord == "speaker" and name == "speaker":
            # ctrl+n twice: the next present participant, for people talking in turn.
            self._chord = None
            self.set_speaker(self._next_speaker())
            return
        self._chord = name
        self.context_bar.ask(self._chord_prompt(name))

    def _chord_prompt(self, name: str) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        bar = self.context_bar
        key = bar.get_component_rich_style("context--prompt")
        target = "opmerking" if self._on_timeline() else "volgende"
        if name == "speaker":
            text.append(f"Spreker ({target}): ")
            for number, person in enumerate(self.meeting.participants[:9], 1):
                text.append(str(number), key)
                text.append(f" {person.pseudonym}  ")
            text.append("0", key)
            text.append(" niemand  ")
            text.append("n", key)
            text.append(" volgende")
        elif name == "org":
            text.append(f"Organisatie aan/uit ({target}): ")
            for number, org in enumerate(self.meeting.organisations[:9], 1):
                text.append(str(number), key)
                text.append(f" {org.key}  ")
            text.append("0", key)
            text.append(" geen")
        else:
            text.append(f"Soort ({target}): ")
            for letter, label in (("p", "positief"), ("v", "verbeterpunt"), ("w", "wens")):
                text.append(letter, key)
                text.append(f" {label}  ")
            text.append("n", key)
            text.append(" notitie")
        text.append("   esc: terug")
        return text

    def _chord_key(self, event: events.Key) -> bool:
        """The key after a chord; always swallowed so a stray key types nothing odd."""
        if self._chord is None:
            return False
        chord, self._chord = self._chord, None
        char = (event.character or "").lower()
        if chord == "speaker":
            if char.isdigit() and (int(char) <= len(self.meeting.participants)):
                number = int(char)
                self.set_speaker(self.meeting.participants[number - 1].key if number else None)
            elif char == "n":
                self.set_speaker(self._next_speaker())
        elif chord == "org":
            if char == "0":
                self._set_orgs(())
            elif char.isdigit() and int(char) <= len(self.meeting.organisations):
                self.toggle_org(self.meeting.organisations[int(char) - 1].key)
        elif char in KIND_KEYS:
            self.set_kind(KIND_KEYS[char])
        self._show_context()
        return True

    def _next_speaker(self) -> str | None:
        present = [p.key for p in self.meeting.participants if p.present]
        if not present:
            return None
        current = self._target_context().participant
        index = present.index(current) + 1 if current in present else 0
        return present[index % len(present)]

    # Context or selected remark ------------------------------------------------

    def _on_timeline(self) -> bool:
        # ``focused`` (not ``has_focus``): it stays while the palette is open on top.
        return self.focused is self.timeline and self.timeline.selected is not None

    def _target_context(self) -> Context:
        if self._on_timeline():
            remark = cast(Remark, self.timeline.selected)
            return _context_of(remark)
        return self.context

    def set_speaker(self, key: str | None) -> None:
        if self._on_timeline():
            self._change_remark(cast(Remark, self.timeline.selected), participant=key)
        else:
            self.context = dataclasses.replace(self.context, participant=key)
            self._show_context()

    def toggle_org(self, key: str) -> None:
        order = tuple(o.key for o in self.meeting.organisations)
        self._set_orgs(self._target_context().toggle_org(key, order).organisations)

    def _set_orgs(self, keys: tuple[str, ...]) -> None:
        if self._on_timeline():
            self._change_remark(cast(Remark, self.timeline.selected), organisations=list(keys))
        else:
            self.context = dataclasses.replace(self.context, organisations=keys)
            self._show_context()

    def set_kind(self, kind: Kind) -> None:
        if self._on_timeline():
            remark = cast(Remark, self.timeline.selected)
            self._change_remark(remark, kind=_context_of(remark).with_kind(kind).kind)
        else:
            self.context = self.context.with_kind(kind)
            self._show_context()

    def action_toggle(self, flag: str) -> None:
        if self._on_timeline():
            remark = cast(Remark, self.timeline.selected)
            self._change_remark(remark, **{flag: not getattr(remark, flag)})
        else:
            self.context = dataclasses.replace(
                self.context, **{flag: not getattr(self.context, flag)}
            )
            self._show_context()

    # Timeline ------------------------------------------------------------------

    def action_up(self) -> None:
        if self.focused is self.timeline:
            self.timeline.action_cursor(-1)
        elif self.focused is self.line:
            self.action_timeline()

    def action_down(self) -> None:
        if self.focused is self.timeline:
            if self.timeline.cursor >= self.timeline.row_count - 1:
                self.set_focus(self.line)
            else:
                self.timeline.action_cursor(1)

    def action_switch(self) -> None:
        if self.focused is self.line:
            self.action_timeline()
        else:
            self.set_focus(self.line)

    def action_timeline(self) -> None:
        """From the input line to the newest remark (the one most likely to fix)."""
        if self.timeline.row_count:
            self.timeline.cursor = self.timeline.row_count - 1
            # set_focus, not focus(): focus() waits a turn, and a second key typed
            # quickly would still reach the input line.
            self.set_focus(self.timeline)

    def action_scroll_timeline(self, direction: int) -> None:
        timeline = self.timeline
        height = max(1, timeline.scrollable_content_region.height - 1)
        timeline.scroll_to(y=timeline.scroll_y + direction * height, animate=False)

    def action_escape(self) -> None:
        if self._chord is not None:
            self._chord = None
            self._show_context()
        elif self.focused is self.timeline:
            self.set_focus(self.line)
        elif self.focused is self.filter_input or self.filter.active:
            self.set_filter("")

    @on(Timeline.Leave)
    def _leave_timeline(self) -> None:
        self.set_focus(self.line)

    @on(Timeline.TypeAhead)
    def _type_ahead(self, event: Timeline.TypeAhead) -> None:
        self.set_focus(self.line)
        self.line.insert_text_at_cursor(event.text)

    @on(Timeline.RemarkAction)
    def _remark_action(self, event: Timeline.RemarkAction) -> None:
        remark, action = event.remark, event.action
        if action == "edit":
            self.edit_remark(remark)
        elif action == "delete":
            self.delete_remark(remark)
        elif action in KIND_KEYS:
            self._change_remark(remark, kind=_context_of(remark).with_kind(KIND_KEYS[action]).kind)
        elif action == "*":
            self._change_remark(remark, starred=not remark.starred)
        elif action in "%~":
            self._change_remark(remark, private=not remark.private)

    def edit_remark(self, remark: Remark) -> None:
        from .remark_dialog import RemarkDialog

        line = format_line(_context_of(remark), remark.text, self.vocab)

        def done(new_line: str | None) -> None:
            if new_line is None:
                return
            parsed = parse(new_line, self.vocab)
            context = apply(parsed.ops, Context(), self.vocab)
            text = clean_line(parsed.text)
            if not text:
                self.notify("Lege tekst: niet bewaard. Verwijderen kan met Delete.")
                return
            self._change_remark(
                remark,
                text=text,
                participant=context.participant,
                organisations=list(context.organisations),
                kind=context.kind,
                starred=context.starred,
                private=context.private,
            )

        title = f"Opmerking van {remark.at:%H:%M} bewerken"
        self.app.push_screen(RemarkDialog(line, self.vocab, title), done)

    def delete_remark(self, remark: Remark) -> None:
        if self._change_remark(remark, deleted=True, quiet=True):
            self.notify("Opmerking verwijderd — ctrl+z herstelt.", title="Verwijderd")

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Niets om te herstellen.", timeout=2)
            return
        before = self._undo.pop()
        current = self.meeting.remark(cast(int, before.id))
        if current is None:
            return
        if self._change_remark(current, remember=False, quiet=True, **_fields(before)):
            self.notify("Hersteld.", timeout=2)

    def _change_remark(
        self, remark: Remark, *, remember: bool = True, quiet: bool = False, **changes: object
    ) -> bool:
        """Write a changed copy of ``remark``; keeps the old one for ctrl+z."""
        after = dataclasses.replace(remark, **changes)  # type: ignore[arg-type]
        if after == remark:
            return False
        try:
            self.spiegel.store.update_remark(self.meeting_id, after)
        except SpiegelError as error:
            self.notify(str(error), title="Niet gewijzigd", severity="error", timeout=10)
            return False
        self._local_writes += 1
        if remember:
            self._undo.append(copy.deepcopy(remark))
            del self._undo[:-50]
        self.meeting.remarks = [after if r.id == after.id else r for r in self.meeting.remarks]
        if self.filter.text and after.text != remark.text:
            self._text_hits = self._search(self.filter.text)
        if not (self.filter.matches(after, self._text_hits) and self.timeline.replace(after)):
            self._show_remarks()  # it left or (undo of a delete) joined the view
        self.heard.recount(self.meeting, self.meeting.remarks)
        return True

    def edit_last(self) -> None:
        remark = self.timeline.selected if self._on_timeline() else None
        live = [r for r in self.meeting.remarks if not r.deleted]
        if remark is None and live:
            remark = live[-1]
        if remark is not None:
            self.edit_remark(remark)

    # Filter --------------------------------------------------------------------

    def action_filter(self) -> None:
        bar = self.query_one("#filter-bar")
        bar.add_class("-active")
        self.set_focus(self.filter_input)

    def open_filter(self, line: str) -> None:
        self.action_filter()
        self.set_filter(line, keep_bar=True)

    @on(Input.Changed, "#filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.set_filter(event.value, keep_bar=True)

    @on(Input.Submitted, "#filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.filter.active:
            self.query_one("#filter-bar").remove_class("-active")
        self.set_focus(self.line)

    def set_filter(self, line: str, *, keep_bar: bool = False) -> None:
        """Show only matching remarks; an empty line shows all."""
        self.filter = RemarkFilter.from_line(line, self.vocab)
        self._text_hits = self._search(self.filter.text) if self.filter.text else None
        filter_input = self.filter_input
        if filter_input.value != line:
            with filter_input.prevent(Input.Changed):
                filter_input.value = line
        if not (keep_bar or self.filter.active):
            self.query_one("#filter-bar").remove_class("-active")
            if filter_input.has_focus:
                self.set_focus(self.line)
        self._show_remarks()

    def _search(self, text: str) -> set[int]:
        try:
            return set(self.spiegel.store.search_remarks(self.meeting_id, text))
        except SpiegelError as error:
            self.notify(str(error), severity="error")
            return set()

    def _show_remarks(self) -> None:
        live = [r for r in self.meeting.remarks if not r.deleted]
        if self.filter.active:
            shown = [r for r in live if self.filter.matches(r, self._text_hits)]
            hint = "Geen opmerkingen voor dit filter."
        else:
            shown = live
            hint = "Nog geen opmerkingen. Typ hieronder en druk op Enter."
        self.timeline.show(shown, hint=hint)
        summary = self.filter_summary
        if self.filter.error:
            summary.update(Text(self.filter.error, style="bold"))
        elif self.filter.active:
            summary.update(f"{len(shown)} van {len(live)}  {self.filter.describe(self.vocab)}")
        else:
            summary.update("")
        self.query_one("#filter-bar").set_class(self.filter.active, "-filtering")

    # Questions, help -----------------------------------------------------------

    def action_question(self, step: int) -> None:
        keys = [q.key for q in self.meeting.questions]
        if not keys:
            self.notify("Geen vragen voorbereid (opzet: ctrl+p).", timeout=3)
            return
        if self.question in keys:
            index = max(0, min(keys.index(self.question) + step, len(keys) - 1))
        else:
            index = 0 if step > 0 else len(keys) - 1
        self.set_question(keys[index])

    def set_question(self, key: str | None) -> None:
        try:
            self.spiegel.store.set_current_question(self.meeting_id, key)
        except SpiegelError as error:
            self.notify(str(error), severity="error")
            return
        self._local_writes += 1
        self.question = key
        self._show_question()

    def _show_question(self) -> None:
        self.question_bar.show(self.meeting.questions, self.question)
        self.heard.show_question(self.question)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def edit_setup(self) -> None:
        self.flush_draft()
        self.spiegel.edit_setup(self.meeting_id)

    def close(self) -> None:
        """Back to the meeting list; the draft stays saved for next time."""
        self.flush_draft()
        self.app.pop_screen()

    # Never lose a note ---------------------------------------------------------

    def current_draft(self) -> Draft:
        return Draft(
            text=self.line.value,
            participant=self.context.participant,
            organisations=list(self.context.organisations),
            kind=self.context.kind,
            starred=self.context.starred,
            private=self.context.private,
        )

    def flush_draft(self) -> None:
        """Save the draft if it changed. Safe to call from a signal handler."""
        if self._load_error is not None or not hasattr(self, "line"):
            return
        try:
            self.drafts.save(self.current_draft())
        except SpiegelError as error:
            if not self.drafts.failing:
                self.notify(str(error), title="Concept niet bewaard", severity="error")

    # A second note-taker ---------------------------------------------------------

    def _poll(self) -> None:
        try:
            changed = self.watcher.changed()
        except SpiegelError:
            return
        if changed:
            self._reload()

    def _reload(self) -> None:
        if self.watcher.can_load_in_thread:
            self._reload_in_thread(self._local_writes)
        else:
            self._reload_now()

    @work(thread=True, exclusive=True, group="reload")
    def _reload_in_thread(self, writes: int) -> None:
        try:
            meeting, question = self.watcher.load()
        except SpiegelError:
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_reload, meeting, question, writes)

    def _reload_now(self) -> None:
        try:
            meeting, question = self.watcher.load()
        except SpiegelError as error:
            self.notify(str(error), severity="error")
            return
        self._apply_reload(meeting, question, self._local_writes)

    def _apply_reload(self, meeting: Meeting, question: str | None, writes: int) -> None:
        if writes != self._local_writes:
            # We wrote while it loaded: the snapshot may miss that; read again.
            self._reload()
            return
        if question != self.question:
            self.question = question
            self._show_question()
        if meeting == self.meeting:
            return
        self.meeting = meeting
        self._show_setup()


def _context_of(remark: Remark) -> Context:
    return Context(
        remark.participant,
        tuple(remark.organisations),
        remark.kind,
        remark.starred,
        remark.private,
    )


def _fields(remark: Remark) -> dict[str, object]:
    return {f.name: getattr(remark, f.name) for f in dataclasses.fields(remark) if f.name != "id"}
