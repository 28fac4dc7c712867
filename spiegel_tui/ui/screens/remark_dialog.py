"""Editing a remark: its text and tags as one line of tokens, like when typing it.

``@p2 #vt + * Het eerste gesprek was fijn`` — change any part, Enter saves. The bar
under the line shows what the tokens mean, so a typo in a name shows before saving.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from spiegel_tui.capture.tokens import Context, Vocabulary, apply, parse
from spiegel_tui.ui.widgets.context_bar import ContextBar


class RemarkDialog(ModalScreen[str | None]):
    """Dismisses with the edited line, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "annuleren", show=False)]

    def __init__(self, line: str, vocab: Vocabulary, title: str) -> None:
        super().__init__(classes="dialog")
        self.line = line
        self.vocab = vocab
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="remark-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.line, id="remark-line", compact=True, select_on_focus=False)
            yield ContextBar(id="remark-context")
            yield Static(
                "@2 spreker · #vt organisatie · + ! ? . soort · * ster · % privé\n"
                "enter: bewaren · escape: annuleren",
                classes="dialog-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        self._preview(self.line)

    @on(Input.Changed, "#remark-line")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._preview(event.value)

    def _preview(self, line: str) -> None:
        parsed = parse(line, self.vocab)
        context = apply(parsed.ops, Context(), self.vocab)
        self.query_one(ContextBar).show(context, self.vocab, error=parsed.error)

    @on(Input.Submitted, "#remark-line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if parse(event.value, self.vocab).error:
            self.app.bell()
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
