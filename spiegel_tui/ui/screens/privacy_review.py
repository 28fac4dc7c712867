"""The re-identification check before a document is written: the findings in context,
one at a time, each answered with one key.

v  replace with the neutral wording (editable first; applied in the document, the
   stored text stays as typed)
b  edit the text itself (the wrap-up's checked change path; the check then runs again)
a  accept: not identifying
Escape stops the export; nothing is written. Answers are stored at once, per meeting,
so the next export does not ask again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from spiegel_tui.errors import SpiegelError
from spiegel_tui.ui.screens.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from spiegel_tui.privacy.findings import Finding

NOT_EDITABLE = (
    "Dit is een opmerking of het onderwerp zoals getypt; Spiegel verandert die niet. "
    "Kies v (vervangen in het document) of a (accepteren)."
)
#: What the review dismisses with besides None (stopped): all answered, or edit one.
DONE = "done"


@dataclass(frozen=True)
class ReviewItem:
    finding: Finding
    where: str
    context: str
    #: Whether ``b`` can open the text (key points and the outcome's own texts).
    editable: bool


class PrivacyReview(ModalScreen["str | Finding | None"]):
    """Dismisses with :data:`DONE`, a finding to edit (``b``), or None (escape)."""

    #: The one-key answers belong to the screen; the input gets focus only for ``v``.
    AUTO_FOCUS = None
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("v", "replace", "Vervangen"),
        Binding("b", "edit", "Bewerken"),
        Binding("a", "accept", "Accepteren"),
        Binding("escape", "stop", "Stoppen"),
    ]

    def __init__(
        self, items: Sequence[ReviewItem], answer: Callable[[Finding, str, str], None]
    ) -> None:
        super().__init__(classes="dialog")
        self.items = list(items)
        self.index = 0
        #: Stores one answer: (finding, 'replaced' | 'accepted', replacement).
        self.answer = answer
        self.replacing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="privacy-review"):
            yield Label("Controle op herleidbaarheid", classes="dialog-title")
            yield Static("", id="privacy-where", markup=False)
            yield Static("", id="privacy-context", classes="dialog-message", markup=False)
            yield Static("", id="privacy-suggestion", markup=False)
            yield Input(id="privacy-replacement", disabled=True)
            yield Static("", id="privacy-keys", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> ReviewItem:
        return self.items[self.index]

    def _show(self) -> None:
        item = self.current
        finding = item.finding
        self.query_one("#privacy-where", Static).update(
            f"Bevinding {self.index + 1} van {len(self.items)}: "
            f"{finding.kind.value} in {item.where}"
        )
        self.query_one("#privacy-context", Static).update(item.context)
        self.query_one("#privacy-suggestion", Static).update(
            f"Voorstel: “{finding.found}” wordt “{finding.replacement}”"
        )
        field = self.query_one("#privacy-replacement", Input)
        field.display = self.replacing
        # Disabled, it cannot take the focus (or the letters meant as answers).
        field.disabled = not self.replacing
        keys = (
            "enter: vervangen door deze tekst · escape: terug"
            if self.replacing
            else "v: vervangen · b: tekst bewerken · a: accepteren (niet herleidbaar) · "
            "escape: export stoppen"
        )
        self.query_one("#privacy-keys", Static).update(keys)
        if not self.replacing:
            self.set_focus(None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a replacement is typed, its letters belong to the input.
        return not (self.replacing and action in ("replace", "edit", "accept"))

    def _answered(self, answer: str, replacement: str = "") -> None:
        try:
            self.answer(self.current.finding, answer, replacement)
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet bewaard", severity="error")
            return
        self.replacing = False
        if self.index + 1 >= len(self.items):
            self.dismiss(DONE)
            return
        self.index += 1
        self._show()

    def action_replace(self) -> None:
        self.replacing = True
        field = self.query_one("#privacy-replacement", Input)
        field.value = self.current.finding.replacement
        self._show()
        field.focus()

    @on(Input.Submitted, "#privacy-replacement")
    def _replacement_given(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            self.app.notify("Geef een vervangende tekst, of kies a om te accepteren.")
            return
        self._answered("replaced", text)

    def action_accept(self) -> None:
        self._answered("accepted")

    def action_edit(self) -> None:
        if not self.current.editable:
            self.app.notify(NOT_EDITABLE, severity="warning", timeout=6)
            return
        self.dismiss(self.current.finding)

    def action_stop(self) -> None:
        if self.replacing:
            self.replacing = False
            self._show()
            return
        self.dismiss(None)


class TextEditor(ModalScreen["str | None"]):
    """One outcome text (introduction, closing texts) in an editor: ctrl+s keeps it."""

    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("ctrl+s", "keep", "Bewaren"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="text-editor"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.text, id="edited-text")
            yield Static("ctrl+s: bewaren · escape: annuleren", classes="dialog-keys")

    def on_mount(self) -> None:
        area = self.query_one("#edited-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one("#edited-text", TextArea).text)

    def action_cancel(self) -> None:
        if self.query_one("#edited-text", TextArea).text == self.text:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "U hebt in deze tekst getypt. Die tekst weggooien?",
                yes="Weggooien",
                no="Verder typen",
                title="Getypte tekst weggooien",
            ),
            answered,
        )


class PrivacyCommands(Provider):
    """The wrap-up's palette entry for the check on its own."""

    TITLE = "Controleren op herleidbaarheid"
    HELP = "namen, plaatsen, data en nummers in de teksten, voordat u exporteert"

    def _action(self) -> Callable[[], None] | None:
        return getattr(self.screen, "action_check_privacy", None)

    async def discover(self) -> Hits:
        action = self._action()
        if action is not None:
            yield DiscoveryHit(self.TITLE, action, help=self.HELP)

    async def search(self, query: str) -> Hits:
        action = self._action()
        matcher = self.matcher(query)
        score = matcher.match(self.TITLE)
        if action is not None and score > 0:
            yield Hit(score, matcher.highlight(self.TITLE), action, help=self.HELP)
