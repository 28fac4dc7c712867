"""Meeting picker: what Spiegel opens with. Recent meetings, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import MeetingSummary
from spiegel_tui.outcome.cycle import markers
from spiegel_tui.setup.form import format_date, remarks_phrase
from spiegel_tui.storage.cycle_status import cycle_status
from spiegel_tui.ui.screens.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from spiegel_tui.ui.app import SpiegelApp

EMPTY_TEXT = (
    "Nog geen bijeenkomsten. Druk op n voor een nieuwe.\n\n"
    "U vult dan het onderwerp, de datum, de organisaties, de deelnemers en de "
    "vragen in; daarna begint u met notuleren."
)

#: "terugkoppeling over 5 d": the longest marker of the cycle.
MARKER_WIDTH = 23


POLL_INTERVAL = 1.0  # seconds


class MeetingTable(DataTable[str | Text]):
    # In a list of rows, home/end mean the first and last row.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Openen"),
        Binding("home", "scroll_top", "Eerste", show=False),
        Binding("end", "scroll_bottom", "Laatste", show=False),
    ]


class PickerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "Nieuw"),
        Binding("e", "edit", "Opzet wijzigen"),
        Binding("d,delete", "delete", "Verwijderen"),
        Binding("b", "debrief", "Nabespreking"),
        Binding("r", "register", "Register"),
        Binding("q", "quit", "Stoppen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.meetings: list[MeetingSummary] = []

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    def compose(self) -> ComposeResult:
        self.sub_title = "Bijeenkomsten"
        yield Header()
        table = MeetingTable(id="meetings", cursor_type="row", zebra_stripes=True)
        table.add_column("Datum", key="date", width=10)
        table.add_column("Onderwerp", key="topic")
        table.add_column("Opmerkingen", key="remarks", width=11)
        table.add_column("Vervolg", key="cycle", width=MARKER_WIDTH)
        yield table
        yield Static(EMPTY_TEXT, id="empty", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_meetings()
        # Another Spiegel on the same file adds, renames or deletes meetings: follow it.
        self._version = self._data_version()
        self.set_interval(POLL_INTERVAL, self._poll, name="picker-poll")

    def _data_version(self) -> int | None:
        try:
            return self.spiegel.store.data_version()
        except SpiegelError:
            return None

    def _poll(self) -> None:
        if not self.is_current:
            return  # on_screen_resume reads the list again
        version = self._data_version()
        if version is None or version == self._version:
            return
        self._version = version
        try:
            if self.spiegel.store.list_meetings() == self.meetings:
                return
        except SpiegelError:
            return
        self.refresh_meetings()

    def on_screen_resume(self) -> None:
        # Back from setup or capture: counts and topics may have changed.
        self.refresh_meetings()

    def on_resize(self) -> None:
        self._fit_topic_column()

    def refresh_meetings(self) -> None:
        table = self.query_one("#meetings", DataTable)
        current = self.selected()
        try:
            self.meetings = self.spiegel.store.list_meetings()
            due = markers(cycle_status(self.spiegel.store), self.spiegel.clock().date())
        except SpiegelError as error:
            self.notify(str(error), severity="error", title="Lijst niet gelezen")
            return
        table.clear()
        for summary in self.meetings:
            table.add_row(
                format_date(summary.date),
                summary.topic,
                Text(str(summary.remarks), justify="right"),
                Text(
                    due.get(summary.id, ""),
                    style="bold" if "laat" in due.get(summary.id, "") else "",
                ),
                key=str(summary.id),
            )
        if current is not None and any(m.id == current.id for m in self.meetings):
            table.move_cursor(row=table.get_row_index(str(current.id)))
        self.query_one("#empty").display = not self.meetings
        table.display = bool(self.meetings)
        if self.meetings:
            table.focus()
        self._fit_topic_column()

    def _fit_topic_column(self) -> None:
        """Give the topic all the width the date and count leave, so long topics show."""
        table = self.query_one("#meetings", DataTable)
        column = table.columns.get(ColumnKey("topic"))
        if column is None:
            return
        # Each column carries one cell of padding either side; leave room for a scrollbar.
        # The app's size: the screen's own is still zero while it mounts.
        width = max(10, self.app.size.width - 10 - 11 - MARKER_WIDTH - 4 * 2 - 2)
        column.auto_width = False
        column.width = width
        table.refresh()

    def selected(self) -> MeetingSummary | None:
        table = self.query_one("#meetings", DataTable)
        if not self.meetings or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.meetings[table.cursor_row]

    @on(DataTable.RowSelected, "#meetings")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if meeting := self.selected():
            self.spiegel.open_meeting(meeting.id)

    def action_new(self) -> None:
        self.spiegel.new_meeting()

    def action_edit(self) -> None:
        if meeting := self.selected():
            self.spiegel.edit_setup(meeting.id)

    def action_delete(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                self.spiegel.store.delete_meeting(meeting.id)
            except SpiegelError as error:
                self.notify(str(error), severity="error", title="Niet verwijderd")
            else:
                self.notify(f"Bijeenkomst '{meeting.topic}' verwijderd.", timeout=3)
            self.refresh_meetings()

        from spiegel_tui.capture.presence import open_elsewhere, warning

        others = open_elsewhere(self.spiegel.store, meeting.id)
        self.app.push_screen(
            ConfirmDialog(
                f"Bijeenkomst '{meeting.topic}' met {remarks_phrase(meeting.remarks)} "
                "verwijderen? Dit kan niet ongedaan worden gemaakt."
                + (f"\n\n{warning(others)}" if others else ""),
                yes="Verwijderen",
                no="Annuleren",
                title="Bijeenkomst verwijderen",
            ),
            answered,
        )

    def action_debrief(self) -> None:
        if meeting := self.selected():
            self.spiegel.open_debrief(meeting.id)

    def action_register(self) -> None:
        self.spiegel.open_register()

    def action_quit(self) -> None:
        self.app.exit()
