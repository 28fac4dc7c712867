"""The help screen: the full key scheme, from the packaged ``help.md``."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static


def help_text() -> str:
    return files("spiegel_tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,ctrl+g,f1", "close", "sluiten"),
        Binding("up,k", "scroll(-1)", show=False),
        Binding("down,j", "scroll(1)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
        Binding("pagedown,space", "scroll(10)", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(), id="help-text")
        yield Static("esc / q: sluiten · ↑ ↓ PgUp PgDn: scrollen", id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
