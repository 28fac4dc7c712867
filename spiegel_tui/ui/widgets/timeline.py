"""The remark timeline: a Line-API scroll view that renders only the rows on screen.

One widget per remark is far too slow for a long meeting (field notes: ListView
needs 24 s for 5,000 rows). Here a remark is a few wrapped lines computed once per
width; ``render_line`` finds the remark for a screen line with a binary search, so
10,000 remarks scroll, append and repaint as fast as ten.

The vertical scrollbar is drawn here too, as the last column of each line: Textual's
ScrollBar widget rebuilt all of its rows whenever the meeting grew by a remark, which
was a quarter of the time from Enter to the remark on screen.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from math import ceil
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip

from spiegel_tui.capture.tokens import FLAG_CHARS
from spiegel_tui.model import Kind, Remark

MIN_TEXT_WIDTH = 12
KIND_MARKS: dict[Kind, tuple[str, str]] = {
    Kind.NOTE: ("·", "timeline--note"),
    Kind.POSITIVE: ("+", "timeline--positive"),
    Kind.IMPROVEMENT: ("!", "timeline--improvement"),
    Kind.WISH: ("?", "timeline--wish"),
}
STAR = "★"
PRIVATE = "⊘"
#: Scrollbar cells, by what they show: nothing to scroll, track above or below the
#: thumb, thumb; a thumb end that covers part of a cell adds its eighths (1-7).
NO_BAR, ABOVE, THUMB, BELOW, THUMB_TOP, THUMB_END = 0, 1, 2, 3, 10, 20
#: Textual's own glyphs for the ends of a thumb, so the bar looks as it always did.
EIGHTHS = ScrollBarRender.VERTICAL_BARS


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap into ``(start, end)`` slices of at most ``width`` cells.

    Words longer than a line are cut. Cheap enough to run over 10,000 remarks on a
    resize (pure ASCII takes a fast path).
    """
    width = max(1, width)
    simple = text.isascii()
    # No cell_len() on whole texts: Rich caches its answers, 0.8 MB at 10,000 remarks.
    if len(text) <= width and (simple or 2 * len(text) <= width):
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        while start < end_of_text and text[start] == " ":
            start += 1
        if start >= end_of_text:
            break
        if simple:
            end = min(start + width, end_of_text)
        else:
            end, cells = start, 0
            while end < end_of_text:
                size = get_character_cell_size(text[end])
                if cells + size > width:
                    break
                cells += size
                end += 1
            end = max(end, start + 1)
        if end >= end_of_text:
            stop = end_of_text
            while stop > start and text[stop - 1] == " ":
                stop -= 1
            lines.append((start, stop))
            break
        cut = end if text[end] == " " else text.rfind(" ", start, end)
        if cut <= start:
            cut = end
        stop = cut
        while stop > start and text[stop - 1] == " ":
            stop -= 1  # no trailing spaces: they would take the cursor row's colour
        lines.append((start, stop))
        start = cut
    return lines or [(0, 0)]


