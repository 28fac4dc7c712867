"""The input line of the capture screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Input

from spiegel_tui.textclean import clean_text

KeyFilter = Callable[[events.Key], bool]
SubmitHandler = Callable[[str], object]


class CaptureInput(Input, inherit_bindings=False):
    """An Input that lets the screen take a key first and keeps pasted lines.

    ``key_filter`` sees every key before the Input does (the second key of a chord
    such as ctrl+n 2); returning True swallows it. Textual's Input keeps only the
    first line of a multi-line paste: here the lines are joined, so pasting a
    paragraph loses nothing.

    ``on_submit``, when set, is called with the line when Enter is pressed, in order
    with the other keys. Textual runs Enter as a binding, after the key has bubbled
    up to the app, while the keys typed after it are already in the line: typed
    quickly, or arriving together over a slow SSH link, "...gehoord⏎Ze" was stored
    as "...gehoordZe" and the next remark lost its start.
    """

    # Input's own keys minus ctrl+k (delete to the end; ctrl+u and ctrl+w remain):
    # on the capture screen ctrl+k stars the remark.
    BINDINGS: ClassVar[list[BindingType]] = [
        b for b in Input.BINDINGS if "ctrl+k" not in getattr(b, "key", "")
    ]

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        # No blinking: a steady cursor sends nothing to the terminal while idle,
        # which matters over a slow SSH link.
        super().__init__(id=id, placeholder=placeholder, select_on_focus=False)
        self.cursor_blink = False
        self.key_filter: KeyFilter | None = None
        self.on_submit: SubmitHandler | None = None
        #: The empty line (placeholder and cursor) with what it was drawn for.
        self._empty_line: tuple[tuple[object, ...], Strip] | None = None

    def render_line(self, y: int) -> Strip:
        # After every Enter the line is empty again: Input draws its placeholder through
        # Rich's console each time, 0.3-0.5 ms in the frame that shows the new remark.
        if y or self.value:
            return super().render_line(y)
        key = (
            self.placeholder,
            self.has_focus,
            self._cursor_visible,
            self.scrollable_content_region.width,
        )
        if self._empty_line is None or self._empty_line[0] != key:
            self._empty_line = (key, super().render_line(y))
        return self._empty_line[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._empty_line = None

    def _watch_value(self, value: str) -> None:
        # Input's watcher sets virtual_size, a reactive that asks for a layout of the
        # whole screen on every key; a fixed-size line does not need one, and the full
        # repaint it causes cost 8-13 ms per Enter here. Set it quietly first, so the
        # watcher finds nothing changed.
        size = Size(self.content_width, 1)
        if size != self.virtual_size and not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, size)
            self.refresh()
        super()._watch_value(value)

    def apply_key(self, event: events.Key) -> bool:
        """The screen's key, Enter or a typed character, applied now; False: a key for
        the bindings (backspace, arrows ...)."""
        if self.key_filter is not None and self.key_filter(event):
            return True
        if event.key == "enter" and self.on_submit is not None:
            self.on_submit(self.value)
            return True
        if event.is_printable and event.character is not None:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return True
        return False

    async def _on_key(self, event: events.Key) -> None:
        if self.apply_key(event):
            event.stop()
            event.prevent_default()

    def apply_paste(self, pasted: str) -> bool:
        """Insert a paste (its lines joined); False if nothing was left to insert."""
        text = clean_text(pasted, multiline=False)
        if not text:
            return False
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
        return True

    def _on_paste(self, event: events.Paste) -> None:
        if self.apply_paste(event.text):
            event.prevent_default()
            event.stop()
