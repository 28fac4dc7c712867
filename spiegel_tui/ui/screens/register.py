"""The improvement register: every action of every meeting, filtered by keyboard.

A DataTable (fast with thousands of rows, unlike ListView). o, f, l and m filter by
organisation, status, overdue and meeting; s and then a status letter (o b g v)
changes the status of the action under the cursor, and a one-line note follows
(enter stores it, also empty). The pane below shows where the action came from and
its history. Layout and keys only: the work is done by :class:`RegisterSession`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import ActionStatus
from spiegel_tui.outcome.register import RegisterSession
from spiegel_tui.setup.form import format_date
from spiegel_tui.storage.followup_read import ActionRow
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.debrief_help import fit
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.styles import screen_stylesheet

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

#: After s: the letter that picks the new status.
STATUS_KEYS = {
    "o": ActionStatus.OPEN,
    "b": ActionStatus.IN_PROGRESS,
    "g": ActionStatus.DONE,
    "v": ActionStatus.DROPPED,
}
STATUS_PROMPT = "Nieuwe status: o open · b bezig · g gedaan · v vervallen (escape: niets)"
EMPTY = (
    "Nog geen verbeteracties. Ze ontstaan in de nabespreking: kies in het overzicht "
    "een bijeenkomst en druk op b."
)
#: Rows put in the table before the first paint; the rest follow a frame later.
FIRST_ROWS = 60
BATCH_ROWS = 100
BATCH_PAUSE = 0.01  # seconds between batches: keys typed meanwhile go first
NOTHING_SHOWN = "Geen acties bij dit filter. x haalt alle filters weg."


class RegisterScreen(Screen[None]):
    CSS_PATH = screen_stylesheet("debrief.tcss")
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("s", "status", "Status"),
        Binding("o", "letter('o')", "Organisatie"),
        Binding("f", "next_status", "Filter status"),
        Binding("l", "overdue", "Te laat"),
        Binding("m", "meeting", "Bijeenkomst"),
        Binding("x", "clear", "Geen filter", show=False),
        Binding("b", "letter('b')", "bezig", show=False),
        Binding("g", "letter('g')", "gedaan", show=False),
        Binding("v", "letter('v')", "vervallen", show=False),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session: RegisterSession | None = None
        #: s was pressed: the next letter picks the status.
        self.choosing = False
        #: The open note line: (action row, new status).
        self.pending: tuple[ActionRow, ActionStatus] | None = None
        self.shown: list[ActionRow] = []
        #: Counts table fills, so rows added after a paint go to the latest one only.
        self._generation = 0

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    def compose(self) -> ComposeResult:
        self.title = "Verbeterregister"
        self.sub_title = "alle bijeenkomsten"
        yield Header()
        yield Static("", id="filters", markup=False)
        table: DataTable[str | Text] = DataTable(
            id="actions", cursor_type="row", zebra_stripes=True
        )
        table.add_column("Datum", key="date", width=10)
        table.add_column("Org.", key="org", width=5)
        table.add_column("Actie", key="text")
        table.add_column("Eigenaar", key="owner", width=12)
        table.add_column("Deadline", key="due", width=11)
        table.add_column("Status", key="status", width=9)
        yield table
        yield Static("", id="register-empty", markup=False)
        yield Static("", id="history", markup=False)
        with Vertical(id="line-box"):
            yield Label("", id="line-title")
            yield Input(id="line", compact=True, placeholder="Notitie bij de wijziging (mag leeg)")
            yield Static("", id="line-error", classes="field-error", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#line-box").display = False
        session = RegisterSession(self.spiegel.store, self.spiegel.clock)
        try:
            session.load()
        except SpiegelError as error:
            self.query_one("#register-empty", Static).update(error.message)
            self.query_one("#actions").display = False
            return
        self.session = session
        # Widths first: a column of automatic width measures every cell it gets.
        self._fit_text_column()
        self._fill()
        self.query_one("#actions").focus()

    def on_resize(self) -> None:
        self._fit_text_column()

    def _fit_text_column(self) -> None:
        table = self.query_one("#actions", DataTable)
        column = table.columns.get("text")  # type: ignore[call-overload]
        if column is not None:
            column.auto_width = False
            column.width = max(10, self.app.size.width - (10 + 5 + 12 + 11 + 9) - 6 * 2 - 2)
            table.refresh()

    # Showing -------------------------------------------------------------------------

    def _fill(self, keep: int | None = None) -> None:
        assert self.session is not None
        table = self.query_one("#actions", DataTable)
        self.shown = self.session.visible()
        today = self.session.today
        table.clear()
        cells = [self._cells(row, today) for row in self.shown]
        # The first screenful now, the rest in small batches after the first paint:
        # DataTable measures every cell it gets (about 1 ms a row here), so 2,000 rows
        # at once kept the screen blank for seconds and keys waiting.
        table.add_rows(cells[:FIRST_ROWS])
        self._generation += 1
        if len(cells) > FIRST_ROWS:
            self.set_timer(
                BATCH_PAUSE, partial(self._add_rest, self._generation, cells, FIRST_ROWS, keep)
            )
        self.query_one("#filters", Static).update(self.session.describe(len(self.shown)))
        empty = self.query_one("#register-empty", Static)
        empty.update(EMPTY if not self.session.rows else NOTHING_SHOWN)
        empty.display = not self.shown
        table.display = bool(self.shown)
        self._keep(keep)

    def _add_rest(
        self, generation: int, cells: list[tuple[Text, ...]], done: int, keep: int | None
    ) -> None:
        if generation != self._generation or not self.is_mounted:
            return  # a newer filter replaced the table meanwhile
        table = self.query_one("#actions", DataTable)
        table.add_rows(cells[done : done + BATCH_ROWS])
        done += BATCH_ROWS
        if done < len(cells):
            self.set_timer(BATCH_PAUSE, partial(self._add_rest, generation, cells, done, keep))
        elif keep is not None and table.cursor_row == 0:
            self._keep(keep)

    def _keep(self, keep: int | None) -> None:
        """Put the cursor back on the action it was on (if it is shown and loaded)."""
        table = self.query_one("#actions", DataTable)
        if keep is not None:
            index = next((i for i, r in enumerate(self.shown) if r.id == keep), 0)
            if index < table.row_count:
                table.move_cursor(row=index)
        self._show_history()

    @staticmethod
    def _cells(row: ActionRow, today: object) -> tuple[Text, ...]:
        late = row.overdue(today)  # type: ignore[arg-type]
        due = format_date(row.due) if row.due else ""
        # Text, not str: a str cell is read as markup ("[b]" in an action would
        # vanish or fail), and parsing it cost a third of a filter's time.
        return (
            Text(format_date(row.meeting_date)),
            Text(clean_line(row.organisation)),
            Text(clean_line(row.text)),
            Text(clean_line(row.owner)),
            Text(due + "!", style="bold red") if late else Text(due),
            Text(row.status.label),
        )

    def current(self) -> ActionRow | None:
        table = self.query_one("#actions", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(DataTable.RowHighlighted, "#actions")
    def _show_history(self) -> None:
        row = self.current()
        pane = self.query_one("#history", Static)
        if row is None:
            pane.update("")
            return
        width = max(20, self.app.size.width - 2)
        text = Text()
        where = f"{format_date(row.meeting_date)} {row.meeting_topic} · {row.organisation_name}"
        text.append(fit(where, width) + "\n", style="bold")
        text.append(fit(f"Kernpunt: {row.key_point_text}", width) + "\n", style="italic")
        for event in row.history[-3:]:
            note = f": {event.note}" if event.note else ""
            text.append(fit(f"{event.at:%d-%m-%Y} {event.status.label}{note}", width) + "\n")
        pane.update(text)

    # Filters -------------------------------------------------------------------------

    def _refilter(self, change: str) -> None:
        if self.session is None:
            return
        row = self.current()
        getattr(self.session, change)()
        self._fill(keep=row.id if row else None)

    def action_next_status(self) -> None:
        self._refilter("next_status")

    def action_overdue(self) -> None:
        self._refilter("toggle_overdue")

    def action_clear(self) -> None:
        self._refilter("clear_filters")

    def action_meeting(self) -> None:
        if self.session is not None:
            row = self.current()
            self.session.toggle_meeting(row)
            self._fill(keep=row.id if row else None)

    # Changing a status: s, a letter, a note ------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.pending is not None and action != "back":
            return False  # the note line has the keys
        if action == "letter" and parameters != ("o",):
            return self.choosing
        return True

    def action_status(self) -> None:
        if self.current() is None:
            return
        self.choosing = True
        self.query_one("#filters", Static).update(STATUS_PROMPT)

    def action_letter(self, key: str) -> None:
        if not self.choosing:
            if key == "o":
                self._refilter("next_organisation")
            return
        self.choosing = False
        row = self.current()
        if row is None or self.session is None:
            return
        status = STATUS_KEYS[key]
        self.pending = (row, status)
        self.query_one("#line-title", Label).update(
            f"{row.status.label} → {status.label}: notitie (enter bewaart, ook leeg)"
        )
        self.query_one("#line-error", Static).update("")
        line = self.query_one("#line", Input)
        line.value = ""
        self.query_one("#line-box").display = True
        line.focus()

    def on_key(self, event: object) -> None:
        # Any other key after s: no status change.
        key = getattr(event, "key", "")
        if self.choosing and key not in STATUS_KEYS and key != "s":
            self.choosing = False
            if self.session is not None:
                self.query_one("#filters", Static).update(self.session.describe(len(self.shown)))

    @on(Input.Submitted, "#line")
    def _note_given(self, event: Input.Submitted) -> None:
        event.stop()
        if self.pending is None or self.session is None:
            return
        row, status = self.pending
        try:
            self.session.set_status(row, status, event.value)
        except SpiegelError as error:
            self.query_one("#line-error", Static).update(error.message)
            return
        self._close_line()
        self._fill(keep=row.id)
        self.app.notify(f"Status: {status.label}.", timeout=2)

    def _close_line(self) -> None:
        self.pending = None
        self.query_one("#line-box").display = False
        self.query_one("#actions").focus()
        if self.session is not None:
            self.query_one("#filters", Static).update(self.session.describe(len(self.shown)))

    def action_back(self) -> None:
        if self.choosing:
            self.choosing = False
            self._close_line()
            return
        if self.pending is not None:
            if not clean_line(self.query_one("#line", Input).value):
                self._close_line()
                return

            def answered(discard: bool | None) -> None:
                if discard:
                    self._close_line()

            self.app.push_screen(
                ConfirmDialog(
                    "U hebt een notitie getypt. De status niet wijzigen en de notitie weggooien?",
                    yes="Weggooien",
                    no="Verder typen",
                    title="Statuswijziging afbreken",
                ),
                answered,
            )
            return
        self.app.pop_screen()
