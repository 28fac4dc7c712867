"""The timeline's vertical scrollbar, drawn as the last column of each line.

One cell per line, computed as Textual's ScrollBarRender does (a thumb in eighths of
a cell), so it looks and moves the same. Textual's ScrollBar widget rebuilt all of
its rows whenever the meeting grew by a remark, which was a quarter of the time from
Enter to the remark on screen. The mouse works as on Textual's: a click on the
track pages, the thumb drags.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender

#: Scrollbar cells, by what they show: nothing to scroll, track above or below the
#: thumb, thumb; a thumb end that covers part of a cell adds its eighths (1-7).
NO_BAR, ABOVE, THUMB, BELOW, THUMB_TOP, THUMB_END = 0, 1, 2, 3, 10, 20
#: Textual's own glyphs for the ends of a thumb, so the bar looks as it always did.
EIGHTHS = ScrollBarRender.VERTICAL_BARS


class TimelineScrollbar(ScrollView):
    """The scrollbar's part of :class:`~spiegel_tui.ui.widgets.timeline.Timeline`."""

    # Set by the widget (see Timeline.__init__).
    _total: int
    _bar_state: str
    _grab: tuple[int, float] | None
    _bar_pressed: bool
    _focus_by_mouse: bool
    _bar_cells: tuple[tuple[int, int, float], list[int]]
    _bar_segments: dict[tuple[int, str], Segment]
    _style: Callable[[str], Style]

    def _thumb(self, height: int) -> tuple[int, int, int, int] | None:
        """First cell of the thumb and its eighths, the cell after it and its eighths."""
        total = self._total
        if not height or total <= height:
            return None
        thumb = max(1.0, height * height / total)
        position = int(self.scroll_y * 8) / 8
        top = (height - thumb) * min(1.0, position / (total - height))
        start = int(top * 8)
        end = start + ceil(thumb * 8)
        return (*divmod(max(0, start), 8), *divmod(max(0, end), 8))

    def _bar_column_now(self, height: int) -> list[int]:
        key = (self._total, height, self.scroll_y)
        computed, cells = self._bar_cells
        if computed != key:
            cells = self._bar_column(height)
            self._bar_cells = (key, cells)
        return cells

    def _bar_column(self, height: int) -> list[int]:
        thumb = self._thumb(height)
        if thumb is None:
            return [NO_BAR] * height
        start, start_eighths, end, end_eighths = thumb
        cells = [ABOVE] * start + [THUMB] * (end - start) + [BELOW] * (height - end)
        if start_eighths and start < height:
            cells[start] = THUMB_TOP + start_eighths
        if end_eighths and end < height:
            cells[end] = THUMB_END + end_eighths
        return cells[:height]

    def _bar_segment(self, cell: int) -> Segment:
        key = (cell, self._bar_state)
        segment = self._bar_segments.get(key)
        if segment is None:
            segment = self._bar_segments[key] = self._make_bar_segment(cell)
        return segment

    def _make_bar_segment(self, cell: int) -> Segment:
        if cell == NO_BAR:
            return Segment(" ", self._style(""))
        styles = self.styles
        if self._bar_state == "grab":
            back, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._bar_state == "hover":
            back, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            back, color = styles.scrollbar_background, styles.scrollbar_color
        if back.a < 1:
            back = self.background_colors[0] + back
        color = back + color
        if cell in (ABOVE, BELOW):
            return Segment(" ", Style(bgcolor=back.rich_color))
        if cell == THUMB:
            return Segment(" ", Style(bgcolor=color.rich_color))
        if cell > THUMB_END:  # the thumb ends in this cell: bar colour on top
            glyph = EIGHTHS[len(EIGHTHS) - 1 - (cell - THUMB_END)]
            return Segment(glyph, Style(color=back.rich_color, bgcolor=color.rich_color))
        glyph = EIGHTHS[len(EIGHTHS) - 1 - (cell - THUMB_TOP)]
        return Segment(glyph, Style(color=color.rich_color, bgcolor=back.rich_color))

    def _refresh_bar(self) -> None:
        """Repaint the scrollbar's column if the thumb moved (not the whole view)."""
        view = self.scrollable_content_region
        computed, cells = self._bar_cells
        if computed[1] < 0:
            return  # never drawn
        if self._bar_column(view.height) != cells:
            self.refresh(Region(view.width - 1, 0, 1, view.height))

    def _over_bar(self, x: int, y: int) -> bool:
        view = self.scrollable_content_region
        return x == view.width - 1 and 0 <= y < view.height and self._thumb(view.height) is not None

    def _set_bar_state(self, state: str) -> None:
        if state != self._bar_state:
            self._bar_state = state
            view = self.scrollable_content_region
            self.refresh(Region(view.width - 1, 0, 1, view.height))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._bar_pressed = False
        view = self.scrollable_content_region
        thumb = self._thumb(view.height)
        if thumb is None or event.x != view.width - 1:
            return
        self._bar_pressed = True
        start, _, end, end_eighths = thumb
        if event.y < start:
            self.scroll_to(y=self.scroll_y - view.height, animate=False)
        elif event.y > end or (event.y == end and not end_eighths):
            self.scroll_to(y=self.scroll_y + view.height, animate=False)
        else:
            self._grab = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self._set_bar_state("grab")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grab is None:
            self._set_bar_state("hover" if self._over_bar(event.x, event.y) else "")
            return
        grabbed_at, scroll_y = self._grab
        height = max(1, self.scrollable_content_region.height)
        moved = (event.screen_y - grabbed_at) * self._total / height
        self.scroll_to(y=scroll_y + moved, animate=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._focus_by_mouse = False  # used by now, or the press did not focus
        if self._grab is not None:
            self._grab = None
            self.release_mouse()
            self._set_bar_state("hover" if self._over_bar(event.x, event.y) else "")

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        self._grab = None
        if self._bar_state == "grab":
            self._set_bar_state("")

    def on_leave(self, event: events.Leave) -> None:
        if self._grab is None:
            self._set_bar_state("")
