"""Small modal dialogs shared by the screens: a yes/no question and a one-line prompt.

Both answer by keyboard alone (j/n, enter, escape), since the app is used over SSH
and tmux without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from spiegel_tui.textclean import clean_line


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes.

    The 'no' button has focus unless ``default`` is True, so a stray enter never
    deletes anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y", "answer(True)", "Ja", show=False),
        Binding("n,escape", "answer(False)", "Nee", show=False),
    ]

    def __init__(
        self,
        message: str,
        *,
        yes: str = "Ja",
        no: str = "Nee",
        title: str = "Weet u het zeker?",
        default: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.message = message
        self.yes_label = yes
        self.no_label = no
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    escape(f"{self.yes_label} (j)"), id="yes", variant="error", compact=True
                )
                yield Button(
                    escape(f"{self.no_label} (n)"), id="no", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with the cleaned text, or None on escape.

    ``check`` returns a Dutch message when the text cannot be used; the dialog then
    stays open and shows it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Annuleren", show=False)]

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        hint: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, classes="dialog-message", markup=False)
            yield Input(self.value, id="prompt-input", compact=True)
            yield Static("", id="prompt-error", classes="field-error", markup=False)
            yield Static("enter: bewaren · escape: annuleren", classes="dialog-keys")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = clean_line(event.value)
        message = self.check(text) if self.check else None
        if message:
            self.query_one("#prompt-error", Static).update(message)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
