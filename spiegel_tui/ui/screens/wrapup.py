"""The wrap-up: from the remarks to the outcome document, during or after the meeting.

Three tabs: the source remarks beside the key points being composed; the introduction
(drafted from the setup until the note-taker writes their own); the three closing
texts. Every change is saved at once (key points) or half a second after typing stops
(texts), and again on leaving, so nothing is lost. Export runs in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Static, TabbedContent, TabPane, TextArea

from spiegel_tui.errors import SpiegelError
from spiegel_tui.export.samenkracht import Q_FOLLOW_UP, Q_INPUT, Q_PRODUCED
from spiegel_tui.outcome.edit import points_by_remark
from spiegel_tui.outcome.intro import draft_introduction
from spiegel_tui.outcome.session import Refresh, WrapUpSession
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.privacy_review import PrivacyCommands
from spiegel_tui.ui.screens.wrapup_export import WrapUpExport
from spiegel_tui.ui.screens.wrapup_help import WrapUpKeys
from spiegel_tui.ui.screens.wrapup_points import WrapUpPoints
from spiegel_tui.ui.styles import screen_stylesheet
from spiegel_tui.ui.widgets.key_points import KeyPointList
from spiegel_tui.ui.widgets.remark_groups import SourceList

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

SAVE_DELAY = 0.5  # seconds of quiet typing before a text is written
POLL_INTERVAL = 0.5  # seconds between looks for another instance's changes

#: (Outcome field, the question it answers in the document, an example in its register)
CLOSING_TEXTS: tuple[tuple[str, str, str], ...] = (
    (
        "produced",
        Q_PRODUCED,
        "Bijvoorbeeld: Het is duidelijk geworden wat in de samenwerking met de "
        "professional belangrijk is.",
    ),
    (
        "input_follow_up",
        Q_INPUT,
        "Wie neemt de punten mee, waarheen, en wanneer worden ze besproken?",
    ),
    (
        "follow_up_meeting",
        Q_FOLLOW_UP,
        "Bijvoorbeeld: Er komt een vervolgbijeenkomst in 2022; de datum volgt nog.",
    ),
)

NO_POINTS = (
    "Nog geen kernpunten. Markeer links opmerkingen met spatie en maak er met enter "
    "één kernpunt van; n begint een leeg kernpunt."
)
INTRO_DRAFT = (
    "Concept, gemaakt uit de opzet van de bijeenkomst. Pas het aan, of neem het over met "
    "ctrl+s. Zolang het een concept is, volgt het de opzet."
)
INTRO_OWN = "Eigen tekst: wordt bewaard. ctrl+n maakt een nieuw concept uit de opzet."
INTRO_EMPTY = "Leeg: het document krijgt het concept uit de opzet."


class WrapUpScreen(WrapUpPoints, WrapUpExport):
    CSS_PATH = screen_stylesheet("wrapup.tcss")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {PrivacyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "export_word", "Word"),
        Binding("ctrl+r", "export_dialog", "Export…"),
        Binding("ctrl+t", "next_tab", "Tabblad"),
        Binding("f5", "debrief", "Nabespreking"),
        Binding("ctrl+s", "accept_introduction", "Concept overnemen"),
        Binding("ctrl+n", "redraft_introduction", "Nieuw concept"),
        # ctrl+g and f1 as on the capture screen; '?' too where nothing is typed.
        Binding("ctrl+g,f1", "keys", "Toetsen", key_display="^g"),
        Binding("question_mark", "keys", "Toetsen", show=False),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.session: WrapUpSession | None = None
        #: True while the introduction area shows an unsaved draft.
        self.intro_is_draft = False
        self._intro_draft_text = ""
        #: What the introduction area holds now.
        self._intro_text = ""
        self._save_timer: Timer | None = None
        self.exporting = False
        self.last_export = None

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    # Building ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = WrapUpSession(self.spiegel.store, self.meeting_id)
        try:
            meeting = session.load()
        except SpiegelError as error:
            yield Header()
            yield Static(error.message, id="wrapup-error", markup=False)
            yield Footer()
            return
        self.session = session
        self.title = "Afronden"
        self.sub_title = clean_line(meeting.topic)
        yield Header()
        with TabbedContent(id="wrapup-tabs"):
            with (
                TabPane("Opmerkingen & kernpunten", id="tab-points"),
                Horizontal(id="wrapup-panes"),
            ):
                yield SourceList(meeting, id="sources")
                with Vertical(id="points-pane"):
                    yield KeyPointList(id="points")
                    yield Static(NO_POINTS, id="points-empty", markup=False)
            with TabPane("Inleiding", id="tab-intro"):
                yield Static("", id="intro-status", markup=False)
                yield TextArea(id="introduction")
            with TabPane("Slotteksten", id="tab-closing"):
                for field, question, example in CLOSING_TEXTS:
                    yield Label(question, classes="closing-question")
                    yield TextArea(
                        session.text(field),
                        id=field,
                        classes="closing-text",
                        placeholder=example,
                    )
        # The palette (ctrl+p) still works; its footer entry would push out our keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.session is None:
            return
        self._load_introduction(self.session.text("introduction"))
        self._show_points(0)
        self.query_one(SourceList).focus()
        self.set_interval(POLL_INTERVAL, self._poll, name="poll")
        self._offer_left_drafts()

    def _load_introduction(self, stored: str) -> None:
        assert self.meeting is not None
        self.intro_is_draft = not stored.strip()
        self._intro_draft_text = draft_introduction(self.meeting) if self.intro_is_draft else ""
        self._intro_text = self._intro_draft_text if self.intro_is_draft else stored
        self.query_one("#introduction", TextArea).load_text(self._intro_text)
        self._show_intro_status()

    def _show_intro_status(self) -> None:
        status = self.query_one("#intro-status", Static)
        if self.intro_is_draft:
            status.update(INTRO_DRAFT)
        elif not self._intro_text.strip():
            status.update(INTRO_EMPTY)
        else:
            status.update(INTRO_OWN)
        status.set_class(self.intro_is_draft, "-draft")
        self.refresh_bindings()

    def _show_points(self, highlight: int | None = None) -> None:
        points = self.query_one(KeyPointList)
        points.show(self.points, highlight)
        self.query_one("#points-empty").display = not self.points
        self.query_one(SourceList).set_used(points_by_remark(self.points))

    # Following the database ----------------------------------------------------

    def _poll(self) -> None:
        if self.session is None:
            return
        try:
            refresh = self.session.poll()
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet bijgewerkt", severity="error")
            return
        if refresh is not None:
            self._apply(refresh)

    def _apply(self, refresh: Refresh, highlight: int | None = None) -> None:
        """Show what a reload brought: points, remarks, texts and what changed."""
        session = self.session
        assert session is not None and session.meeting is not None
        if refresh.remarks:
            self.query_one(SourceList).reload(session.meeting)
        if refresh.points or refresh.remarks or highlight is not None:
            self._show_points(highlight)
        for field in refresh.texts:
            if field == "introduction":
                self._load_introduction(session.text(field))
            else:
                self.query_one(f"#{field}", TextArea).load_text(session.text(field))
        if session.dirty:
            self._schedule_save()
        for notice in refresh.notices:
            self.app.notify(notice, title="Elders gewijzigd", severity="warning", timeout=8)
        if session.gone:
            self.sub_title = "verwijderd: wordt niet meer bewaard"

    # Which keys apply where ------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session is None and action not in ("back",):
            return False
        if action == "accept_introduction":
            return self._tab() == "tab-intro" and self.intro_is_draft
        if action == "redraft_introduction":
            return self._tab() == "tab-intro"
        return True

    def _tab(self) -> str:
        return self.query_one(TabbedContent).active

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_next_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        order = ["tab-points", "tab-intro", "tab-closing"]
        tabs.active = order[(order.index(tabs.active) + 1) % len(order)]
        # Put the cursor where the tab's work is, so typing starts at once.
        target = {
            "tab-points": "#sources",
            "tab-intro": "#introduction",
            "tab-closing": "#produced",
        }[tabs.active]
        self.query_one(target).focus()

    # Saving texts ----------------------------------------------------------------

    def flush_draft(self) -> None:
        """Write whatever typing is still waiting for its timer.

        The app calls this on every screen on quit and on SIGHUP/SIGTERM.
        """
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session is None or not self.session.dirty:
            return
        if self.session.gone:
            self._rescue_texts()
            return
        try:
            refresh = self.session.save_texts()
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet bewaard", severity="error")
            if self.session.gone:
                self.sub_title = "verwijderd: wordt niet meer bewaard"
                self._rescue_texts()
            return
        if refresh.notices or refresh.texts:
            self._apply(refresh)

    def _rescue_texts(self) -> None:
        """The meeting is gone: what is typed here goes into the emergency copy."""
        assert self.session is not None
        shown = getattr(self, "_rescue_shown", None)
        try:
            path = self.session.save_rescue()
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet bewaard", severity="error")
            return
        if path is not None and path != shown:
            self._rescue_shown = path
            self.sub_title = f"verwijderd: uw teksten staan in {path}"
            self.app.notify(
                f"Wat u hier typt, staat in de noodkopie {path} (spiegel import leest die).",
                title="Noodkopie",
                severity="warning",
                timeout=15,
            )

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush_draft)

    @on(TextArea.Changed, ".closing-text")
    def _closing_changed(self, event: TextArea.Changed) -> None:
        # Changed also fires for text set by the program: only real edits count.
        if self.session and self.session.type_text(event.text_area.id or "", event.text_area.text):
            self._schedule_save()

    @on(TextArea.Changed, "#introduction")
    def _introduction_changed(self, event: TextArea.Changed) -> None:
        text = self._intro_text = event.text_area.text
        if self.session is None or (self.intro_is_draft and text == self._intro_draft_text):
            return  # the draft just loaded, not an edit
        if not self.session.type_text("introduction", text) and not self.intro_is_draft:
            return
        # The first edit makes the draft the note-taker's own text.
        self.intro_is_draft = False
        self.session.dirty["introduction"] = text
        self._show_intro_status()
        self._schedule_save()

    def on_unmount(self) -> None:
        # Leaving by escape, quitting the app, a crash of another screen: save first.
        if self.session is not None:
            self.flush_draft()

    # Introduction --------------------------------------------------------------

    def action_accept_introduction(self) -> None:
        if not self.intro_is_draft or self.session is None:
            return
        self.intro_is_draft = False
        self.session.dirty["introduction"] = self._intro_text
        self.flush_draft()
        self._show_intro_status()
        self.app.notify("Concept overgenomen als inleiding.", timeout=3)

    def action_redraft_introduction(self) -> None:
        self.flush_draft()
        if self.intro_is_draft or not self._intro_text.strip():
            self._redraft()
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._redraft()

        self.app.push_screen(
            ConfirmDialog(
                "De inleiding is uw eigen tekst. Vervangen door een nieuw concept uit de "
                "opzet? De eigen tekst gaat dan verloren.",
                yes="Vervangen",
                no="Houden",
                title="Nieuw concept",
            ),
            answered,
        )

    def _redraft(self) -> None:
        """Back to a draft: stored as empty, so the document follows the setup."""
        assert self.session is not None
        self.session.dirty["introduction"] = ""
        self.flush_draft()
        if self.session.dirty.get("introduction", "") == "" and not self.session.gone:
            self.session.dirty.pop("introduction", None)
            self._load_introduction(self.session.text("introduction"))

    def action_keys(self) -> None:
        self.app.push_screen(WrapUpKeys())

    def action_debrief(self) -> None:
        self.flush_draft()
        self.spiegel.open_debrief(self.meeting_id)

    # Leaving -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.flush_draft()
        self.app.pop_screen()
