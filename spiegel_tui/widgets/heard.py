"""Who has been heard: remarks per present participant and per organisation.

The note-taker can tell the facilitator who has not spoken yet: zero counts stand
out. A strip of one or two lines on a small terminal; a side panel with names and
local labels on a wide one (the screen sets the ``-wide`` class on itself).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget

from ..model import Meeting, Remark


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
        self._lines = -1
        self._repaint_pending = False

    def recount(self, meeting: Meeting, remarks: Iterable[Remark]) -> None:
        """Count from scratch (after a load, edit or delete): 3 ms at 10,000."""
        self.meeting = meeting
        self.people = Counter()
        self.orgs = Counter()
        for remark in remarks:
            self._add(remark)
        self.refresh(layout=True)

    def count(self, remark: Remark) -> None:
        """One new remark. Redrawn a frame later: the new remark in the timeline first
        (this panel's render costs 1-2 ms of the Enter-to-screen time)."""
        self._add(remark)
        if not self._repaint_pending:
            self._repaint_pending = True
            self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        # A layout pass (the whole screen) only when the strip needs another line.
        self._repaint_pending = False
        lines = self._line_count()
        self.refresh(layout=lines != self._lines)
        self._lines = lines

    def _line_count(self) -> int:
        if self.wide or not self.size.width:
            return -1
        return len(self._render_strip().wrap(self.app.console, self.size.width))

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
            self.refresh()

    def select(self, participant: str | None, orgs: tuple[str, ...]) -> None:
        if (participant, orgs) != (self.current, self.current_orgs):
            self.current, self.current_orgs = participant, orgs
            self.refresh()

    @property
    def wide(self) -> bool:
        # The capture screen's breakpoint class: a side panel from 120 columns.
        return self.is_attached and self.screen.has_class("-wide")

    def render(self) -> Text:
        if self.meeting is None:
            return Text()
        return self._render_side() if self.wide else self._render_strip()

    def _number(self, number: int) -> Text:
        return Text(str(number), style=self.get_component_rich_style("heard--number"))

    def _count(self, count: int, width: int = 0, *, present: bool = True) -> Text:
        # Zero stands out only for someone in the room: they have not spoken yet.
        name = "heard--zero" if count == 0 and present else "heard--count"
        return Text(f"{count:>{width}}", style=self.get_component_rich_style(name))

    def _render_strip(self) -> Text:
        assert self.meeting is not None
        current = self.get_component_rich_style("heard--current")
        text = Text(no_wrap=False, overflow="fold")
        text.append("Gehoord ", self.get_component_rich_style("heard--title"))
        for number, person in enumerate(self.meeting.participants, 1):
            count = self.people[person.key]
            if not person.present and not count:
                continue
            item = Text.assemble(
                self._number(number),
                " ",
                Text(person.pseudonym, style=current if person.key == self.current else ""),
                " ",
                self._count(count),
            )
            text.append_text(item)
            text.append("  ")
        if self.meeting.organisations:
            text.append("│ ", self.get_component_rich_style("heard--title"))
            for org in self.meeting.organisations:
                style = current if org.key in self.current_orgs else ""
                text.append_text(Text.assemble(Text(org.key, style=style), " "))
                text.append_text(self._count(self.orgs[org.key]))
                text.append("  ")
        text.rstrip()
        return text

    def _render_side(self) -> Text:
        assert self.meeting is not None
        title = self.get_component_rich_style("heard--title")
        current = self.get_component_rich_style("heard--current")
        absent = self.get_component_rich_style("heard--absent")
        lines = [Text("Deelnemers", style=title)]
        for number, person in enumerate(self.meeting.participants, 1):
            count = self.people[person.key]
            name = Text(person.pseudonym)
            if person.label:
                name.append(f" ({person.label})", style="dim")
            if not person.present:
                name.append(" afwezig", style=absent)
            line = Text.assemble(
                self._count(count, 4, present=person.present), " ", self._number(number), " ", name
            )
            if person.key == self.current:
                line.stylize(current)
            lines.append(line)
        if self.people[None]:
            lines.append(Text(f"{self.people[None]:>4}   niemand genoemd", style="dim"))
        if self.meeting.organisations:
            lines += [Text(""), Text("Organisaties", style=title)]
            for number, org in enumerate(self.meeting.organisations, 1):
                count = self.orgs[org.key]
                line = Text.assemble(
                    self._count(count, 4), " ", self._number(number), f" {org.key} ", org.name
                )
                if org.key in self.current_orgs:
                    line.stylize(current)
                lines.append(line)
        if self.meeting.questions:
            lines += [Text(""), Text("Vragen", style=title)]
            for number, question in enumerate(self.meeting.questions, 1):
                mark = "▶" if question.key == self.question else " "
                line = Text(f"{mark}{number:>3} {question.text}")
                if question.key == self.question:
                    line.stylize(current)
                lines.append(line)
        text = Text("\n").join(lines)
        text.no_wrap, text.overflow = True, "ellipsis"
        return text
