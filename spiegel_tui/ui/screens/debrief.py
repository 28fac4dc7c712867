"""The debrief (nabespreking): every key point for every organisation, by keyboard.

One row per key point and organisation. On a row one key sets what the listeners
recognised (h d n o) and one key what the organisation decided (a b g u); t, r and
v open the edit line at the bottom for what the listeners said, the reason, or an
improvement action ('actie / eigenaar / deadline'). Everything is stored at once;
the edit line's text is kept as a draft while typed, and escape asks before
throwing typed text away. ctrl+t goes to the free debrief notes. Layout and keys
only: the work is done by :class:`DebriefSession`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Label, Static, TextArea

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Decision, Recognition
from spiegel_tui.outcome.debrief import Cell, DebriefSession
from spiegel_tui.setup.form import format_date
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.debrief_help import DebriefKeys, detail_text
from spiegel_tui.ui.screens.debrief_line import DebriefLine
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.styles import screen_stylesheet

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

DRAFT_INTERVAL = 0.5  # seconds between draft saves of the edit line
SAVE_DELAY = 0.5  # seconds of quiet typing before the notes are written

RECOGNITION_KEYS = {
    "h": Recognition.RECOGNISED,
    "d": Recognition.PARTLY,
    "n": Recognition.NOT,
    "o": Recognition.UNKNOWN,
}
DECISION_KEYS = {
    "a": Decision.ACT,
    "b": Decision.ALREADY,
    "g": Decision.NO_ACTION,
    "u": Decision.UNDECIDED,
}
SHORT_RECOGNITION = {
    Recognition.RECOGNISED: "herkend",
    Recognition.PARTLY: "deels",
    Recognition.NOT: "niet",
    Recognition.UNKNOWN: "·",
}
SHORT_DECISION = {
    Decision.ACT: "aan de slag",
    Decision.ALREADY: "al bezig",
    Decision.NO_ACTION: "geen actie",
    Decision.UNDECIDED: "·",
}


class DebriefScreen(DebriefLine):
    CSS_PATH = screen_stylesheet("debrief.tcss")
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        *(
            Binding(key, f"recognise('{key}')", "Herkend", show=key == "h", key_display="hdno")
            for key in RECOGNITION_KEYS
        ),
        *(
            Binding(key, f"decide('{key}')", "Besluit", show=key == "a", key_display="abgu")
            for key in DECISION_KEYS
        ),
        Binding("t", "line('note')", "Gezegd"),
        Binding("v", "line('action')", "Actie"),
        Binding("r", "line('reason')", "Reden", show=False),
        Binding("e", "line('edit')", "Actie wijzigen", show=False),
        Binding("x", "remove_action", "Actie weg", show=False),
        Binding("p", "line('cycle')", "Planning", show=False),
        Binding("ctrl+t", "notes", "Notities"),
        Binding("ctrl+g,f1", "keys", "Toetsen", key_display="^g"),
        Binding("question_mark", "keys", "Toetsen", show=False),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.session: DebriefSession | None = None
        self.line = None
        self._drafted = self._typed = ""
        self._notes_timer: Timer | None = None

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    # Building ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = DebriefSession(self.spiegel.store, self.meeting_id, clock=self.spiegel.clock)
        yield Header()
        try:
            meeting = session.load()
        except SpiegelError as error:
            yield Static(error.message, id="debrief-error", markup=False)
            yield Footer(compact=True, show_command_palette=False)
            return
        self.session = session
        self.title = "Nabespreking"
        self.sub_title = clean_line(meeting.topic)
        yield Static("", id="cycle", markup=False)
        table: DataTable[str | Text] = DataTable(id="cells", cursor_type="row", zebra_stripes=True)
        table.add_column("Nr", key="nr", width=3)
        table.add_column("Org.", key="org", width=6)
        table.add_column("Herkend", key="recognition", width=7)
        table.add_column("Besluit", key="decision", width=11)
        table.add_column("Act.", key="actions", width=4)
        table.add_column("Kernpunt", key="point")
        yield table
        yield Static(session.empty_reason, id="debrief-empty", markup=False)
        yield Static("", id="detail", markup=False)
        yield TextArea(
            session.notes,
            id="notes",
            placeholder="Vrije notities van de nabespreking: wat herkenden de toehoorders, "
            "wat raakte hen?",
        )
        with Vertical(id="line-box"):
            yield Label("", id="line-title")
            yield Input(id="line", compact=True)
            yield Static("", id="line-error", classes="field-error", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.session is None:
            return
        table = self.query_one("#cells", DataTable)
        for cell in self.session.cells:
            table.add_row(*self._row(cell), key=self._key(cell))
        table.display = bool(self.session.cells)
        self.query_one("#debrief-empty").display = not self.session.cells
        notes = self.query_one("#notes", TextArea)
        notes.border_title = "Vrije notities van de nabespreking · ctrl+t: terug"
        notes.display = False
        self.query_one("#line-box").display = False
        self._show_cycle()
        self._show_detail()
        self._fit_point_column()
        table.focus()
        self.set_interval(DRAFT_INTERVAL, self.flush_line_draft, name="line-draft")
        self._offer_left_draft()

    def on_resize(self) -> None:
        if self.session is not None:
            self._fit_point_column()

    def _fit_point_column(self) -> None:
        """The point's text gets the width the answers leave: no sideways scrolling."""
        table = self.query_one("#cells", DataTable)
        column = table.columns.get("point")  # type: ignore[call-overload]
        if column is not None:
            column.auto_width = False
            column.width = max(10, self.app.size.width - (3 + 6 + 7 + 11 + 4) - 6 * 2 - 2)
            table.refresh()

    @staticmethod
    def _key(cell: Cell) -> str:
        return f"{cell.index}:{cell.organisation.key}"

    def _row(self, cell: Cell) -> tuple[str | Text, ...]:
        assert self.session is not None
        response = self.session.response(cell)
        first = self._first_of_point(cell)
        actions = len(response.actions)
        return (
            Text(str(cell.index + 1) if first else "", justify="right"),
            # Text, not str: a str cell is read as markup.
            Text(cell.organisation.key),
            Text(SHORT_RECOGNITION[response.recognition]),
            Text(SHORT_DECISION[response.decision]),
            Text(str(actions) if actions else "", justify="right"),
            Text(clean_line(cell.point.text) if first else ""),
        )

    def _first_of_point(self, cell: Cell) -> bool:
        assert self.session is not None and self.session.meeting is not None
        return cell.organisation.key == self.session.meeting.organisations[0].key

    def _show_cycle(self) -> None:
        assert self.session is not None
        cycle = self.session.cycle
        days = [format_date(d) if d else "-" for d in (cycle.debrief, cycle.letter)]
        back = format_date(cycle.feedback_meeting) if cycle.feedback_meeting else "-"
        parts = [
            f"Planning (p): nabespreking {days[0]}",
            f"brief {days[1]}",
            f"terugkoppeling {back}",
        ]
        self.query_one("#cycle", Static).update(" · ".join(parts))

    def current(self) -> Cell | None:
        if self.session is None or not self.session.cells:
            return None
        table = self.query_one("#cells", DataTable)
        row = table.cursor_row
        if not 0 <= row < len(self.session.cells):
            return None
        return self.session.cells[row]

    def _show_detail(self) -> None:
        cell = self.current()
        detail = self.query_one("#detail", Static)
        if cell is None or self.session is None:
            detail.update("")
            return
        detail.update(detail_text(self.session, cell, max(20, self.app.size.width - 2)))

    def _refresh_cell(self, cell: Cell) -> None:
        table = self.query_one("#cells", DataTable)
        row = self._row(cell)
        for column, value in zip(("recognition", "decision", "actions"), row[2:5], strict=True):
            table.update_cell(self._key(cell), column, value)
        self._show_detail()
        self._show_cycle()

    @on(DataTable.RowHighlighted, "#cells")
    def _moved(self) -> None:
        self._show_detail()

    # Which keys apply where ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back", "keys"):
            return True
        if self.session is None:
            return False
        if action == "notes" or (action == "line" and parameters == ("cycle",)):
            return True
        return self.current() is not None

    # One key per answer ------------------------------------------------------------

    def _store(self, change: Callable[[], object]) -> bool:
        """Run a store change; a refusal is said in Dutch and changes nothing."""
        try:
            change()
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet bewaard", severity="error")
            return False
        return True

    def action_recognise(self, key: str) -> None:
        cell = self.current()
        if cell is None or self.session is None:
            return
        session = self.session
        if self._store(lambda: session.set_recognition(cell, RECOGNITION_KEYS[key])):
            self._refresh_cell(cell)

    def action_decide(self, key: str) -> None:
        cell = self.current()
        if cell is None or self.session is None:
            return
        session = self.session
        decision = DECISION_KEYS[key]
        if self._store(lambda: session.set_decision(cell, decision)):
            self._refresh_cell(cell)
            if decision == Decision.NO_ACTION and not session.response(cell).reason:
                self.action_line("reason")

    def action_remove_action(self) -> None:
        cell = self.current()
        if cell is None or self.session is None:
            return
        actions = self.session.response(cell).actions
        if not actions:
            self.app.notify("Dit punt heeft bij deze organisatie nog geen acties.", timeout=3)
            return
        last = actions[-1]
        session = self.session

        def answered(remove: bool | None) -> None:
            if remove and self._store(lambda: session.remove_action(cell, last)):
                self._refresh_cell(cell)

        self.app.push_screen(
            ConfirmDialog(
                f"Actie '{clean_line(last.text)}' verwijderen, met haar geschiedenis?",
                yes="Verwijderen",
                no="Houden",
                title="Actie verwijderen",
            ),
            answered,
        )

    # The notes ----------------------------------------------------------------------

    def action_notes(self) -> None:
        notes = self.query_one("#notes", TextArea)
        if notes.display and notes.has_focus:
            self._leave_notes()
            return
        self.query_one("#detail").display = False
        notes.display = True
        notes.focus()

    def _leave_notes(self) -> None:
        self.flush_notes()
        self.query_one("#notes").display = False
        self.query_one("#detail").display = True
        self.query_one("#cells").focus()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        if self.session and self.session.type_notes(event.text_area.text):
            if self._notes_timer is not None:
                self._notes_timer.stop()
            self._notes_timer = self.set_timer(SAVE_DELAY, self.flush_notes)

    def flush_notes(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        if self.session is None:
            return
        try:
            self.session.save_notes()
        except SpiegelError as error:
            self.app.notify(error.message, title="Notities niet bewaard", severity="error")

    def flush_draft(self) -> None:
        """Everything typed and not yet stored: the app calls this on quit and SIGHUP."""
        self.flush_notes()
        self.flush_line_draft()

    def on_unmount(self) -> None:
        self.flush_draft()

    # Leaving ------------------------------------------------------------------------

    def action_keys(self) -> None:
        self.app.push_screen(DebriefKeys())

    def action_back(self) -> None:
        if self.line is not None:
            self.close_line_asking()
            return
        if self.session is not None and self.query_one("#notes").display:
            self._leave_notes()
            return
        self.flush_draft()
        self.app.pop_screen()
