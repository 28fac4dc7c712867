"""The debrief screen's edit line: a mixin of :class:`DebriefScreen`.

One line at the bottom for what the listeners said, the reason, an action or the
planning. Its text is kept as a draft twice a second under a slot naming what it is
for, offered back at the next opening; escape on typed text asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Action
from spiegel_tui.outcome.cycle import format_cycle
from spiegel_tui.setup.form import FieldError, format_date
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from spiegel_tui.outcome.debrief import Cell, DebriefSession

#: (purpose, title of the edit line)
LINE_TITLES = {
    "note": "Wat zeiden de toehoorders?",
    "reason": "Waarom geen actie?",
    "action": "Nieuwe actie: actie / eigenaar (team of rol) / deadline",
    "edit": "Actie wijzigen: actie / eigenaar / deadline",
    "cycle": "Planning: nabespreking / brief / terugkoppeling (- = nog niet)",
}


class DebriefLine(Screen[None]):
    session: DebriefSession | None
    #: The open edit line: (purpose, draft slot, text it opened with).
    line: tuple[str, str, str] | None = None
    _drafted = ""
    #: What the edit line holds now.
    _typed = ""

    def current(self) -> Cell | None:
        raise NotImplementedError

    def _refresh_cell(self, cell: Cell) -> None:
        raise NotImplementedError

    def _show_cycle(self) -> None:
        raise NotImplementedError

    # The edit line ---------------------------------------------------------------

    def action_line(self, purpose: str, text: str | None = None) -> None:
        cell = self.current()
        if self.session is None or (cell is None and purpose != "cycle"):
            return
        if purpose == "edit" and (cell is None or not self.session.response(cell).actions):
            self.app.notify("Nog geen actie om te wijzigen: v voegt er een toe.", timeout=3)
            return
        initial = self._initial(purpose, cell)
        slot = (
            "debrief:-:-:cycle" if cell is None or purpose == "cycle" else f"{cell.slot}:{purpose}"
        )
        self.line = (purpose, slot, initial)
        self._drafted = initial if text is None else ""
        self.query_one("#line-title", Label).update(LINE_TITLES[purpose])
        self.query_one("#line-error", Static).update("")
        line = self.query_one("#line", Input)
        line.value = self._typed = initial if text is None else text
        line.cursor_position = len(line.value)
        self.query_one("#line-box").display = True
        line.focus()

    def _initial(self, purpose: str, cell: Cell | None) -> str:
        assert self.session is not None
        if purpose == "cycle":
            return format_cycle(self.session.cycle)
        assert cell is not None
        response = self.session.response(cell)
        if purpose == "note":
            return response.note
        if purpose == "reason":
            return response.reason
        if purpose == "edit":
            return action_line_text(response.actions[-1])
        return ""

    @on(Input.Changed, "#line")
    def _line_changed(self, event: Input.Changed) -> None:
        # Kept here too: on a hang-up or unmount the widget may be gone already.
        self._typed = event.value

    @on(Input.Submitted, "#line")
    def _line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.line is None or self.session is None:
            return
        purpose, slot, _ = self.line
        cell = self.current()
        session = self.session
        value = event.value
        try:
            if purpose == "cycle":
                session.set_cycle(value)
            elif cell is None:
                return
            elif purpose == "note":
                session.set_note(cell, value)
            elif purpose == "reason":
                session.set_reason(cell, value)
            elif purpose == "action":
                session.add_action(cell, value)
            elif purpose == "edit":
                session.update_action(cell, session.response(cell).actions[-1], value)
        except (FieldError, SpiegelError) as error:
            self.query_one("#line-error", Static).update(str(error))
            return
        session.clear_draft(slot)
        self._close_line()
        if cell is not None:
            self._refresh_cell(cell)
        self._show_cycle()

    def _close_line(self) -> None:
        self.line = None
        self._drafted = ""
        self.query_one("#line-box").display = False
        self.query_one("#cells").focus()

    def flush_line_draft(self) -> None:
        """Keep the edit line's typed text as a draft (also called on SIGHUP)."""
        if self.line is None or self.session is None:
            return
        text = self._typed
        if text == self._drafted:
            return
        try:
            self.session.save_draft(self.line[1], text)
        except SpiegelError:
            return  # busy or failing: tried again at the next tick
        self._drafted = text

    def _offer_left_draft(self) -> None:
        assert self.session is not None
        for slot, text in self.session.left_drafts():
            purpose = slot.rsplit(":", 1)[-1]
            cell = self.session.cell_for_slot(slot)
            if purpose not in LINE_TITLES or (cell is None and purpose != "cycle"):
                continue
            if cell is not None:
                self.query_one("#cells", DataTable).move_cursor(row=self.session.cells.index(cell))
            self.action_line(purpose, text)
            self._drafted = text
            self.app.notify("Wat u de vorige keer typte, staat weer in de regel.", timeout=6)
            return

    def close_line_asking(self) -> None:
        """Escape with the line open: close it, asking first when text was typed."""
        assert self.line is not None
        if clean_line(self._typed) == clean_line(self.line[2]):
            if self.session is not None:
                self.session.clear_draft(self.line[1])
            self._close_line()
            return
        slot = self.line[1]

        def answered(discard: bool | None) -> None:
            if discard:
                if self.session is not None:
                    self.session.clear_draft(slot)
                self._close_line()

        self.app.push_screen(
            ConfirmDialog(
                "U hebt in deze regel getypt. Die tekst weggooien?",
                yes="Weggooien",
                no="Verder typen",
                title="Getypte tekst weggooien",
            ),
            answered,
        )


def action_line_text(action: Action) -> str:
    """An action as the edit line shows it: 'text / owner / due'."""
    parts = [action.text, action.owner, format_date(action.due) if action.due else ""]
    while parts and not parts[-1]:
        parts.pop()
    return " / ".join(parts)
