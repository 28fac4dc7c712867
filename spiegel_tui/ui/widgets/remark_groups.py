"""The wrap-up's source remarks: grouped by organisation, filterable, markable.

One OptionList, not a widget per remark: a long meeting can hold hundreds of starred
remarks, improvement points and wishes, and OptionList stays fast at thousands of rows
(field notes). Group titles and private remarks are disabled options, so the cursor
skips them: a private remark can be read but never marked or made into a point.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from spiegel_tui.model import Kind, Meeting, Remark
from spiegel_tui.outcome.sources import (
    KIND_CHOICES,
    PRIVATE_KEY,
    SourceFilter,
    SourceGroup,
    kind_choice_label,
    next_choice,
    participant_choice_label,
    participant_choices,
    source_groups,
)
from spiegel_tui.textclean import clean_line

KIND_STYLES = {
    Kind.POSITIVE: "$text-success",
    Kind.IMPROVEMENT: "$text-warning",
    Kind.WISH: "$text-accent",
    Kind.NOTE: "$text-muted",
}

EMPTY = "Geen opmerkingen bij dit filter."


def _remark_id(option_id: str | None) -> int | None:
    """Option ids are "group:remark" (a remark can sit in several groups)."""
    if not option_id or option_id.startswith("h:"):
        return None
    return int(option_id.rsplit(":", 1)[1])


class SourceList(OptionList):
    """Starred remarks, improvement points, positives and wishes, by organisation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.make_point", "Kernpunt"),
        Binding("space", "toggle_mark", "Markeer"),
        Binding("a", "screen.attach_to_point", "Toevoegen"),
        # Shown with their current value in the list's bottom border instead.
        Binding("s", "cycle_kind", "Soort", show=False),
        Binding("d", "cycle_participant", "Deelnemer", show=False),
        Binding("u", "clear_marks", "Markeringen weg", show=False),
    ]

    def __init__(self, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.meeting = meeting
        self.filter = SourceFilter()
        #: Marked remark ids; a dict keeps the order they were marked in.
        self.marked: dict[int, None] = {}
        #: Remark id -> numbers of the key points made from it.
        self.used: dict[int, list[int]] = {}
        self._options_of: dict[int, list[str]] = {}
        self._remarks = {r.id: r for r in meeting.remarks if r.id is not None}
        self._order = {r.id: n for n, r in enumerate(meeting.remarks) if r.id is not None}

    def on_mount(self) -> None:
        self.border_title = "Opmerkingen"
        self.rebuild()

    # What the screen asks ---------------------------------------------------

    def highlighted_remark(self) -> Remark | None:
        option = self.highlighted_option
        remark_id = _remark_id(option.id) if option and not option.disabled else None
        return self._remarks.get(remark_id) if remark_id is not None else None

    def chosen_remarks(self) -> list[Remark]:
        """The marked remarks in capture order, or else the highlighted one."""
        if self.marked:
            marked = sorted(
                (i for i in self.marked if i in self._remarks), key=self._order.__getitem__
            )
            return [self._remarks[i] for i in marked]
        remark = self.highlighted_remark()
        return [remark] if remark else []

    def clear_marks(self) -> None:
        ids = list(self.marked)
        self.marked.clear()
        self._refresh_remarks(ids)

    def set_used(self, used: dict[int, list[int]]) -> None:
        changed = [i for i in set(self.used) | set(used) if self.used.get(i) != used.get(i)]
        self.used = used
        self._refresh_remarks(changed)

    def reload(self, meeting: Meeting) -> None:
        """The meeting as reloaded (another instance changed remarks): marks on
        remarks that are gone or now private are dropped."""
        self.meeting = meeting
        self._remarks = {r.id: r for r in meeting.remarks if r.id is not None}
        self._order = {r.id: n for n, r in enumerate(meeting.remarks) if r.id is not None}
        for remark_id in list(self.marked):
            remark = self._remarks.get(remark_id)
            if remark is None or remark.private or remark.deleted:
                del self.marked[remark_id]
        self.rebuild()

    # Building ----------------------------------------------------------------

    def rebuild(self) -> None:
        """Fill the list for the current filter, keeping the cursor on its remark."""
        current = self.highlighted_option.id if self.highlighted_option else None
        groups = source_groups(self.meeting, self.filter)
        options: list[Option] = []
        self._options_of = {}
        for group in groups:
            options.append(self._header(group))
            for remark in group.remarks:
                if remark.id is None:
                    continue
                option_id = f"{group.key}:{remark.id}"
                self._options_of.setdefault(remark.id, []).append(option_id)
                options.append(
                    Option(
                        self._prompt(remark, group.private), id=option_id, disabled=group.private
                    )
                )
        if not groups:
            options.append(Option(Content.styled(EMPTY, "italic $text-muted"), disabled=True))
        self.set_options(options)
        self._restore_cursor(current)
        self._update_subtitle()

    def _restore_cursor(self, option_id: str | None) -> None:
        index = None
        if option_id is not None:
            try:
                index = self.get_option_index(option_id)
            except OptionDoesNotExist:  # filtered away
                index = None
        if index is None or self.get_option_at_index(index).disabled:
            self.action_first()
        else:
            self.highlighted = index

    def _header(self, group: SourceGroup) -> Option:
        style = "bold $text-error" if group.private else "bold $text-primary"
        title = clean_line(group.title)
        return Option(
            Content.styled(f"{title} ({len(group.remarks)})", style),
            id=f"h:{group.key}",
            disabled=True,
        )

    def _prompt(self, remark: Remark, private: bool) -> Content:
        assert remark.id is not None
        parts: list[str | tuple[str, str]] = []
        if not private:
            if remark.id in self.marked:
                parts.append(("[x] ", "bold $text-accent"))
            else:
                parts.append(("[ ] ", "$text-muted"))
        if remark.starred:
            parts.append(("★ ", "$text-warning"))
        parts.append((remark.kind.label, KIND_STYLES[remark.kind]))
        person = self.meeting.participant(remark.participant)
        if person is not None:
            parts.append((f" · {clean_line(person.pseudonym)}", "$text-muted"))
        if numbers := self.used.get(remark.id):
            parts.append((" → " + ",".join(map(str, numbers)), "bold $text-success"))
        parts.append(": ")
        parts.append(" ".join(clean_line(remark.text).split()))
        return Content.assemble(*parts)

    def _refresh_remarks(self, remark_ids: list[int]) -> None:
        for remark_id in remark_ids:
            remark = self._remarks.get(remark_id)
            for option_id in self._options_of.get(remark_id, []):
                if remark is not None:
                    private = option_id.startswith(f"{PRIVATE_KEY}:")
                    self.replace_option_prompt(option_id, self._prompt(remark, private))
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        """The filter (with its keys) below, counts above: 80 columns hold both."""
        title = f"Opmerkingen ({len(self._options_of)})"
        if self.marked:
            title += f" · {len(self.marked)} gemarkeerd"
        self.border_title = title
        self.border_subtitle = (
            f"s {kind_choice_label(self.filter.kind)} · "
            f"d {participant_choice_label(self.meeting, self.filter.participant)}"
        )

    # Actions -----------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        remark = self.highlighted_remark()
        if remark is None or remark.id is None:
            return
        if remark.id in self.marked:
            del self.marked[remark.id]
        else:
            self.marked[remark.id] = None
        self._refresh_remarks([remark.id])
        self._cursor_to_next()

    def _cursor_to_next(self) -> None:
        """Like a file manager, marking moves on (without wrapping to the top)."""
        start = (self.highlighted or 0) + 1
        for index in range(start, self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def action_clear_marks(self) -> None:
        self.clear_marks()

    def action_cycle_kind(self) -> None:
        kind = next_choice(KIND_CHOICES, self.filter.kind)
        self.filter = SourceFilter(kind, self.filter.participant)
        self.rebuild()

    def action_cycle_participant(self) -> None:
        who = next_choice(participant_choices(self.meeting), self.filter.participant)
        self.filter = SourceFilter(self.filter.kind, who)
        self.rebuild()
