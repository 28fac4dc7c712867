"""The capture screen: typing remarks during the meeting, live.

Everything happens from the input line: tokens at its start (``@2 #vt + *``, see
``capture_tokens``) or ctrl chords set the context; Enter commits the remark to the
database first and shows it second. Up (or Tab) moves into the timeline to edit,
tag, delete (with undo) and filter. The draft is saved twice a second; another
note-taker's remarks appear within two seconds. The rules live in
:class:`CaptureSession`; this module turns keys into calls and results into widgets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from spiegel_tui.capture.session import GONE, CaptureSession, context_of, kind_after
from spiegel_tui.capture.sync import DraftKeeper, RemoteWatcher
from spiegel_tui.capture.tokens import Context, format_line
from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Kind, Meeting, Remark
from spiegel_tui.ui.palette import CaptureCommands
from spiegel_tui.ui.widgets.capture_input import CaptureInput
from spiegel_tui.ui.widgets.context_bar import ContextBar, chord_prompt
from spiegel_tui.ui.widgets.heard import HeardPanel
from spiegel_tui.ui.widgets.key_bar import KeyBar
from spiegel_tui.ui.widgets.meeting_header import MeetingHeader, QuestionBar
from spiegel_tui.ui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

_T = TypeVar("_T")

PLACEHOLDER = "Typ een opmerking; Enter bewaart.  @2 spreker  #vt organisatie  + ! ? soort  * ster"
KIND_KEYS = {"p": Kind.POSITIVE, "v": Kind.IMPROVEMENT, "w": Kind.WISH, "n": Kind.NOTE}
KIND_KEYS |= {"+": Kind.POSITIVE, "!": Kind.IMPROVEMENT, "?": Kind.WISH, ".": Kind.NOTE}
DRAFT_INTERVAL = 0.5
POLL_INTERVAL = 1.0


class CaptureScreen(Screen[None]):
    # Not ClassVar: Textual 8.2.8 declares it `ClassVar[...] | None`, an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CaptureCommands}
    # Ctrl chords are priority bindings: they work in the input line and the timeline
    # alike (and ctrl+k beats the Input's delete-to-end). No function keys needed,
    # none of ctrl+m/i/h/j (Enter, Tab, Backspace, newline), ctrl+b (tmux), ctrl+s.
    # Every key is applied in arrival order by :meth:`apply_in_order`, these included.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "chord('speaker')", "spreker", id="capture.speaker", priority=True),
        Binding("ctrl+o", "chord('org')", "org", id="capture.org", priority=True),
        Binding("ctrl+t", "chord('kind')", "soort", id="capture.kind", priority=True),
        Binding("ctrl+k", "toggle_flag('starred')", "ster", id="capture.star", priority=True),
        Binding("ctrl+l", "toggle_flag('private')", "privé", id="capture.private", priority=True),
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
        # Keys that move focus are priority bindings too: checked before the focused
        # widget sees the key, so up works on the line and on the timeline alike.
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
        self._chord: str | None = None
        self._load_error: str | None = None
        self._resumed = False
        self._rescue_told = False
        self._rescue_failing = False
        # The layout class for the terminal's width now, so the first resize finds it
        # set: Textual restyles the whole screen when it changes (10 ms at start-up).
        width = self.app.size.width
        self.add_class(
            next(c for w, c in reversed(self.HORIZONTAL_BREAKPOINTS) if width >= w), update=False
        )

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    # The session's state, for the palette and tests.
    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    @property
    def context(self) -> Context:
        return self.session.context

    @property
    def question(self) -> str | None:
        return self.session.question

    @property
    def filter(self):  # noqa: ANN201 - RemarkFilter, kept out of this module's imports
        return self.session.filter

    # Building ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        store = self.spiegel.store
        self.session = CaptureSession(store, self.meeting_id, self.spiegel.clock)
        try:
            self.session.load()
        except SpiegelError as error:
            self._load_error = str(error)
        # Same owner as the session: its Enter empties the draft this keeper saves.
        self.drafts = DraftKeeper(store, self.meeting_id, self.session.owner)
        self.watcher = RemoteWatcher(store, self.meeting_id)
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
        self.key_bar = KeyBar(id="key-bar")
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
        yield self.key_bar

    def on_mount(self) -> None:
        if self._load_error is not None:
            self.app.notify(self._load_error, severity="error", title="Niet geopend")
            self.call_later(self.spiegel.leave_meeting)
            return
        self.line.key_filter = self._chord_key
        # Enter in order with the keys around it (see CaptureInput.on_submit).
        self.line.on_submit = self.commit_line
        self.filter_input.on_submit = lambda _line: self._leave_filter()
        self.timeline.key_filter = self._chord_key
        self.timeline.deliver = self._timeline_message
        self._show_setup()
        self._restore_draft()
        self.line.focus()
        self.set_interval(DRAFT_INTERVAL, self.flush_draft, name="draft")
        self.set_interval(POLL_INTERVAL, self._poll, name="poll")
        # Another Spiegel that deletes or purges this meeting warns first.
        self.session.mark_open()

    def on_unmount(self) -> None:
        self.flush_draft()
        self.watcher.close()
        if self._load_error is None:
            self.session.mark_closed()
        self.spiegel.meeting_closed()

    def on_screen_resume(self) -> None:
        # Back from the setup or wrap-up screen: names, organisations, questions or
        # remarks may have changed. (The first resume is the screen's own opening.)
        if self._resumed and self._load_error is None:
            self._reload()
        self._resumed = True

    def on_descendant_focus(self) -> None:
        # The timeline's own keys first when it has focus, then the screen's.
        own = self.timeline.BINDINGS if self.focused is self.timeline else []
        self.key_bar.show([*own, *self.BINDINGS])

    def _show_setup(self) -> None:
        """(Re)build everything that depends on the meeting and its remarks."""
        self.header.meeting = self.meeting
        self.header.refresh()
        self.timeline.set_people({p.key: p.pseudonym for p in self.meeting.participants})
        self._show_remarks()
        self.heard.recount(self.meeting, self.meeting.remarks)
        self._show_question()
        self._show_context()

    def _restore_draft(self) -> None:
        try:
            restored = self.drafts.load()
        except SpiegelError as error:
            self.notify(str(error), severity="error", title="Concept niet gelezen")
            return
        if restored.waiting:
            drafts = "1 concept" if restored.waiting == 1 else f"{restored.waiting} concepten"
            self.notify(
                f"Nog {drafts} van een eerder afgebroken sessie bewaard. Sluit en open "
                "deze bijeenkomst opnieuw om de volgende terug te krijgen.",
                title="Concepten bewaard",
                timeout=15,
            )
        draft = restored.draft
        if draft is not None:
            self.session.restore(draft)
            self.line.value = draft.text
            self.line.cursor_position = len(draft.text)
            self._show_context()

    def _attempt(self, action: Callable[[], _T], title: str) -> _T | None:
        """Run a store call; a refusal becomes a notification, never a crash."""
        try:
            return action()
        except SpiegelError as error:
            self.notify(str(error), title=title, severity="error", timeout=15)
            return None
        finally:
            self._tell_rescue()

    # The database or the meeting gone: an emergency copy ------------------------

    def _rescue(self, error: SpiegelError) -> None:
        """Stop writing to the database; keep everything in the emergency copy."""
        try:
            self.session.start_rescue(error, self.line.value)
        except SpiegelError as failed:
            self._rescue_failing = True
            self.notify(f"{error} {failed}", title="Niet bewaard", severity="error", timeout=3600)
            return
        self._tell_rescue()

    def _tell_rescue(self) -> None:
        rescue = self.session.rescue
        if rescue is None or self._rescue_told or rescue.path is None:
            return
        self._rescue_told = True
        kept = (
            "Wat u vanaf nu typt (en de regel waar u mee bezig was)"
            if self.session.rescue_only_unstored
            else "Alles van deze bijeenkomst dat u op het scherm ziet, en alles wat u nu nog typt,"
        )
        message = (
            f"{self.session.rescue_reason} {kept} staat in de noodkopie '{rescue.path}' "
            "(alleen voor u leesbaar). U kunt gewoon doorgaan; lees de noodkopie later in "
            "met 'spiegel import'."
        )
        self.spiegel.rescue_notice = message
        self.line.placeholder = "Noodkopie: Enter bewaart in het noodbestand (zie melding)."
        self.sub_title = "NOODKOPIE — niet in de database"
        self.notify(message, title="Niet meer in de database", severity="error", timeout=3600)

    # Keys in arrival order ------------------------------------------------------

    async def apply_in_order(self, event: events.Key | events.Paste) -> None:
        """Apply one key or paste completely, before the next is looked at.

        The app calls this for every key and paste as it takes it from its queue,
        which holds them in the order the terminal sent them. Textual itself runs
        priority bindings at that moment but queues every other key for the focused
        widget, so in a burst (an SSH packet, typing ahead while busy) a ctrl+l after
        an Enter was applied before that Enter, a backspace after the letter typed
        behind it, and keys after a move to the timeline still went to the line. Here
        nothing is queued: the bindings, the focused widget's handling, the tokens at
        the start of the line and what the timeline asks for all happen now, so the
        next key finds the line, the context and the focus as the user left them.
        """
        if isinstance(event, events.Paste):
            self._paste_in_order(event)
            return
        app = self.app
        # Textual's own dispatch, in its order: priority bindings (app, screen), the
        # focused widget, the other bindings from the focused widget up. Private API
        # (Textual is pinned exactly; tests/test_capture_key_order.py guards it).
        if await app._check_bindings(event.key, priority=True):
            return
        focused = self.focused
        if isinstance(focused, CaptureInput | Timeline):
            # What a Changed event would do later is done below, now.
            with self.prevent(Input.Changed):
                if not focused.apply_key(event):
                    await app._check_bindings(event.key)
            if focused is self.line:
                self._tokens_in_line()
            elif focused is self.filter_input:
                self._filter_now()
        else:
            # Something else has focus (a click on another widget): Textual's way.
            (focused or self)._forward_event(event)

    def _paste_in_order(self, event: events.Paste) -> None:
        if self.focused is self.filter_input:
            with self.prevent(Input.Changed):
                self.filter_input.apply_paste(event.text)
            self._filter_now()
            return
        if self.focused is not self.line and not isinstance(self.focused, Timeline):
            (self.focused or self)._forward_event(event)
            return
        # Pasted on the timeline: like typed letters there, it belongs in the line.
        self.set_focus(self.line)
        with self.prevent(Input.Changed):
            self.line.apply_paste(event.text)
        self._tokens_in_line()

    def _timeline_message(self, message: object) -> None:
        if isinstance(message, Timeline.RemarkAction):
            self._remark_action(message)
        elif isinstance(message, Timeline.TypeAhead):
            self._type_ahead(message)
        elif isinstance(message, Timeline.Leave):
            self._leave_timeline()

    # The input line ----------------------------------------------------------

    @on(Input.Changed, "#capture-input")
    def _line_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._tokens_in_line()

    def _tokens_in_line(self) -> None:
        """Apply the finished tokens at the start of the line to the context."""
        # Called after each key and on Changed (which may be stale: more keys typed
        # since, or our own reset): read the line.
        value = self.line.value
        parsed = self.session.take_tokens(value)
        if parsed.consumed:
            cursor = self.line.cursor_position
            with self.prevent(Input.Changed):
                self.line.value = value[parsed.consumed :]
            self.line.cursor_position = max(0, cursor - parsed.consumed)
        self._show_context(preview=parsed.preview, error=parsed.error)

    @on(Input.Submitted, "#capture-input")
    def _line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_line(self.line.value)

    def commit_line(self, line: str) -> Remark | None:
        """Enter: store the remark, then show it. Returns it, or None if nothing stored."""
        result = self._attempt(lambda: self.session.commit(line), "Niet opgeslagen")
        if result is None:
            return None  # refused by the store: the line stays as typed
        if result.error:
            self.app.bell()
            self._show_context(error=result.error)
            return None
        remark = result.remark
        if remark is not None:
            # The remark's transaction emptied the stored draft: nothing to write.
            self.drafts.stored(self.session.draft(""))
            if self.session.shows(remark):
                self.timeline.append(remark, scroll=True)
            else:
                self.notify("Bewaard. Het filter verbergt deze opmerking (esc: filter uit).")
            self.heard.count(remark)
        # No Changed event for our own reset: it would only repeat the _show_context
        # below, one more message to handle before the frame that shows the remark.
        with self.prevent(Input.Changed):
            self.line.value = ""
        self._show_context()
        return remark

    def _show_context(self, *, preview: str | None = None, error: str | None = None) -> None:
        context = self.session.context
        self.context_bar.show(context, self.session.vocab, preview=preview, error=error)
        self.heard.select(context.participant, context.organisations)

    # Chords: ctrl+n / ctrl+o / ctrl+t followed by one key ---------------------

    def action_chord(self, name: str) -> None:
        if self._chord == "speaker" and name == "speaker":
            # ctrl+n twice: the next present participant, for people talking in turn.
            self._chord = None
            self.set_speaker(self.session.next_speaker(self._target_context().participant))
            return
        self._chord = name
        key_style = self.context_bar.get_component_rich_style("context--prompt")
        target = "opmerking" if self._on_timeline() else "volgende"
        self.context_bar.ask(chord_prompt(name, self.meeting, target, key_style))

    def _chord_key(self, event: events.Key) -> bool:
        """The key after a chord; always swallowed so a stray key types nothing odd."""
        if self._chord is None:
            return False
        chord, self._chord = self._chord, None
        char = (event.character or "").lower()
        people, orgs = self.meeting.participants, self.meeting.organisations
        if chord == "speaker":
            if char.isdigit() and int(char) <= len(people):
                self.set_speaker(people[int(char) - 1].key if char != "0" else None)
            elif char == "n":
                self.set_speaker(self.session.next_speaker(self._target_context().participant))
        elif chord == "org":
            if char == "0":
                self._set_orgs(())
            elif char.isdigit() and int(char) <= len(orgs):
                self.toggle_org(orgs[int(char) - 1].key)
        elif char in KIND_KEYS:
            self.set_kind(KIND_KEYS[char])
        self._show_context()
        return True

    # Context or selected remark ------------------------------------------------

    def _on_timeline(self) -> bool:
        # ``focused`` (not ``has_focus``): it stays while the palette is open on top.
        return self.focused is self.timeline and self.timeline.selected is not None

    def _target_context(self) -> Context:
        if self._on_timeline():
            return context_of(cast(Remark, self.timeline.selected))
        return self.session.context

    def _set_context(self, **changes: Any) -> None:
        """Change the selected remark (in the timeline) or the next remark's context."""
        if self._on_timeline():
            self.change_remark(cast(Remark, self.timeline.selected), **changes)
        else:
            self.session.context = dataclasses.replace(self.session.context, **changes)
            self._show_context()

    def set_speaker(self, key: str | None) -> None:
        self._set_context(participant=key)

    def toggle_org(self, key: str) -> None:
        order = tuple(o.key for o in self.meeting.organisations)
        self._set_orgs(self._target_context().toggle_org(key, order).organisations)

    def _set_orgs(self, keys: tuple[str, ...]) -> None:
        if self._on_timeline():
            self.change_remark(cast(Remark, self.timeline.selected), organisations=list(keys))
        else:
            self._set_context(organisations=keys)

    def set_kind(self, kind: Kind) -> None:
        """A choice from a menu (ctrl+t, the palette) sets the kind; only the typed
        signs (+ ! ? .) toggle, as they do at the start of a line."""
        self._set_context(kind=kind)

    def action_toggle_flag(self, flag: str) -> None:
        # Not action_toggle: that is DOMNode's (async) toggle of a bool attribute.
        self._set_context(**{flag: not getattr(self._target_context(), flag)})

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
        with self.prevent(Input.Changed):
            self.line.insert_text_at_cursor(event.text)
        self._tokens_in_line()

    @on(Timeline.RemarkAction)
    def _remark_action(self, event: Timeline.RemarkAction) -> None:
        remark, action = event.remark, event.action
        if action == "edit":
            self.edit_remark(remark)
        elif action == "delete":
            self.delete_remark(remark)
        elif action in KIND_KEYS:
            self.change_remark(remark, kind=kind_after(remark.kind, KIND_KEYS[action]))
        elif action == "*":
            self.change_remark(remark, starred=not remark.starred)
        elif action in "%~":
            self.change_remark(remark, private=not remark.private)

    def edit_remark(self, remark: Remark) -> None:
        from spiegel_tui.ui.screens.remark_dialog import RemarkDialog

        def done(line: str | None) -> None:
            if line is not None:
                after = self._attempt(lambda: self.session.edit(remark, line), "Niet gewijzigd")
                if after is not None:
                    self._changed(after)

        line = format_line(context_of(remark), remark.text, self.session.vocab)
        title = f"Opmerking van {remark.at:%H:%M} bewerken"
        self.app.push_screen(RemarkDialog(line, self.session.vocab, title), done)

    def edit_last(self) -> None:
        remark = self.timeline.selected if self._on_timeline() else self.session.last_live()
        if remark is not None:
            self.edit_remark(remark)

    def delete_remark(self, remark: Remark) -> None:
        if self.change_remark(remark, deleted=True):
            self.notify("Opmerking verwijderd — ctrl+z herstelt.", title="Verwijderd")

    def action_undo(self) -> None:
        if not self.session.can_undo:
            self.notify("Niets om te herstellen.", timeout=2)
            return
        after = self._attempt(self.session.undo, "Niet hersteld")
        if after is not None:
            self._changed(after)
            self.notify("Hersteld.", timeout=2)

    def change_remark(self, remark: Remark, **changes: Any) -> bool:
        """Store a change to ``remark`` (ctrl+z takes it back) and redraw it."""
        after = self._attempt(lambda: self.session.change(remark, **changes), "Niet gewijzigd")
        if after is None:
            return False
        self._changed(after)
        return True

    def _changed(self, after: Remark) -> None:
        if not (self.session.shows(after) and self.timeline.replace(after)):
            self._show_remarks()  # it left or (undo of a delete) joined the view
        self.heard.recount(self.meeting, self.meeting.remarks)

    # Filter --------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter-bar").add_class("-active")
        self.set_focus(self.filter_input)

    def open_filter(self, line: str) -> None:
        self.action_filter()
        self.set_filter(line, keep_bar=True)

    @on(Input.Changed, "#filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter_now()

    def _filter_now(self) -> None:
        self.set_filter(self.filter_input.value, keep_bar=True)

    @on(Input.Submitted, "#filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._leave_filter()

    def _leave_filter(self) -> None:
        if not self.filter.active:
            self.query_one("#filter-bar").remove_class("-active")
        self.set_focus(self.line)

    def set_filter(self, line: str, *, keep_bar: bool = False) -> None:
        """Show only matching remarks; an empty line shows all."""
        self._attempt(lambda: self.session.set_filter(line), "Zoeken mislukt")
        if self.filter_input.value != line:
            with self.filter_input.prevent(Input.Changed):
                self.filter_input.value = line
        if not (keep_bar or self.filter.active):
            self.query_one("#filter-bar").remove_class("-active")
            if self.focused is self.filter_input:
                self.set_focus(self.line)
        self._show_remarks()

    def _show_remarks(self) -> None:
        shown = self.session.visible()
        active = self.filter.active
        if active:
            hint = "Geen opmerkingen voor dit filter."
        else:
            hint = "Nog geen opmerkingen. Typ hieronder en druk op Enter."
        self.timeline.show(shown, hint=hint)
        if self.filter.error:
            self.filter_summary.update(self.filter.error)
        elif active:
            total = len(self.session.live())
            described = self.filter.describe(self.session.vocab)
            self.filter_summary.update(f"{len(shown)} van {total}  {described}")
        else:
            self.filter_summary.update("")
        self.query_one("#filter-bar").set_class(active, "-filtering")

    # Questions, help, leaving --------------------------------------------------

    def action_question(self, step: int) -> None:
        key = self.session.step_question(step)
        if key is None:
            self.notify("Geen vragen voorbereid (opzet wijzigen: ctrl+p).", timeout=3)
        else:
            self.set_question(key)

    def set_question(self, key: str | None) -> None:
        self._attempt(lambda: self.session.set_question(key), "Vraag niet bewaard")
        self._show_question()

    def _show_question(self) -> None:
        self.question_bar.show(self.meeting.questions, self.question)
        self.heard.show_question(self.question)

    def action_help(self) -> None:
        from spiegel_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def edit_setup(self) -> None:
        self.flush_draft()
        self.spiegel.edit_setup(self.meeting_id)

    def wrap_up(self) -> None:
        self.flush_draft()
        self.spiegel.open_wrapup(self.meeting_id)

    def debrief(self) -> None:
        self.flush_draft()
        self.spiegel.open_debrief(self.meeting_id)

    def close(self) -> None:
        """Back to the meeting list; the draft stays saved for next time."""
        self.flush_draft()
        self.spiegel.leave_meeting()

    # Never lose a note ---------------------------------------------------------

    def flush_draft(self) -> None:
        """Save the draft if it changed. Safe to call from a signal handler."""
        if self._load_error is not None or not hasattr(self, "line"):
            return
        if self.session.rescue is not None:
            try:
                self.session.save_rescue(self.line.value)
            except SpiegelError as error:
                if not self._rescue_failing:  # once, not twice a second
                    self.notify(str(error), title="Niet bewaard", severity="error", timeout=60)
                self._rescue_failing = True
            else:
                self._rescue_failing = False
                self._tell_rescue()
            return
        try:
            self.drafts.save(self.session.draft(self.line.value))
        except GONE as error:
            self._rescue(error)
        except SpiegelError as error:
            if not self.drafts.failing:
                self.notify(str(error), title="Concept niet bewaard", severity="error")
            self._rescue_line()

    def _rescue_line(self) -> None:
        """The draft could not be written: keep the line in an emergency copy, and
        say where after exit too (a hang-up or quit may follow at once)."""
        try:
            path = self.session.rescue_line(self.line.value)
        except SpiegelError:
            return  # the text is still on the screen; the notice above stands
        if path is not None:
            self.spiegel.rescue_notice = (
                f"de regel die u typte kon niet bewaard worden; die staat in {path}"
            )

    # A second note-taker ---------------------------------------------------------

    def _poll(self) -> None:
        if self.session.rescue is not None:
            return  # the database is not ours any more: nothing to reload
        try:
            # A file replaced or deleted, the meeting deleted or purged elsewhere.
            self.session.check_store()
        except GONE as error:
            self._rescue(error)
            return
        except SpiegelError:
            pass
        try:
            changed = self.watcher.changed()
        except SpiegelError:
            return
        if changed:
            self._reload()

    def _reload(self) -> None:
        if self.watcher.can_load_in_thread:
            self._reload_in_thread(self.session.writes)
        else:
            self._reload_now()

    @work(thread=True, exclusive=True, group="reload")
    def _reload_in_thread(self, writes: int) -> None:
        # A connection of its own: 10,000 remarks load in 90 ms, off the UI thread.
        try:
            meeting, question = self.watcher.load()
        except SpiegelError:
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_reload, meeting, question, writes)

    def _reload_now(self) -> None:
        loaded = self._attempt(self.watcher.load, "Niet bijgewerkt")
        if loaded is not None:
            meeting, question = loaded
            self._apply_reload(meeting, question, self.session.writes)

    def _apply_reload(self, meeting: Meeting, question: str | None, writes: int) -> None:
        if self.session.rescue is not None:
            return  # what the screen holds is what the emergency copy holds
        if writes != self.session.writes:
            # We wrote while it loaded: the snapshot may miss that; read again.
            self._reload()
            return
        if (meeting, question) == (self.meeting, self.question):
            return
        self.session.use(meeting, question)
        self._show_setup()
