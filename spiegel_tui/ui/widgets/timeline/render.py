"""Drawing the timeline's lines: a remark's wrapped rows with their marks, cached.

Scrolling by one line (each new remark at the bottom) repaints the whole view;
strips are cached per remark line, so only the new lines are built.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from spiegel_tui.model import Kind, Remark
from spiegel_tui.ui.widgets.timeline.layout import TimelineLayout
from spiegel_tui.ui.widgets.timeline.scrollbar import NO_BAR

KIND_MARKS: dict[Kind, tuple[str, str]] = {
    Kind.NOTE: ("·", "timeline--note"),
    Kind.POSITIVE: ("+", "timeline--positive"),
    Kind.IMPROVEMENT: ("!", "timeline--improvement"),
    Kind.WISH: ("?", "timeline--wish"),
}
STAR = "★"
PRIVATE = "⊘"


class TimelineRendering(TimelineLayout):
    """The drawing part of :class:`~spiegel_tui.ui.widgets.timeline.Timeline`."""

    # Set by the widget (see Timeline.__init__).
    _drawn: dict[int, Strip]
    _stale: set[int]
    _frame: tuple[int, int, bool, list[int]] | None
    _names: dict[str, str]
    _hint: str
    _rich_styles: dict[str, Style]
    cursor: int

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich_styles.clear()
        self._strips.clear()
        self._bar_segments.clear()

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


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with an ellipsis) to exactly ``width`` cells."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…" + " " * (width - 1 - cell_len(text))
