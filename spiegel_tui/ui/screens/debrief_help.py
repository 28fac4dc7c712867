"""The debrief screen's detail pane text and its list of keys (ctrl+g)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from spiegel_tui.model import Decision
from spiegel_tui.setup.form import format_date
from spiegel_tui.textclean import clean_line

if TYPE_CHECKING:
    from spiegel_tui.outcome.debrief import Cell, DebriefSession

#: About two lines of the detail pane at 80 columns.
POINT_CHARS = 150

#: (where, key, what it does). The README's key table is this list.
DEBRIEF_KEYS: tuple[tuple[str, str, str], ...] = (
    ("rij", "↑ ↓", "volgende organisatie of kernpunt"),
    ("herkend", "h d n o", "herkend, deels herkend, niet herkend, onbekend"),
    ("besluit", "a", "gaat ermee aan de slag"),
    ("besluit", "b", "is er al mee bezig"),
    ("besluit", "g", "doet er niets mee (vraagt de reden)"),
    ("besluit", "u", "nog niet besloten"),
    ("tekst", "t", "wat de toehoorders zeiden"),
    ("tekst", "r", "de reden (bij geen actie)"),
    ("acties", "v", "nieuwe actie: actie / eigenaar / deadline"),
    ("acties", "e", "laatste actie wijzigen"),
    ("acties", "x", "laatste actie verwijderen (vraagt eerst)"),
    ("overal", "p", "planning: nabespreking / brief / terugkoppeling"),
    ("overal", "ctrl+t", "vrije notities van de nabespreking, en terug"),
    ("overal", "enter", "in de regel: bewaren"),
    ("overal", "escape", "regel sluiten (vraagt bij getypte tekst); terug"),
    ("overal", "ctrl+g, f1", "deze lijst"),
)


def keys_table() -> str:
    lines: list[str] = []
    where = ""
    for place, key, what in DEBRIEF_KEYS:
        if place != where:
            lines.append(("" if not lines else "\n") + place.capitalize())
            where = place
        lines.append(f"  {key:<12} {what}")
    return "\n".join(lines)


class DebriefKeys(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("escape,q,question_mark,enter,ctrl+g,f1", "close", "Sluiten"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="debrief-keys"):
            yield Label("Toetsen bij de nabespreking", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table(), markup=False)
            yield Static("escape: sluiten", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


def fit(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut with an ellipsis."""
    line = clean_line(text)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def detail_text(session: DebriefSession, cell: Cell, width: int = 78) -> Text:
    """What the row under the cursor holds, in full."""
    response = session.response(cell)
    total = len(session.meeting.outcome.key_points) if session.meeting else 0
    text = Text()
    text.append(
        f"Kernpunt {cell.index + 1} van {total} · {clean_line(cell.organisation.name)}"
        f" · {session.answered()}/{len(session.cells)} besproken\n",
        style="bold",
    )
    point = clean_line(cell.point.text)
    # Two lines of the point at most: the answers below are what is being typed.
    if len(point) > POINT_CHARS:
        point = point[: POINT_CHARS - 1].rstrip() + "…"
    text.append(point + "\n", style="italic")
    text.append(f"Herkend: {response.recognition.label} · Besluit: {response.decision.label}\n")
    if response.note:
        text.append(fit(f"Toehoorders: {response.note}", width) + "\n")
    if response.decision == Decision.NO_ACTION or response.reason:
        text.append(fit(f"Reden: {response.reason or '(nog geen reden: r)'}", width) + "\n")
    for number, action in enumerate(response.actions, 1):
        owner = clean_line(action.owner) or "geen eigenaar"
        due = format_date(action.due) if action.due else "geen deadline"
        # One line per action, so every action of the row shows.
        text.append(
            fit(f"{number}. {action.status.label} · {due} · {owner} · {action.text}", width) + "\n"
        )
    if not response.actions:
        text.append("Nog geen acties (v voegt er een toe).", style="dim")
    return text
