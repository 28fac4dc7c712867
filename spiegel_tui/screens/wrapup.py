"""The wrap-up: from the remarks to the outcome document, during or after the meeting.

Three tabs: the source remarks beside the key points being composed; the introduction
(drafted from the setup until the note-taker writes their own); the three closing
texts. Every change is saved at once (key points) or half a second after typing stops
(texts), and again on leaving, so nothing is lost. Export runs in a worker thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Static, TabbedContent, TabPane, TextArea

from ..errors import SpiegelError
from ..export.samenkracht import Q_FOLLOW_UP, Q_INPUT, Q_PRODUCED
from ..exporting import ExportResult, default_path, export_meeting
from ..intro import draft_introduction
from ..model import KeyPoint, Meeting, Outcome
from ..outcome_edit import (
    add_point,
    attach_remarks,
    merge_points,
    move_point,
    point_from_remarks,
    points_by_remark,
    remove_point,
    reword_point,
)
from ..styles import screen_stylesheet
from ..textclean import clean_line
from ..widgets.key_points import KeyPointList
from ..widgets.remark_groups import SourceList
from .dialogs import ConfirmDialog
from .export_dialog import ExportChoice, ExportDialog, LabelWarningDialog
from .point_editor import PointEditor
from .wrapup_help import WrapUpKeys

if TYPE_CHECKING:
    from ..app import SpiegelApp

log = logging.getLogger(__name__)

SAVE_DELAY = 0.5  # seconds of quiet typing before a text is written

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


def _excerpt(text: str, length: int = 60) -> str:
    line = clean_line(text)
    return line if len(line) <= length else line[:length].rsplit(" ", 1)[0] + "…"


class WrapUpScreen(Screen[None]):
    CSS_PATH = screen_stylesheet("wrapup.tcss")
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("ctrl+o", "export_word", "Word"),
        Binding("ctrl+r", "export_dialog", "Export…"),
        Binding("ctrl+t", "next_tab", "Tabblad"),
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
        self.meeting: Meeting | None = None
        self.outcome = Outcome()
        #: The introduction as stored; "" means the document gets the draft.
        self.intro_saved = ""
        #: True while the introduction area shows an unsaved draft.
        self.intro_is_draft = False
        self._intro_draft_text = ""
        #: What the introduction area holds now.
        self._intro_text = ""
        self._texts_dirty = False
        self._intro_dirty = False
        self._save_timer: Timer | None = None
        self.exporting = False
        #: Where the last export went (also said in the notification).
        self.last_export: Path | None = None

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    # Building ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        try:
            meeting = self.spiegel.store.load_meeting(self.meeting_id)
        except SpiegelError as error:
            yield Header()
            yield Static(error.message, id="wrapup-error", markup=False)
            yield Footer()
            return
        self.meeting = meeting
        self.outcome = meeting.outcome
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
                        getattr(self.outcome, field),
                        id=field,
                        classes="closing-text",
                        placeholder=example,
                    )
        # The palette (ctrl+p) still works; its footer entry would push out our keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.meeting is None:
            return
        self._load_introduction(self.meeting.introduction)
        self._show_points(0)
        self.query_one(SourceList).focus()

    def _load_introduction(self, stored: str) -> None:
        assert self.meeting is not None
        self.intro_saved = stored
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
        points.show(self.outcome.key_points, highlight)
        self.query_one("#points-empty").display = not self.outcome.key_points
        self.query_one(SourceList).set_used(points_by_remark(self.outcome.key_points))

    # Which keys apply where ------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.meeting is None and action not in ("back",):
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

    # Saving --------------------------------------------------------------------

    def _save_outcome(self) -> None:
        """Key points and closing texts together, in one transaction."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._texts_dirty = False
        try:
            self.spiegel.store.save_outcome(self.meeting_id, self.outcome)
        except SpiegelError as error:
            self._texts_dirty = True  # try again with the next change
            self.app.notify(error.message, title="Niet bewaard", severity="error")

    def _save_introduction(self) -> None:
        # From the attribute, not the widget: on unmount the widgets are gone first.
        text = self._intro_text
        self._intro_dirty = False
        try:
            self.spiegel.store.save_introduction(self.meeting_id, text)
        except SpiegelError as error:
            self._intro_dirty = True
            self.app.notify(error.message, title="Inleiding niet bewaard", severity="error")
        else:
            self.intro_saved = text

    def flush_draft(self) -> None:
        """Write whatever typing is still waiting for its timer.

        The app calls this on every screen on quit and on SIGHUP/SIGTERM.
        """
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._texts_dirty:
            self._save_outcome()
        if self._intro_dirty:
            self._save_introduction()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush_draft)

    @on(TextArea.Changed, ".closing-text")
    def _closing_changed(self, event: TextArea.Changed) -> None:
        field = event.text_area.id or ""
        text = event.text_area.text
        # Changed also fires for text set by the program: only real edits count.
        if getattr(self.outcome, field) == text:
            return
        setattr(self.outcome, field, text)
        self._texts_dirty = True
        self._schedule_save()

    @on(TextArea.Changed, "#introduction")
    def _introduction_changed(self, event: TextArea.Changed) -> None:
        text = self._intro_text = event.text_area.text
        if self.intro_is_draft and text == self._intro_draft_text:
            return  # the draft just loaded, not an edit
        if not self.intro_is_draft and text == self.intro_saved and not self._intro_dirty:
            return
        # The first edit makes the draft the note-taker's own text.
        self.intro_is_draft = False
        self._intro_dirty = True
        self._show_intro_status()
        self._schedule_save()

    def on_unmount(self) -> None:
        # Leaving by escape, quitting the app, a crash of another screen: save first.
        if self.meeting is not None:
            self.flush_draft()

    # Key points --------------------------------------------------------------

    def _set_points(self, points: list[KeyPoint], highlight: int | None) -> None:
        self.outcome.key_points = points
        self._save_outcome()
        self._show_points(highlight)

    def _highlighted_point(self) -> int | None:
        points = self.query_one(KeyPointList)
        if not self.outcome.key_points or points.highlighted is None:
            return None
        return points.highlighted

    def action_make_point(self) -> None:
        sources = self.query_one(SourceList)
        chosen = sources.chosen_remarks()
        try:
            point = point_from_remarks(chosen)
        except SpiegelError as error:
            self.app.notify(error.message, severity="warning")
            return
        points, index = add_point(self.outcome.key_points, point)
        sources.clear_marks()
        self._set_points(points, index)
        count = len(point.remarks)
        what = "1 opmerking" if count == 1 else f"{count} opmerkingen"
        self.app.notify(f"Kernpunt {index + 1} gemaakt uit {what}.", timeout=3)

    def action_attach_to_point(self) -> None:
        index = self._highlighted_point()
        if index is None:
            self.app.notify("Er is nog geen kernpunt; maak er een met enter.", severity="warning")
            return
        sources = self.query_one(SourceList)
        chosen = sources.chosen_remarks()
        if not chosen:
            return
        try:
            points = attach_remarks(self.outcome.key_points, index, chosen)
        except SpiegelError as error:
            self.app.notify(error.message, severity="warning")
            return
        sources.clear_marks()
        self._set_points(points, index)
        self.app.notify(f"Toegevoegd aan kernpunt {index + 1}.", timeout=3)

    def action_reword_point(self) -> None:
        index = self._highlighted_point()
        if index is None or self.meeting is None:
            return
        point = self.outcome.key_points[index]
        remarks = [r for i in point.remarks if (r := self.meeting.remark(i)) is not None]

        def reworded(text: str | None) -> None:
            if text is not None and text != point.text:
                self._set_points(reword_point(self.outcome.key_points, index, text), index)

        self.app.push_screen(
            PointEditor(f"Kernpunt {index + 1} herformuleren", point.text, self.meeting, remarks),
            reworded,
        )

    def action_new_point(self) -> None:
        if self.meeting is None:
            return

        def written(text: str | None) -> None:
            if text:
                points, index = add_point(self.outcome.key_points, KeyPoint(text))
                self._set_points(points, index)

        self.app.push_screen(PointEditor("Nieuw kernpunt", "", self.meeting), written)

    def action_move_point(self, delta: int) -> None:
        index = self._highlighted_point()
        if index is None:
            return
        points, target = move_point(self.outcome.key_points, index, delta)
        if target != index:
            self._set_points(points, target)

    def action_merge_points(self) -> None:
        marked = self.query_one(KeyPointList).marked
        try:
            points, index = merge_points(self.outcome.key_points, marked)
        except SpiegelError as error:
            self.app.notify(error.message, severity="warning")
            return
        self._set_points(points, index)
        self.app.notify(f"{len(marked)} kernpunten samengevoegd tot punt {index + 1}.", timeout=3)

    def action_remove_point(self) -> None:
        index = self._highlighted_point()
        if index is None:
            return
        point = self.outcome.key_points[index]

        def answered(remove: bool | None) -> None:
            if remove:
                self._set_points(remove_point(self.outcome.key_points, index), index)

        self.app.push_screen(
            ConfirmDialog(
                f"Kernpunt {index + 1} verwijderen?\n“{_excerpt(point.text)}”\n"
                "De opmerkingen zelf blijven staan.",
                yes="Verwijderen",
                no="Houden",
                title="Kernpunt verwijderen",
            ),
            answered,
        )

    # Introduction --------------------------------------------------------------

    def action_accept_introduction(self) -> None:
        if not self.intro_is_draft:
            return
        self.intro_is_draft = False
        self._save_introduction()
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
        try:
            self.spiegel.store.save_introduction(self.meeting_id, "")
            self.meeting = self.spiegel.store.load_meeting(self.meeting_id)
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet gelukt", severity="error")
            return
        self._intro_dirty = False
        self._load_introduction("")

    # Export ----------------------------------------------------------------------

    def export_folder(self) -> Path:
        """Where a document goes by default: the folder Spiegel was started in, like
        ``spiegel export``, so the app and the command line agree."""
        return Path.cwd()

    def action_export_word(self) -> None:
        meeting = self._fresh_meeting()
        if meeting is not None:
            path = default_path(meeting, "docx", self.export_folder())
            self._export(meeting, ExportChoice("docx", path))

    def action_export_dialog(self) -> None:
        meeting = self._fresh_meeting()
        if meeting is None:
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(meeting, choice)

        self.app.push_screen(ExportDialog(meeting, self.export_folder()), chosen)

    def _fresh_meeting(self) -> Meeting | None:
        """The meeting as stored, after saving what is still being typed."""
        if self.exporting:
            self.app.notify("Er wordt al geëxporteerd; een ogenblik.", severity="warning")
            return None
        self.flush_draft()
        try:
            return self.spiegel.store.load_meeting(self.meeting_id)
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet geëxporteerd", severity="error")
            return None

    def _export(self, meeting: Meeting, choice: ExportChoice) -> None:
        """Warn about local labels, then about an existing file, then write."""
        from ..export.privacy import label_warnings

        # A meeting file keeps labels out unless asked; documents and CSV scrub them.
        warnings = label_warnings(meeting) if choice.fmt != "json" else []

        def after_warning(go_on: bool | None) -> None:
            if go_on:
                self._confirm_overwrite(meeting, choice)

        if warnings:
            self.app.push_screen(LabelWarningDialog(warnings), after_warning)
        else:
            self._confirm_overwrite(meeting, choice)

    def _confirm_overwrite(self, meeting: Meeting, choice: ExportChoice) -> None:
        if not choice.path.is_file():
            self._start_export(meeting, choice, force=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._start_export(meeting, choice, force=True)

        self.app.push_screen(
            ConfirmDialog(
                f"{choice.path}\nbestaat al. Vervangen door de nieuwe versie?",
                yes="Vervangen",
                no="Annuleren",
                title="Bestand bestaat al",
            ),
            answered,
        )

    def _start_export(self, meeting: Meeting, choice: ExportChoice, *, force: bool) -> None:
        self.exporting = True
        self.app.notify(f"Bezig met exporteren naar {choice.path.name}…", timeout=2)
        self._export_worker(meeting, choice, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export_worker(self, meeting: Meeting, choice: ExportChoice, force: bool) -> None:
        # A worker thread: no widgets here, only the export and a call back.
        try:
            result = export_meeting(
                meeting, choice.fmt, choice.path, force=force, appendix=choice.appendix
            )
        except SpiegelError as error:
            self.app.call_from_thread(self._export_failed, error.message)
        except Exception as error:  # anything else: the app must keep running
            log.exception("export failed")
            self.app.call_from_thread(
                self._export_failed, f"Onverwachte fout bij exporteren: {error}"
            )
        else:
            self.app.call_from_thread(self._export_done, result)

    def _export_done(self, result: ExportResult) -> None:
        self.exporting = False
        self.last_export = result.path
        self.app.notify(f"Opgeslagen in {result.path}", title="Geëxporteerd", timeout=10)

    def _export_failed(self, message: str) -> None:
        self.exporting = False
        self.app.notify(message, title="Niet geëxporteerd", severity="error", timeout=10)

    def action_keys(self) -> None:
        self.app.push_screen(WrapUpKeys())

    # Leaving -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.flush_draft()
        self.app.pop_screen()
