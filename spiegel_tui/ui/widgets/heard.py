"""Who has been heard: remarks per present participant and per organisation.

The note-taker can tell the facilitator who has not spoken yet: zero counts stand
out. A strip of one or two lines on a small terminal; a side panel with names and
local labels on a wide one (the screen sets the ``-wide`` class on itself).

Every remark changes a count or two, so the panel is drawn in pieces: a participant
or organisation in the strip, a line in the side panel. Each piece is kept by what
it shows; a new remark draws only the pieces whose count changed and repaints only
their lines. (Drawn as one text, the panel took 2 ms a remark, the side panel 5.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from spiegel_tui.model import Meeting, Remark
from spiegel_tui.ui.widgets.timeline.wrap import wrap

#: A piece of the panel: what it shows (its key), and how to draw it if not kept.
Piece = tuple[Hashable, Callable[[], Text]]


class HeardPanel(Widget):
    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual reads a set
        "heard--title",
        "heard--zero",
        "heard--count",
        "heard--current",
        "heard--absent",
        "heard--number",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meeting: Meeting | None = None
        self.people: Counter[str | None] = Counter()
        self.orgs: Counter[str] = Counter()
        self.current: str | None = None
        self.current_orgs: tuple[str, ...] = ()
        self.question: str | None = None
        self._repaint_pending = False
        #: Drawn pieces by what they show (and width); emptied when the theme changes.
        self._pieces: LRUCache[tuple[Hashable, int | None], Strip] = LRUCache(256)
        #: The panel's lines as (key, strip), with the state they were laid out for.
        self._lines: tuple[Hashable, list[tuple[Hashable, Strip]]] | None = None
        #: Key of the line drawn on each row: a change repaints the rows it changes.
        self._on_screen: dict[int, Hashable] = {}
        #: Lines of the strip at the last layout pass (its height is "auto").
        self._laid_out = -1
        self._version = 0

    # Counting ----------------------------------------------------------------

    def recount(self, meeting: Meeting, remarks: Iterable[Remark]) -> None:
        """Count from scratch (after a load, edit or delete): 3 ms at 10,000."""
        self.meeting = meeting
        self.people = Counter()
        self.orgs = Counter()
        for remark in remarks:
            self._add(remark)
        self._version += 1
        self.refresh(layout=True)

    def count(self, remark: Remark) -> None:
        """One new remark. Redrawn a frame later: the new remark in the timeline first."""
        self._add(remark)
        self._version += 1
        if not self._repaint_pending:
            self._repaint_pending = True
            self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        self._repaint_pending = False
        self._changed()

    def _add(self, remark: Remark) -> None:
        if remark.deleted:
            return
        self.people[remark.participant] += 1
        for key in remark.organisations:
            self.orgs[key] += 1

    def show_question(self, key: str | None) -> None:
        # Questions show only in the side panel, whose size is fixed: no layout.
        if key != self.question:
            self.question = key
            self._version += 1
            self._changed()

    def select(self, participant: str | None, orgs: tuple[str, ...]) -> None:
        if (participant, orgs) != (self.current, self.current_orgs):
            self.current, self.current_orgs = participant, orgs
            self._version += 1
            self._changed()

    @property
    def wide(self) -> bool:
        # The capture screen's breakpoint class: a side panel from 120 columns.
        return self.is_attached and self.screen.has_class("-wide")

    # Drawing -------------------------------------------------------------------

    def _changed(self) -> None:
        """Repaint the lines that show something else now; lay out again if the
        strip needs another number of lines."""
        width = self.content_region.width
        if not width or self.meeting is None:
            self.refresh(layout=True)
            return
        lines = self._lines_for(width)
        if not self.wide and len(lines) != self._laid_out:
            self.refresh(layout=True)  # the side panel's height is fixed; the strip's not
            return
        on_screen = self._on_screen
        for y, (key, _) in enumerate(lines):
            if on_screen.get(y) != key:
                self.refresh(Region(0, y, width, 1))
        for y in [y for y in on_screen if y >= len(lines) and on_screen[y] is not None]:
            self.refresh(Region(0, y, width, 1))  # a line fewer: clear what it showed

    def _lines_for(self, width: int) -> list[tuple[Hashable, Strip]]:
        wide = self.wide
        state = (self._version, wide, width)
        if self._lines is None or self._lines[0] != state:
            if self.meeting is None:
                lines: list[tuple[Hashable, Strip]] = []
            elif wide:
                lines = [(key, self._piece(key, draw, width)) for key, draw in self._side()]
            else:
                lines = self._wrap(self._strip_items(), width)
            self._lines = (state, lines)
        return self._lines[1]

    def render_line(self, y: int) -> Strip:
        lines = self._lines_for(self.content_region.width)
        key, strip = lines[y] if y < len(lines) else (None, Strip([]))
        self._on_screen[y] = key
        return strip

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._laid_out = len(self._lines_for(width))
        return self._laid_out

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._pieces.clear()
        self._lines = None

    def _piece(self, key: Hashable, draw: Callable[[], Text], width: int | None = None) -> Strip:
        """One piece drawn as Textual draws text in this widget (kept by key)."""
        kept = self._pieces.get((key, width))
        if kept is None:
            text = draw()
            strips = Visual.to_strips(
                self, visualize(self, text), width or text.cell_len, 1, self.visual_style
            )
            kept = self._pieces[(key, width)] = strips[0] if strips else Strip([])
        return kept

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _number(self, number: int) -> Text:
        return Text(str(number), style=self._style("heard--number"))

    def _count(self, count: int, width: int = 0, *, present: bool = True) -> Text:
        # Zero stands out only for someone in the room: they have not spoken yet.
        name = "heard--zero" if count == 0 and present else "heard--count"
        return Text(f"{count:>{width}}", style=self._style(name))

    # The strip: "Gehoord 1 Ouder 1 4  2 Ouder 2 0  │ vt 8  rvdk 3", wrapped as text.

    def _strip_items(self) -> list[tuple[Piece | None, Piece]]:
        """(space before, item) in order: the strip's text, in pieces."""
        assert self.meeting is not None
        title = self._style("heard--title")
        title_gap: Piece = (("gap", " ", "title"), lambda: Text(" ", style=title))
        gap: Piece = (("gap", "  "), lambda: Text("  "))
        items: list[tuple[Piece | None, Piece]] = [
            (None, (("title", "Gehoord"), lambda: Text("Gehoord", style=title)))
        ]
        for number, person in enumerate(self.meeting.participants, 1):
            count = self.people[person.key]
            if not person.present and not count:
                continue
            current = person.key == self.current
            key = ("person", number, person.pseudonym, count, current)
            draw = self._person_item(number, person.pseudonym, count, current)
            items.append((title_gap if len(items) == 1 else gap, (key, draw)))
        if self.meeting.organisations:
            bar = (("title", "│"), lambda: Text("│", style=title))
            items.append((gap if len(items) > 1 else title_gap, bar))
            for index, org in enumerate(self.meeting.organisations):
                count = self.orgs[org.key]
                current = org.key in self.current_orgs
                key = ("org", org.key, count, current)
                items.append(
                    (
                        title_gap if index == 0 else gap,
                        (key, self._org_item(org.key, count, current)),
                    )
                )
        return items

    def _person_item(self, number: int, name: str, count: int, current: bool) -> Callable[[], Text]:
        def draw() -> Text:
            style = self._style("heard--current") if current else ""
            return Text.assemble(
                self._number(number), " ", Text(name, style=style), " ", self._count(count)
            )

        return draw

    def _org_item(self, key: str, count: int, current: bool) -> Callable[[], Text]:
        def draw() -> Text:
            style = self._style("heard--current") if current else ""
            return Text.assemble(Text(key, style=style), " ", self._count(count))

        return draw

    def _wrap(
        self, items: list[tuple[Piece | None, Piece]], width: int
    ) -> list[tuple[Hashable, Strip]]:
        """The items as one line of text, wrapped at spaces (long words are cut)."""
        strips: list[Strip] = []
        keys: list[Hashable] = []
        for gap, (key, draw) in items:
            if gap is not None:
                strips.append(self._piece(*gap))
            strips.append(self._piece(key, draw))
            keys.append(key)
        whole = Strip.join(strips)
        plain = whole.text
        # Line starts as the timeline wraps (the first line from the first column).
        starts = [0, *(start for start, _ in wrap(plain, width)[1:])]
        ends = [*starts[1:], len(plain)]
        state = tuple(keys)  # any change repaints the strip's (one to three) lines
        lines: list[tuple[Hashable, Strip]] = []
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            left = cell_len(plain[:start])
            right = left + min(width, cell_len(plain[start:end].rstrip()))
            lines.append(((state, index), whole.crop(left, right)))
        return lines

    # The side panel: a line per participant, organisation and question.

    def _side(self) -> list[Piece]:
        assert self.meeting is not None
        meeting = self.meeting
        lines: list[Piece] = [self._heading("Deelnemers")]
        for number, person in enumerate(meeting.participants, 1):
            key = (
                "person",
                number,
                person.pseudonym,
                person.label,
                person.present,
                self.people[person.key],
                person.key == self.current,
            )
            lines.append((key, self._person_line(*key[1:])))
        if nobody := self.people[None]:
            lines.append(
                (("nobody", nobody), lambda: self._line(f"{nobody:>4}   niemand genoemd", "dim"))
            )
        if meeting.organisations:
            lines += [(("blank",), lambda: self._line("")), self._heading("Organisaties")]
            for number, org in enumerate(meeting.organisations, 1):
                current = org.key in self.current_orgs
                key = ("org", number, org.key, org.name, self.orgs[org.key], current)
                lines.append((key, self._org_line(*key[1:])))
        if meeting.questions:
            lines += [(("blank",), lambda: self._line("")), self._heading("Vragen")]
            for number, question in enumerate(meeting.questions, 1):
                current = question.key == self.question
                key = ("question", number, question.text, current)
                lines.append((key, self._question_line(number, question.text, current)))
        return lines

    def _line(self, text: Text | str, style: str = "") -> Text:
        line = Text(text, style=style) if isinstance(text, str) else text
        line.no_wrap, line.overflow = True, "ellipsis"
        return line

    def _heading(self, title: str) -> Piece:
        return (
            ("heading", title),
            lambda: self._line(Text(title, style=self._style("heard--title"))),
        )

    def _person_line(
        self, number: int, name: str, label: str, present: bool, count: int, current: bool
    ) -> Callable[[], Text]:
        def draw() -> Text:
            shown = Text(name)
            if label:
                shown.append(f" ({label})", style="dim")
            if not present:
                shown.append(" afwezig", style=self._style("heard--absent"))
            line = Text.assemble(
                self._count(count, 4, present=present), " ", self._number(number), " ", shown
            )
            if current:
                line.stylize(self._style("heard--current"))
            return self._line(line)

        return draw

    def _org_line(
        self, number: int, key: str, name: str, count: int, current: bool
    ) -> Callable[[], Text]:
        def draw() -> Text:
            line = Text.assemble(self._count(count, 4), " ", self._number(number), f" {key} ", name)
            if current:
                line.stylize(self._style("heard--current"))
            return self._line(line)

        return draw

    def _question_line(self, number: int, text: str, current: bool) -> Callable[[], Text]:
        def draw() -> Text:
            mark = "▶" if current else " "
            line = Text(f"{mark}{number:>3} {text}")
            if current:
                line.stylize(self._style("heard--current"))
            return self._line(line)

        return draw