class Timeline(ScrollView, can_focus=True):
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

    COMPONENT_CLASSES: ClassVar[set[str]] = {
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
    BINDINGS: ClassVar[list[BindingType]] = [
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

    # Layout ----------------------------------------------------------------
    #
    # For every row only its height is kept (a list of ints: 10,000 remarks cost
    # 80 KB, not the 4.8 MB that keeping every wrapped line took); the wrapped lines
    # are computed for the rows on screen and kept in a small cache.

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
        self.set_reactive(Timeline.virtual_size, size)
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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich_styles.clear()
        self._strips.clear()
        self._bar_segments.clear()

    # Rendering -------------------------------------------------------------
    #
    # Scrolling by one line (each new remark at the bottom) repaints the whole
    # view; strips are cached per remark line, so only the new lines are built.

    def _style(self, name: str) -> Style:
        """The widget's own style with a component's on top (cached per theme)."""
        style = self._rich_styles.get(name)
        if style is None:
            base = self._rich_styles.get("")
            if base is None:
                base = self._rich_styles[""] = self.rich_style
            style = base if not name else base + self.get_component_rich_style(name)
            self._rich_styles[name] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual passes every line through its styles cache (border, padding, tint,
        # opacity), 20-40 us a line: a third of a frame when the view scrolls by one
        # line for a new remark. The timeline has none of those, and its lines are
        # already cached with their background: they go to the screen as they are.
        if not self._plain():
            return super().render_lines(crop)
        # Lines not refreshed since they were last drawn are handed out again: the
        # screen asks for all of them when the heard panel beside us is repainted.
        drawn, stale = self._drawn, self._stale
        render_line = self.render_line
        strips: list[Strip] = []
        self._frame = self._view_state()  # the same for every line of this pass
        try:
            for y in crop.line_range:
                strip = drawn.get(y)
                if strip is None or y in stale:
                    strip = drawn[y] = render_line(y)
                strips.append(strip)
        finally:
            self._frame = None
        stale.difference_update(crop.line_range)
        filters = self.get_line_filters()
        if filters:
            background = self.background_colors[1]
            for line_filter in filters:
                strips = [strip.apply_filter(line_filter, background) for strip in strips]
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _plain(self) -> bool:
        """True if Textual's styles would leave the lines as render_line made them."""
        styles = self.styles
        return (
            not styles.gutter
            and not any(edge for edge, _ in styles.outline)
            and styles.tint.a == 0
            and styles.text_opacity == 1
            and self.opacity == 1
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and self._border_title is None
            and self._border_subtitle is None
        )

    def _set_dirty(self, *regions: Region) -> None:
        # Every repaint request passes here (refresh, scroll, resize, style change).
        super()._set_dirty(*regions)
        if regions:
            for region in regions:
                self._stale.update(region.line_range)
        else:
            self._drawn.clear()

    def _view_state(self) -> tuple[int, int, bool, list[int]]:
        """First line shown, width, focus and scrollbar cells: what every line needs."""
        view = self.scrollable_content_region
        return self.scroll_offset.y, view.width, self.has_focus, self._bar_column_now(view.height)

    def render_line(self, y: int) -> Strip:
        top, width, focused, bar_cells = self._frame or self._view_state()
        line = top + y
        text_width = width - 1
        base = self._style("")
        bar = bar_cells[y] if 0 <= y < len(bar_cells) else NO_BAR
        if line >= self._total or not self._rows:
            if y == 0 and self._hint and not self._rows:
                hint = Segment(" " + self._hint, self._style("timeline--hint"))
                text = Strip([hint]).crop_extend(0, text_width, base)
            else:
                text = Strip.blank(text_width, base)
            return Strip([*text, self._bar_segment(bar)], width)
        index = bisect_right(self._offsets, line) - 1
        remark = self._rows[index]
        sub = line - self._offsets[index]
        cursor = index == self.cursor and focused
        key = (id(remark), sub, width, cursor, bar, self._bar_state)
        cached = self._strips.get(key)
        if cached is not None and cached[0] is remark:
            return cached[1]
        segments = self._segments(remark, sub)
        if cursor:
            background = Style(bgcolor=self._style("timeline--cursor").bgcolor)
            segments = list(Segment.apply_style(segments, post_style=background))
            base = base + background
        text = Strip(segments).crop_extend(0, text_width, base)
        strip = Strip([*text, self._bar_segment(bar)], width)
        self._strips[key] = (remark, strip)
        return strip

    # The scrollbar -----------------------------------------------------------
    #
    # One cell per line, computed as Textual's ScrollBarRender does (a thumb in
    # eighths of a cell), so it looks and moves the same.

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

    def _segments(self, remark: Remark, sub: int) -> list[Segment]:
        lines = self._lines_of(remark)
        if sub >= len(lines):
            return []
        start, end = lines[sub]
        body = self._body(remark)
        style = self._style
        segments: list[Segment] = []
        if sub == 0:
            mark, mark_style = KIND_MARKS[remark.kind]
            who = self._names.get(remark.participant or "", remark.participant or "—")
            who_style = "timeline--who" if remark.participant else "timeline--nobody"
            segments += [
                Segment(f"{remark.at:%H:%M} ", style("timeline--time")),
                Segment(mark, style(mark_style)),
                Segment(STAR if remark.starred else " ", style("timeline--star")),
                Segment(PRIVATE if remark.private else " ", style("timeline--private")),
                Segment(" ", style("")),
                Segment(_fit(who, self._who_width) + " ", style(who_style)),
            ]
        else:
            segments.append(Segment(" " * self._prefix_width, style("")))
        orgs_end = len(self._orgs_label(remark))
        text_style = style("timeline--private-text" if remark.private else "")
        if start < orgs_end:
            segments.append(Segment(body[start : min(end, orgs_end)], style("timeline--orgs")))
        if end > orgs_end:
            segments.append(Segment(body[max(start, orgs_end) : end], text_style))
        return segments

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

    # The scrollbar's mouse: as Textual's, a click on the track pages, the thumb drags.

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


def _known_height(known: tuple[str, list[str], int] | None, remark: Remark) -> int:
    if known is not None and known[0] == remark.text and known[1] == remark.organisations:
        return known[2]
    return -1


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…" + " " * (width - 1 - cell_len(text))
