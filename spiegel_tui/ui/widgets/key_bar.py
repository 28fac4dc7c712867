"""One line of key hints at the bottom of the capture screen.

Textual's Footer builds a widget per key and rebuilds them whenever focus or the
bindings change; on this screen that cost about 100 ms of start-up (measured in
benchmarks/bench_capture.py) for what is one line of text. This renders the shown
bindings of the focused widget and the screen as a single line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget


def key_label(key: str) -> str:
    """``ctrl+n`` → ``^n``, ``enter`` → ``⏎``: the first key of a binding, short."""
    first = key.split(",")[0].strip()
    names = {"enter": "⏎", "delete": "del", "escape": "esc", "tab": "tab"}
    if first.startswith("ctrl+"):
        return "^" + first.removeprefix("ctrl+")
    return names.get(first, first)


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--label"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple[tuple[str, str], ...] = ()

    def show(self, bindings: Iterable[BindingType]) -> None:
        # Textual also accepts (key, action[, description]) tuples; the screens use Binding.
        keys = tuple(
            (key_label(b.key), b.description) for b in bindings if isinstance(b, Binding) and b.show
        )
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        label_style = self.get_component_rich_style("keybar--label")
        text = Text(no_wrap=True, overflow="ellipsis")
        for key, label in self._keys:
            text.append(f" {key}", key_style)
            text.append(f" {label} ", label_style)
        return text
