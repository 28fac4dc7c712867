"""Dialogs of the setup screen: one participant, one organisation.

They edit copies and return them; the setup screen decides what happens to the
meeting. Both are fully usable by keyboard: Tab between fields, enter or ctrl+s to
keep, escape to leave without changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from spiegel_tui.model import Organisation, Participant, Role
from spiegel_tui.setup.form import pseudonym_error, remarks_phrase, suggest_pseudonym
from spiegel_tui.setup.organisations import key_error, normalise_key
from spiegel_tui.textclean import clean_line

ROLE_LABELS: dict[Role, str] = {
    Role.OUDER: "ouder",
    Role.JONGERE: "jongere",
    Role.PLEEGOUDER: "pleegouder",
    Role.ANDERS: "anders",
}
LABEL_WARNING = "alleen op deze computer, komt nooit in een document"

_KEEP_KEYS: list[BindingType] = [
    Binding("ctrl+s", "keep", "Bewaren"),
    Binding("escape", "cancel", "Annuleren"),
    # Priority, as on the setup screen: focus moves before the next key is routed.
    Binding("tab", "app.focus_next", "Volgende veld", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Vorige veld", show=False, priority=True),
]


_T = TypeVar("_T")


class _KeepDialog(ModalScreen[_T | None], Generic[_T]):
    """A dialog that returns the edited item on keep (ctrl+s, Enter, the button), or None."""

    BINDINGS: ClassVar[list[BindingType]] = _KEEP_KEYS

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_keep()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "keep":
            self.action_keep()
        else:
            self.action_cancel()

    def action_keep(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoleChoice(RadioSet):
    """The role: arrow keys choose at once, starting from the current role.

    A plain RadioSet starts its highlight on the first button and needs space to
    choose; one key per change is quicker when adding a room full of people.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose(1)", "Volgende rol", show=False),
        Binding("up,left", "choose(-1)", "Vorige rol", show=False),
    ]

    def on_mount(self) -> None:
        # After RadioSet's own mount handler, which highlights the first button.
        self.call_after_refresh(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_choose(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class ParticipantDialog(_KeepDialog[Participant]):
    """Add or change one participant; returns the changed copy, or None."""

    def __init__(
        self,
        participant: Participant,
        *,
        organisations: Sequence[Organisation],
        other_pseudonyms: Sequence[str],
        is_new: bool,
    ) -> None:
        super().__init__(classes="dialog")
        self.participant = participant
        self.organisations = list(organisations)
        self.other_pseudonyms = list(other_pseudonyms)
        self.is_new = is_new
        # While the pseudonym is still the suggestion, a role change re-suggests it.
        self._suggested = participant.pseudonym if is_new else ""

    def compose(self) -> ComposeResult:
        person = self.participant
        title = "Nieuwe deelnemer" if self.is_new else f"Deelnemer {person.pseudonym}"
        with VerticalScroll(classes="dialog-box", id="participant-box"):
            yield Label(title, classes="dialog-title")
            with Horizontal(classes="dialog-row"):
                yield Label("Rol", classes="dialog-label")
                with RoleChoice(id="role", compact=True):
                    for role, text in ROLE_LABELS.items():
                        yield RadioButton(text, value=role == person.role, name=str(role))
            with Horizontal(classes="dialog-row"):
                yield Label("Pseudoniem", classes="dialog-label")
                yield Input(person.pseudonym, id="pseudonym", compact=True)
            yield Static("", id="pseudonym-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-row"):
                yield Label("Aanwezig", classes="dialog-label")
                yield Checkbox(
                    "aanwezig (uit = afgemeld)", person.present, id="present", compact=True
                )
            with Horizontal(classes="dialog-row dialog-row-tall"):
                yield Label("Ervaring met", classes="dialog-label")
                if self.organisations:
                    yield SelectionList[str](
                        *(
                            Selection(f"{o.name}  #{o.key}", o.key, o.key in person.organisations)
                            for o in self.organisations
                        ),
                        id="participant-orgs",
                    )
                else:
                    yield Static("(nog geen organisaties gekozen)", classes="dialog-hint")
            with Horizontal(classes="dialog-row"):
                yield Label("Label", classes="dialog-label")
                yield Input(person.label, id="label", placeholder="bv. voornaam", compact=True)
            yield Static(LABEL_WARNING, classes="dialog-hint label-warning")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Bewaren (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#pseudonym", Input).focus()

    @on(RadioSet.Changed, "#role")
    def _role_changed(self, event: RadioSet.Changed) -> None:
        pseudonym = self.query_one("#pseudonym", Input)
        if self._suggested and clean_line(pseudonym.value) == self._suggested:
            assert event.pressed.name is not None  # each role's button is named after it
            role = Role(event.pressed.name)
            self._suggested = suggest_pseudonym(role, self.other_pseudonyms)
            pseudonym.value = self._suggested

    def action_keep(self) -> None:
        pseudonym = clean_line(self.query_one("#pseudonym", Input).value)
        message = pseudonym_error(pseudonym, self.other_pseudonyms)
        if message:
            self.query_one("#pseudonym-error", Static).update(message)
            self.query_one("#pseudonym", Input).focus()
            return
        pressed = self.query_one("#role", RadioSet).pressed_button
        role = Role(pressed.name) if pressed and pressed.name else self.participant.role
        orgs = self.query("#participant-orgs")
        chosen = orgs.first(SelectionList).selected if orgs else []
        self.dismiss(
            Participant(
                key=self.participant.key,
                pseudonym=pseudonym,
                role=role,
                present=self.query_one("#present", Checkbox).value,
                organisations=[o.key for o in self.organisations if o.key in chosen],
                label=clean_line(self.query_one("#label", Input).value),
            )
        )


class OrganisationDialog(_KeepDialog[Organisation]):
    """Change an organisation's name and key; returns the changed copy, or None.

    The key cannot change once remarks use it: the store matches items by key, so a
    new key would cut those remarks loose from the organisation.
    """

    def __init__(
        self, organisation: Organisation, *, other_keys: Sequence[str], remark_count: int = 0
    ) -> None:
        super().__init__(classes="dialog")
        self.organisation = organisation
        self.other_keys = list(other_keys)
        self.remark_count = remark_count

    def compose(self) -> ComposeResult:
        org = self.organisation
        with Vertical(classes="dialog-box"):
            yield Label("Organisatie wijzigen", classes="dialog-title")
            with Horizontal(classes="dialog-row"):
                yield Label("Naam", classes="dialog-label")
                yield Input(org.name, id="org-name", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Label("Code  #", classes="dialog-label")
                yield Input(org.key, id="org-key", compact=True, disabled=self.remark_count > 0)
            if self.remark_count:
                yield Static(
                    f"De code staat al bij {remarks_phrase(self.remark_count)} "
                    "en blijft daarom hetzelfde.",
                    classes="dialog-hint",
                )
            else:
                yield Static(
                    "De code typt u tijdens het notuleren, bijvoorbeeld #vt.",
                    classes="dialog-hint",
                )
            yield Static("", id="org-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Bewaren (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#org-name", Input).focus()

    def action_keep(self) -> None:
        name = clean_line(self.query_one("#org-name", Input).value)
        key = normalise_key(self.query_one("#org-key", Input).value)
        if self.remark_count:
            key = self.organisation.key
        message = "Vul de naam van de organisatie in." if not name else None
        message = message or key_error(key, self.other_keys)
        if message:
            self.query_one("#org-error", Static).update(message)
            return
        self.dismiss(Organisation(key, name))
