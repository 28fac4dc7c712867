"""Every key of the wrap-up screen, for '?': the footer has room for only a few."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

#: (where, key, what it does). The README's key table is this list.
WRAPUP_KEYS: tuple[tuple[str, str, str], ...] = (
    ("opmerkingen", "spatie", "opmerking markeren / niet meer markeren"),
    ("opmerkingen", "enter", "kernpunt maken van de gemarkeerde (of deze) opmerking(en)"),
    ("opmerkingen", "a", "gemarkeerde opmerkingen toevoegen aan het kernpunt rechts"),
    ("opmerkingen", "s", "filter op soort: alles, belangrijk, verbeterpunten, positief, wensen"),
    ("opmerkingen", "d", "filter op deelnemer"),
    ("opmerkingen", "u", "alle markeringen weg"),
    ("kernpunten", "enter", "kernpunt herformuleren (ctrl+s bewaart, escape annuleert)"),
    ("kernpunten", "n", "nieuw kernpunt, zelf geschreven"),
    ("kernpunten", "[ en ]", "kernpunt omhoog / omlaag"),
    ("kernpunten", "spatie, m", "kernpunten markeren, dan samenvoegen tot één"),
    ("kernpunten", "x of delete", "kernpunt verwijderen (vraagt eerst)"),
    ("kernpunten", "b", "kernpunt bevestigen na een vertrouwelijk gemaakte opmerking"),
    ("inleiding", "ctrl+s", "het concept overnemen als eigen tekst"),
    ("inleiding", "ctrl+n", "nieuw concept uit de opzet (vraagt eerst bij eigen tekst)"),
    ("overal", "tab", "naar het volgende veld of de volgende lijst"),
    ("overal", "ctrl+t", "volgend tabblad"),
    ("overal", "ctrl+o", "Word-document opslaan in de map waar Spiegel gestart is"),
    ("overal", "ctrl+r", "exporteren: formaat, bijlage en bestand kiezen"),
    ("overal", "f5", "nabespreking: per kernpunt en organisatie herkend, besluit, acties"),
    ("overal", "ctrl+g, f1, ?", "deze lijst (? niet in een tekstveld)"),
    ("overal", "escape", "terug; alles is al bewaard"),
)


class WrapUpKeys(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,enter,ctrl+g,f1", "close", "Sluiten"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="wrapup-keys"):
            yield Label("Toetsen bij het afronden", classes="dialog-title")
            with VerticalScroll():
                yield Static(self._table(), markup=False)
            yield Static("escape: sluiten", classes="dialog-keys")

    @staticmethod
    def _table() -> str:
        lines: list[str] = []
        where = ""
        for place, key, what in WRAPUP_KEYS:
            if place != where:
                lines.append(("" if not lines else "\n") + place.capitalize())
                where = place
            lines.append(f"  {key:<12} {what}")
        return "\n".join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
