"""The timeline's layout: rows, their heights and first lines, the virtual size.

For every row only its height is kept (a list of ints: 10,000 remarks cost 80 KB,
not the 4.8 MB that keeping every wrapped line took); the wrapped lines are computed
for the rows on screen and kept in a small cache.
"""

from __future__ import annotations

from array import array

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip

from spiegel_tui.model import Remark
from spiegel_tui.ui.widgets.timeline.scrollbar import TimelineScrollbar
from spiegel_tui.ui.widgets.timeline.wrap import wrap

MIN_TEXT_WIDTH = 12


class TimelineLayout(TimelineScrollbar):
    """The layout's part of :class:`~spiegel_tui.ui.widgets.timeline.Timeline`."""

    # Set by the widget (see Timeline.__init__).
    _rows: list[Remark]
    _offsets: array[int]
    _heights: list[int]
    _wraps: LRUCache[tuple[int, int], tuple[Remark, list[tuple[int, int]]]]
    _who_width: int
    _text_width: int
    _strips: LRUCache[tuple[int, int, int, bool, int, str], tuple[Remark, Strip]]
    _end_pending: bool
    follow: bool

    @property
    def _prefix_width(self) -> int:
        # "19:42 +★⊘ Ouder 2   " : time, three marks, who, spaces.
        return 5 + 1 + 3 + 1 + self._who_width + 1

    def _measure(self, remark: Remark) -> int:
        return len(self._lines_of(remark, keep=False))

    def _lines_of(self, remark: Remark, *, keep: bool = True) -> list[tuple[int, int]]:
        key = (id(remark), self._text_width)
        cached = self._wraps.get(key)
        if cached is not None and cached[0] is remark:
            return cached[1]
        lines = wrap(self._body(remark), self._text_width)
        if keep:
            self._wraps[key] = (remark, lines)
        return lines

    @staticmethod
    def _orgs_label(remark: Remark) -> str:
        return "·".join(remark.organisations) + " " if remark.organisations else ""

    def _body(self, remark: Remark) -> str:
        return self._orgs_label(remark) + remark.text

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            return  # not laid out yet: on_resize will come
        text_width = max(MIN_TEXT_WIDTH, width - 1 - self._prefix_width)
        if text_width != self._text_width:
            self._text_width = text_width
            self._heights = [-1] * len(self._rows)
            self._wraps.clear()
        self._strips.clear()
        self._reflow()

    def _reflow(self) -> None:
        if not self._text_width:
            return
        offsets = array("q")
        total = 0
        heights = self._heights
        for index, remark in enumerate(self._rows):
            offsets.append(total)
            height = heights[index]
            if height < 0:
                height = heights[index] = self._measure(remark)
            total += height
        self._offsets, self._total = offsets, total
        self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self, *, repaint: bool = True) -> None:
        size = Size(self.scrollable_content_region.width, max(self._total, 1))
        if size == self.virtual_size:
            return
        if not self.is_mounted:
            self.virtual_size = size
            return
        # Our virtual size moves only our own scrollbar, drawn in our own column.
        # Setting the reactive asks for a layout of the whole screen (8-10 ms here, on
        # every new remark).
        shrunk = size.height < self.virtual_size.height
        self.set_reactive(TimelineLayout.virtual_size, size)
        if shrunk:
            self._scroll_update(size)  # scroll_y back within the remarks left
        if repaint:
            self.refresh()

    def _scroll_to_end(self, *, settle: bool = True) -> None:
        self.scroll_to(y=max(0, self._total - self.scrollable_content_region.height), animate=False)
        if settle and not self._end_pending:
            # The view's size may still change with the coming layout: check again then.
            self._end_pending = True
            self.call_after_refresh(self._settle_at_end)

    def _settle_at_end(self) -> None:
        self._end_pending = False
        self.scroll_to(y=self.max_scroll_y, animate=False)
        self.follow = True

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        if self.follow:
            self._scroll_to_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Not ScrollView's watcher: it moves Textual's scrollbar, which is not shown.
        if round(old_value) != round(new_value):
            self.refresh()
        else:
            self._refresh_bar()  # a part of a line: only the thumb may move
        self.follow = new_value >= self._total - self.scrollable_content_region.height - 0.5


def _known_height(known: tuple[str, list[str], int] | None, remark: Remark) -> int:
    if known is not None and known[0] == remark.text and known[1] == remark.organisations:
        return known[2]
    return -1
