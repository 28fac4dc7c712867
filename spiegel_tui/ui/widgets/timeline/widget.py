"""The remark timeline: a Line-API scroll view that renders only the rows on screen.

One widget per remark is far too slow for a long meeting (field notes: ListView
needs 24 s for 5,000 rows). Here a remark is a few wrapped lines computed once per
width; ``render_line`` finds the remark for a screen line with a binary search, so
10,000 remarks scroll, append and repaint as fast as ten. The wrap, the layout and
the scrollbar (the last column of each line) live in modules of their own beside
this one.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from spiegel_tui.capture.tokens import FLAG_CHARS
from spiegel_tui.model import Remark
from spiegel_tui.ui.widgets.timeline.layout import _known_height
from spiegel_tui.ui.widgets.timeline.render import TimelineRendering


class Timeline(TimelineRendering, can_focus=True):
    """Remarks oldest at the top, newest at the bottom; follows new ones."""

    # Textual's scrollbar takes no room: the last column of each line is ours. Scroll
    # always allowed (wheel, keys), the bar shows only when there is something to scroll.
    DEFAULT_CSS = """
    Timeline {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
    }
    """

    # Textual cannot take text out of Line-API lines, and a mouse press here would
    # start a selection whose auto-scroll near the edges fights a drag of the thumb.
    ALLOW_SELECT = False

    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual reads a set
        "timeline--time",
        "timeline--who",
        "timeline--nobody",
        "timeline--orgs",
        "timeline--note",
        "timeline--positive",
        "timeline--improvement",
        "timeline--wish",
        "timeline--star",
        "timeline--private",
        "timeline--private-text",
        "timeline--cursor",
        "timeline--hint",
    }
    BINDINGS = [  # noqa: RUF012
        Binding("up", "cursor(-1)", "vorige", show=False),
        Binding("down", "cursor(1)", "volgende", show=False),
        Binding("pageup", "page(-1)", "pagina terug", show=False),
        Binding("pagedown", "page(1)", "pagina verder", show=False),
        Binding("home", "jump(0)", "eerste", show=False),
        Binding("end", "jump(-1)", "laatste", show=False),
        Binding("enter", "edit", "bewerken", id="timeline.edit"),
        Binding("delete,ctrl+d", "delete", "verwijderen", id="timeline.delete"),
        Binding("escape,tab", "leave", "typen", id="timeline.leave"),
    ]

    class RemarkAction(Message):
        """The note-taker asked for something on the selected remark."""

        def __init__(self, remark: Remark, action: str) -> None:
            super().__init__()
            self.remark = remark
            #: "edit", "delete", or a flag character: + ! ? . * % ~
            self.action = action

    class TypeAhead(Message):
        """Typing in the timeline: the characters belong in the input line."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Leave(Message):
        """Back to the input line."""

    def __init__(self, *, id: str | None = None) -> None:
        #: Lines as last handed to the screen, by row, and the rows refreshed since.
        #: Set first: Widget.__init__ may already ask for a repaint.
        self._drawn: dict[int, Strip] = {}
        self._stale: set[int] = set()
        self._frame: tuple[int, int, bool, list[int]] | None = None
        super().__init__(id=id)
        self._rows: list[Remark] = []
        #: First screen line of each row; an array: 10,000 ints as objects were 300 KB.
        self._offsets = array("q")
        self._total = 0
        self._heights: list[int] = []
        #: Wrapped lines of the rows lately on screen: (remark, width) -> (remark, lines).
        self._wraps: LRUCache[tuple[int, int], tuple[Remark, list[tuple[int, int]]]] = LRUCache(512)
        self._names: dict[str, str] = {}
        self._who_width = 6
        self._text_width = 0
        self._hint = ""
        #: Component styles, cleared when the theme or CSS changes.
        self._rich_styles: dict[str, Style] = {}
        #: Rendered lines: (remark, line, width, cursor, scrollbar cell, bar state) ->
        #: (remark, strip).
        self._strips: LRUCache[tuple[int, int, int, bool, int, str], tuple[Remark, Strip]] = (
            LRUCache(1024)
        )
        self.cursor = -1
        self.follow = True
        self._end_pending = False
        #: The scrollbar: "", "hover" or "grab" (its colours follow Textual's).
        self._bar_state = ""
        #: While the thumb is dragged: the mouse's screen row and scroll_y at the grab.
        self._grab: tuple[int, float] | None = None
        #: The last mouse press was on the scrollbar: its click selects nothing.
        self._bar_pressed = False
        self._focus_by_mouse = False
        #: Cell kinds of the scrollbar, per line, with what they were computed for.
        self._bar_cells: tuple[tuple[int, int, float], list[int]] = ((-1, -1, -1.0), [])
        self._bar_segments: dict[tuple[int, str], Segment] = {}
        #: Sees each key first (the second key of a chord); True swallows it.
        self.key_filter: Callable[[events.Key], bool] | None = None
        #: When set, this widget's messages (RemarkAction, TypeAhead, Leave) are handed
        #: to it at once instead of queued: the screen applies keys in arrival order,
        #: and a queued "*" would act after the keys typed behind it.
        self.deliver: Callable[[Message], object] | None = None

    # Data ------------------------------------------------------------------

    def set_people(self, names: dict[str, str]) -> None:
        """Pseudonyms by participant key; sets the width of the 'who' column."""
        self._names = dict(names)
        longest = max((cell_len(n) for n in names.values()), default=6)
        who_width = max(6, min(longest, 14))
        if who_width != self._who_width:
            self._who_width = who_width
            self._relayout()  # another text width: every row is measured again
        self._strips.clear()
        self.refresh()

    def show(self, remarks: Iterable[Remark], *, hint: str = "") -> None:
        """Replace the rows; keeps the selected remark selected when it is still shown."""
        selected = self.selected
        # Heights of remarks shown before are reused when their text and
        # organisations are unchanged: a filter change, or a reload of 10,000 remarks
        # after another note-taker's edit, measures only what is new.
        known = {
            r.id: (r.text, r.organisations, h)
            for r, h in zip(self._rows, self._heights, strict=False)
        }
        self._rows = list(remarks)
        self._heights = [_known_height(known.get(r.id), r) for r in self._rows]
        self._hint = hint
        ids = {r.id: i for i, r in enumerate(self._rows)}
        if selected is not None and selected.id in ids:
            self.cursor = ids[selected.id]
        else:
            self.cursor = len(self._rows) - 1
        self._reflow()
        if self.follow:
            self._scroll_to_end()

    def append(self, remark: Remark, *, scroll: bool = False) -> None:
        """Add one remark at the bottom: O(1), whatever the length of the meeting."""
        at_end = self.cursor == len(self._rows) - 1
        self._rows.append(remark)
        if not self._text_width:
            self._heights.append(-1)
            return  # laid out with the rest on the first resize
        height = self._measure(remark)
        self._heights.append(height)
        self._offsets.append(self._total)
        self._total += height
        if at_end and not self.has_focus:
            self.cursor = len(self._rows) - 1
        self._update_virtual_size(repaint=False)
        top = self.scroll_y
        if scroll or self.follow:
            self.follow = True
            self._scroll_to_end(settle=False)  # laid out, and the size is set just now
        if self.scroll_y == top:
            # The view did not move: only the new lines need drawing, and the thumb
            # (a scroll repaints everything by itself).
            self.refresh_lines(self._total - height, height)
            self._refresh_bar()

    def replace(self, remark: Remark) -> bool:
        """Redraw one remark after an edit (its height may change); False if not shown."""
        for index, row in enumerate(self._rows):
            if row.id == remark.id:
                self._rows[index] = remark
                self._heights[index] = -1
                self._reflow()
                return True
        return False

    @property
    def selected(self) -> Remark | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    @property
    def row_count(self) -> int:
        return len(self._rows)

    # Keys and mouse --------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self._rows:
            return
        self.cursor = max(0, min(index, len(self._rows) - 1))
        top = self._offsets[self.cursor]
        height = len(self._lines_of(self._rows[self.cursor]))
        self.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True, force=True)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        if step > 0 and self.cursor >= len(self._rows) - 1:
            self._send(self.Leave())
            return
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        if not self._rows:
            return
        target = self._offsets[max(self.cursor, 0)] + direction * height
        target = max(0, min(target, self._total - 1))
        self._move_to(bisect_right(self._offsets, target) - 1)

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self._rows) - 1)

    def action_edit(self) -> None:
        if (remark := self.selected) is not None:
            self._send(self.RemarkAction(remark, "edit"))

    def action_delete(self) -> None:
        if (remark := self.selected) is not None:
            self._send(self.RemarkAction(remark, "delete"))

    def action_leave(self) -> None:
        self._send(self.Leave())

    def _send(self, message: Message) -> None:
        if self.deliver is not None:
            self.deliver(message)
        else:
            self.post_message(message)

    def apply_key(self, event: events.Key) -> bool:
        """The chord's key, a flag sign or typed text, applied now; False: not one of
        those (the bindings' turn)."""
        if self.key_filter is not None and self.key_filter(event):
            return True
        character = event.character
        if not event.is_printable or character is None:
            return False
        if character in FLAG_CHARS:
            if (remark := self.selected) is not None:
                self._send(self.RemarkAction(remark, character))
        else:
            # Typed while the timeline had focus: the words belong in the input line.
            self._send(self.TypeAhead(character))
        return True

    async def _on_key(self, event: events.Key) -> None:
        if self.apply_key(event):
            event.stop()
            event.prevent_default()

    def focus_on_click(self) -> bool:
        # Focus from a mouse press keeps the view where it is: the click that follows
        # selects the remark under the mouse, or pages with the scrollbar, there.
        if not self.has_focus:
            self._focus_by_mouse = True
        return True

    def on_focus(self) -> None:
        if self.cursor < 0 or self.cursor >= len(self._rows):
            self.cursor = len(self._rows) - 1
        if self._focus_by_mouse:
            self._focus_by_mouse = False
            self.refresh()  # the cursor row's colour
        elif self._rows:
            self._move_to(self.cursor)

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if self._bar_pressed:
            self._bar_pressed = False
            return  # the scrollbar was used: nothing to select
        line = int(self.scroll_offset.y) + event.y
        if 0 <= line < self._total:
            self._move_to(bisect_right(self._offsets, line) - 1)
