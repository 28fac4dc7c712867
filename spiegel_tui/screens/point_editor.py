"""Rewording one key point, with the remarks it came from in view."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from ..model import Meeting, Remark
from ..outcome_edit import EMPTY_POINT, clean_point_text
from ..textclean import clean_line


class PointEditor(ModalScreen[str | None]):
    """Dismisses with the cleaned text (ctrl+s), or None (escape)."""

    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("ctrl+s", "keep", "Bewaren"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(
        self, title: str, text: str, meeting: Meeting, sources: Sequence[Remark] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.meeting = meeting
        self.sources = list(sources)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="point-editor"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(
                self.text,
                id="point-text",
                placeholder="Het kernpunt, zoals het in het document komt te staan.",
            )
            yield Static("", id="point-error", classes="field-error", markup=False)
            if self.sources:
                yield Label("Gemaakt uit:", classes="dialog-hint")
                with VerticalScroll(id="point-sources"):
                    for remark in self.sources:
                        yield Static(self._source_line(remark), markup=False)
            yield Static("ctrl+s: bewaren · escape: annuleren", classes="dialog-keys")

    def _source_line(self, remark: Remark) -> str:
        person = self.meeting.participant(remark.participant)
        who = f"{person.pseudonym}, " if person else ""
        return f"• {who}{remark.kind.label}: {clean_line(remark.text)}"

    def on_mount(self) -> None:
        area = self.query_one("#point-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        text = clean_point_text(self.query_one("#point-text", TextArea).text)
        if not text:
            self.query_one("#point-error", Static).update(EMPTY_POINT)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
