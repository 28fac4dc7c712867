"""Rewording one key point, with the remarks it came from in view.

What is typed is kept as a draft (twice a second, and on a hang-up through the app's
``flush_drafts``), so it comes back at the next opening; escape on typed text asks
before throwing it away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Meeting, Remark
from spiegel_tui.outcome.edit import EMPTY_POINT, clean_point_text
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.dialogs import ConfirmDialog

DRAFT_INTERVAL = 0.5  # seconds between draft saves while typing


class PointEditor(ModalScreen[str | None]):
    """Dismisses with the cleaned text (ctrl+s), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Bewaren"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(
        self,
        title: str,
        text: str,
        meeting: Meeting,
        sources: Sequence[Remark] = (),
        *,
        original: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.meeting = meeting
        self.sources = list(sources)
        #: The point's text before this editor: escape asks only when typed text differs.
        self.original = text if original is None else original
        #: Where typed text goes as a draft (set by the opener); None: nowhere.
        self.keep_draft: Callable[[str], None] | None = None
        self._drafted = text

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
        self.set_interval(DRAFT_INTERVAL, self.flush_draft, name="draft")

    def _typed(self) -> str:
        try:
            return self.query_one("#point-text", TextArea).text
        except Exception:  # not composed (yet) or already gone
            return self._drafted

    def flush_draft(self) -> None:
        """Save the typed text as a draft if it changed (the app calls this on SIGHUP)."""
        text = self._typed()
        if self.keep_draft is None or text == self._drafted:
            return
        try:
            self.keep_draft(text)
        except SpiegelError:
            return  # a busy or failing database: tried again at the next tick
        self._drafted = text

    def action_keep(self) -> None:
        text = clean_point_text(self.query_one("#point-text", TextArea).text)
        if not text:
            self.query_one("#point-error", Static).update(EMPTY_POINT)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        if clean_point_text(self._typed()) == clean_point_text(self.original):
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "U hebt in dit kernpunt getypt. Die tekst weggooien?",
                yes="Weggooien",
                no="Verder typen",
                title="Getypte tekst weggooien",
            ),
            answered,
        )
