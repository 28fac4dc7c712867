"""The key points being composed, numbered as they will appear in the document.

The list only shows points and which ones are marked; every change is made by the
wrap-up screen through :mod:`spiegel_tui.outcome.edit` and saved there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from spiegel_tui.model import KeyPoint
from spiegel_tui.textclean import clean_text

#: Under a point whose remark turned private or was deleted since it was written.
HELD = (
    "! Opmerking nu vertrouwelijk of verwijderd: buiten het document tot u "
    "herformuleert (enter) of bevestigt (b)."
)
EXCERPT = 110  # characters (at least) of a point that is not highlighted: ~3 lines


def sources_phrase(count: int) -> str:
    if count == 0:
        return "eigen tekst"
    return "uit 1 opmerking" if count == 1 else f"uit {count} opmerkingen"


class KeyPointList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.reword_point", "Wijzig"),
        Binding("n", "screen.new_point", "Nieuw"),
        # One footer entry for the pair; a Binding.Group loses its trailing space
        # in the compact footer.
        Binding("left_square_bracket", "screen.move_point(-1)", "Verplaats", key_display="[ ]"),
        Binding("right_square_bracket", "screen.move_point(1)", "Omlaag", show=False),
        Binding("delete,x", "screen.remove_point", "Verwijder", key_display="x"),
        Binding("space", "toggle_mark", "Markeer", show=False),
        Binding("m", "screen.merge_points", "Samenvoegen", show=False),
        Binding("b", "screen.confirm_point", "Bevestigen", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.points: list[KeyPoint] = []
        self.marked: set[int] = set()
        self._shown_in_full: int | None = None

    def show(self, points: Sequence[KeyPoint], highlight: int | None = None) -> None:
        """Show ``points``; marks are dropped, since positions change."""
        keep = self.highlighted if highlight is None else highlight
        self.points = list(points)
        self.marked.clear()
        self.highlighted = None
        self._shown_in_full = None
        self.set_options([Option(self._prompt(n)) for n in range(len(self.points))])
        if self.points:
            self.highlighted = min(keep or 0, len(self.points) - 1)
        self._update_titles()

    def _prompt(self, index: int) -> Content:
        point = self.points[index]
        parts: list[str | tuple[str, str]] = []
        if index in self.marked:
            parts.append(("[x] ", "bold $text-accent"))
        parts.append((f"{index + 1}. ", "bold"))
        text = clean_text(point.text).strip()
        # Only the highlighted point in full: with seed-length points a narrow pane
        # would otherwise show two of them, too few to see the order.
        limit = max(EXCERPT, 3 * (self.scrollable_content_region.width - 4))
        if index != self.highlighted and len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + " …"
        parts.append(text)
        parts.append((f" · {sources_phrase(len(point.remarks))}", "$text-muted"))
        if point.held_by:
            parts.append((f"\n{HELD}", "bold $text-warning"))
        return Content.assemble(*parts)

    def on_resize(self) -> None:
        # Excerpts are about three lines long, so they follow the width.
        for index in range(len(self.points)):
            self.replace_option_prompt_at_index(index, self._prompt(index))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        previous, self._shown_in_full = self._shown_in_full, event.option_index
        for index in {previous, event.option_index}:
            if index is not None and index < len(self.points):
                self.replace_option_prompt_at_index(index, self._prompt(index))

    def _update_titles(self) -> None:
        self.border_title = f"Kernpunten ({len(self.points)})"
        self.border_subtitle = f"{len(self.marked)} gemarkeerd" if self.marked else ""

    def action_toggle_mark(self) -> None:
        index = self.highlighted
        if index is None or not self.points:
            return
        self.marked ^= {index}
        self.replace_option_prompt_at_index(index, self._prompt(index))
        self._update_titles()
        if index + 1 < len(self.points):
            self.highlighted = index + 1
