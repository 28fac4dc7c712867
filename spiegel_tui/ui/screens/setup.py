"""Setup screen: the details of a new meeting, or of an existing one.

One scrolling form, Tab from field to field: meeting details, organisations (presets
to tick, others to type), participants (a table with a dialog per person), prepared
questions (one a line). ctrl+s validates and saves; nothing is written while any
field is wrong. Items keep their keys, so remarks already captured stay linked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import Meeting, Organisation, Participant
from spiegel_tui.setup.form import (
    CHECKED_FIELDS,
    FormErrors,
    build_meeting,
    describe_participant,
    format_date,
    format_names,
    format_time,
    remarks_phrase,
)
from spiegel_tui.setup.organisations import key_error, normalise_key, suggest_key
from spiegel_tui.setup.state import SetupState
from spiegel_tui.textclean import clean_line
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.setup_dialogs import (
    LABEL_WARNING,
    ROLE_LABELS,
    OrganisationDialog,
    ParticipantDialog,
)
from spiegel_tui.ui.screens.setup_follow import SetupFollow
from spiegel_tui.ui.styles import screen_stylesheet

if TYPE_CHECKING:
    from spiegel_tui.storage import MeetingStore
    from spiegel_tui.ui.app import SpiegelApp

#: Inputs taken as typed (cleaned); CHECKED_FIELDS each have an error line below.
PLAIN_FIELDS = ("location", "facilitators", "listeners")


class OrganisationList(SelectionList[int]):
    """Presets and typed organisations; ticked ones belong to the meeting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Aan/uit"),
        Binding("e", "screen.edit_organisation", "Wijzigen"),
    ]


class ParticipantTable(DataTable[str]):
    """The participants; enter opens one, the letters below act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Short descriptions: the footer also has to show ctrl+s at 80 columns.
        Binding("a", "screen.add_participant", "Toevoegen"),
        Binding("enter", "select_cursor", "Wijzigen", show=False),
        Binding("space", "screen.toggle_present", "Aanwezig"),
        Binding("x,delete", "screen.remove_participant", "Weg"),
        # In a list of rows, home/end mean the first and last row.
        Binding("home", "scroll_top", "Eerste", show=False),
        Binding("end", "scroll_bottom", "Laatste", show=False),
    ]


class SetupScreen(SetupFollow):
    CSS_PATH = screen_stylesheet("setup.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Opslaan"),
        Binding("escape", "cancel", "Annuleren"),
        # Priority: the app moves focus before it forwards the next key. Otherwise
        # keys arriving in one burst (a laggy SSH link, tmux send-keys) after a Tab
        # still land in the field being left.
        Binding("tab", "app.focus_next", "Volgende veld", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Vorige veld", show=False, priority=True),
    ]

    def __init__(self, meeting_id: int | None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.today = today or dt.date.today()
        self._initial: tuple[object, ...] | None = None
        self._load_error = ""
        # The key last suggested for a typed organisation name; a key the user typed
        # differs from it and is left alone.
        self._suggested_key = ""

    @property
    def spiegel(self) -> SpiegelApp:
        return cast("SpiegelApp", self.app)

    def _store(self) -> MeetingStore:
        return self.spiegel.store

    # Building the form ---------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.meeting_id is None:
            meeting = Meeting(topic="", date=self.today)
            self.sub_title = "Nieuwe bijeenkomst"
        else:
            try:
                meeting = self.spiegel.store.load_meeting(self.meeting_id)
            except SpiegelError as error:
                # Deleted meanwhile (another window, another note-taker): say so, go back.
                self._load_error = str(error)
                yield Header()
                yield Static(self._load_error, id="load-error")
                yield Footer()
                return
            self.sub_title = f"Opzet: {meeting.topic}"
        self.state = SetupState(meeting)
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield from self._details(meeting)
            yield from self._organisations()
            yield from self._participants()
            yield from self._questions(meeting)
            with Horizontal(id="setup-buttons"):
                yield Button("Opslaan (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="cancel", compact=True)
        yield Footer()

    def _details(self, m: Meeting) -> ComposeResult:
        yield Static("Bijeenkomst", classes="section-title")
        yield from _field("Onderwerp *", Input(m.topic, id="topic", compact=True))
        with Horizontal(classes="form-row"):
            yield Label("Datum *", classes="form-label")
            yield Input(format_date(m.date), id="date", placeholder="dd-mm-jjjj", compact=True)
            yield Label("Begintijd", classes="inline-label")
            yield Input(format_time(m.start), id="start", placeholder="uu:mm", compact=True)
        yield _error("date")
        yield _error("start")
        yield from _field("Locatie", Input(m.location, id="location", compact=True))
        invited = "" if m.invited is None else str(m.invited)
        with Horizontal(classes="form-row"):
            yield Label("Genodigden", classes="form-label")
            yield Input(invited, id="invited", compact=True)
            yield Label("aantal; leeg = aantal deelnemers", classes="form-hint")
        yield _error("invited")
        yield from _field(
            "Gespreksleiders",
            Input(
                format_names(m.facilitators),
                id="facilitators",
                placeholder="namen, met komma's ertussen",
                compact=True,
            ),
        )
        yield from _field("Toehoorders", Input(m.listeners, id="listeners", compact=True))
        yield Label("Inleiding (mag leeg; lege regel tussen alinea's)", classes="form-note")
        yield TextArea(m.introduction, id="introduction", soft_wrap=True)

    def _organisations(self) -> ComposeResult:
        yield Static("Organisaties", classes="section-title")
        yield Static(
            "spatie: aan/uit · e: naam/code wijzigen · de code typt u bij notuleren: #vt",
            classes="form-note",
        )
        yield OrganisationList(*self._org_options(), id="organisations")
        with Horizontal(classes="form-row"):
            yield Label("Zelf toevoegen", classes="form-label")
            yield Input(id="org-name", placeholder="naam", compact=True)
            yield Label("#", classes="inline-label key-hash")
            yield Input(id="org-key", placeholder="code", compact=True)
            yield Button("Toevoegen", id="org-add", compact=True)
        yield _error("org")

    def _participants(self) -> ComposeResult:
        yield Static("Deelnemers", classes="section-title")
        yield Static(
            "a: toevoegen · enter: wijzigen · spatie: aanwezig/afgemeld · x: verwijderen",
            classes="form-note",
        )
        table = ParticipantTable(id="participants", cursor_type="row", zebra_stripes=True)
        table.add_columns("Pseudoniem", "Rol", "Aanwezig", "Organisaties", "Label (lokaal)")
        yield table
        yield Static(
            "Nog geen deelnemers: ga met Tab naar de tabel hierboven en druk op a.",
            id="no-participants",
        )
        yield Static(f"Label: {LABEL_WARNING}.", classes="form-note label-warning")

    def _questions(self, m: Meeting) -> ComposeResult:
        yield Static("Vragen", classes="section-title")
        yield Static("Eén vraag per regel; plakken mag.", classes="form-note")
        text = "\n".join(q.text for q in m.questions)
        yield TextArea(text, id="questions", soft_wrap=True, show_line_numbers=True)

    def _org_options(self) -> list[Selection[int]]:
        return [
            Selection(f"{r.org.name}  #{r.org.key}", r.uid, r.selected) for r in self.state.rows
        ]

    def on_mount(self) -> None:
        if self._load_error:
            self.notify(self._load_error, severity="error", title="Opzet niet geopend")
            self.app.pop_screen()
            return
        self._show_participants()
        self.query_one("#topic", Input).focus()
        self._initial = self._snapshot()
        self._start_following()

    # Organisations -------------------------------------------------------

    def _rebuild_organisations(self, highlight: int | None = None) -> None:
        listing = self.query_one(OrganisationList)
        keep = listing.highlighted if highlight is None else highlight
        with listing.prevent(SelectionList.SelectionToggled):
            listing.clear_options()
            listing.add_options(self._org_options())
        listing.highlighted = keep
        self._show_participants()

    @on(SelectionList.SelectionToggled, "#organisations")
    def _org_toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        row = self.state.row(event.selection.value)
        row.selected = row.uid in event.selection_list.selected
        count = self.state.remark_count_for_org(row)
        if not row.selected and count:

            def answered(remove: bool | None) -> None:
                if not remove:
                    row.selected = True
                    self.query_one(OrganisationList).select(row.uid)
                self._show_participants()

            self.app.push_screen(
                ConfirmDialog(
                    f"{row.org.name} staat bij {remarks_phrase(count)}. Haalt u de "
                    "organisatie weg, dan verliezen die opmerkingen na opslaan de "
                    "verwijzing (de tekst blijft). Weghalen?",
                    yes="Weghalen",
                    no="Houden",
                ),
                answered,
            )
        self._show_participants()

    def action_edit_organisation(self) -> None:
        listing = self.query_one(OrganisationList)
        if listing.highlighted is None:
            return
        row = self.state.row(listing.get_option_at_index(listing.highlighted).value)

        def changed(org: Organisation | None) -> None:
            if org is not None:
                self.state.change_organisation(row, org)
                self._rebuild_organisations()

        self.app.push_screen(
            OrganisationDialog(
                row.org,
                other_keys=self.state.keys(besides=row),
                remark_count=self.state.remark_count_for_org(row),
            ),
            changed,
        )

    @on(Input.Changed, "#org-name")
    def _suggest_org_key(self, event: Input.Changed) -> None:
        key_input = self.query_one("#org-key", Input)
        if key_input.value in ("", self._suggested_key):
            name = clean_line(event.value)
            self._suggested_key = suggest_key(name, self.state.keys()) if name else ""
            key_input.value = self._suggested_key

    def _add_organisation(self) -> None:
        name_input = self.query_one("#org-name", Input)
        key_input = self.query_one("#org-key", Input)
        name = clean_line(name_input.value)
        if not name:
            self._set_error("org", "Typ eerst de naam van de organisatie.")
            name_input.focus()
            return
        existing = self.state.find_by_name(name)
        if existing:
            existing.selected = True
            message = f"{existing.org.name} stond al in de lijst en is nu aangevinkt."
        else:
            key = normalise_key(key_input.value) or suggest_key(name, self.state.keys())
            error = key_error(key, self.state.keys())
            if error:
                self._set_error("org", error)
                key_input.focus()
                return
            existing = self.state.add_organisation(Organisation(key, name))
            message = f"{name} toegevoegd met code #{key}."
        self._set_error("org", "")
        self._suggested_key = ""
        name_input.value = ""
        key_input.value = ""
        self._rebuild_organisations(highlight=existing.uid)
        self.notify(message, timeout=3)
        name_input.focus()

    # Participants ----------------------------------------------------------

    def _show_participants(self) -> None:
        table = self.query_one(ParticipantTable)
        row = table.cursor_row
        table.clear()
        chosen = {o.key for o in self.state.selected_organisations()}
        for person in self.state.participants:
            orgs = " ".join(f"#{k}" for k in person.organisations if k in chosen)
            table.add_row(
                person.pseudonym,
                ROLE_LABELS[person.role],
                "ja" if person.present else "afgemeld",
                orgs or "-",
                person.label,
                key=person.key,
            )
        if self.state.participants:
            table.move_cursor(row=min(row, len(self.state.participants) - 1))
        # The empty table stays: it is where 'a' adds the first participant.
        self.query_one("#no-participants").display = not self.state.participants

    def _participant_dialog(self, person: Participant, *, is_new: bool) -> None:
        def done(result: Participant | None) -> None:
            if result is None:
                return
            self.state.put_participant(result)
            self._show_participants()
            table = self.query_one(ParticipantTable)
            table.move_cursor(row=table.get_row_index(result.key))
            table.focus()

        self.app.push_screen(
            ParticipantDialog(
                person,
                organisations=self.state.selected_organisations(),
                other_pseudonyms=self.state.pseudonyms(besides=person.key),
                is_new=is_new,
            ),
            done,
        )

    def action_add_participant(self) -> None:
        self._participant_dialog(self.state.new_participant(), is_new=True)

    def _highlighted_participant(self) -> Participant | None:
        table = self.query_one(ParticipantTable)
        if not self.state.participants or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.state.participants[table.cursor_row]

    @on(DataTable.RowSelected, "#participants")
    def _edit_participant(self, event: DataTable.RowSelected) -> None:
        person = self._highlighted_participant()
        if person:
            self._participant_dialog(person, is_new=False)

    def action_toggle_present(self) -> None:
        person = self._highlighted_participant()
        if person:
            person.present = not person.present
            self._show_participants()

    def action_remove_participant(self) -> None:
        person = self._highlighted_participant()
        if person is None:
            return
        count = self.state.participant_remark_count(person.key)

        def answered(remove: bool | None) -> None:
            if remove:
                self.state.remove_participant(person.key)
                self._show_participants()

        if not count:
            answered(True)
            self.notify(f"{person.pseudonym} weggehaald (nog niet opgeslagen).", timeout=3)
            return
        self.app.push_screen(
            ConfirmDialog(
                f"{describe_participant(person)} staat bij {remarks_phrase(count)}. "
                "Verwijdert u deze deelnemer, dan staan die opmerkingen na opslaan bij "
                "niemand (de tekst blijft). Verwijderen?",
                yes="Verwijderen",
                no="Houden",
            ),
            answered,
        )

    # Saving and leaving -----------------------------------------------------

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", TextArea).text

    def _snapshot(self) -> tuple[object, ...]:
        fields = tuple(self._value(f) for f in CHECKED_FIELDS + PLAIN_FIELDS)
        texts = (self._text("introduction"), self._text("questions"))
        return (fields, texts, self.state.snapshot())

    def has_changes(self) -> bool:
        return self._initial is not None and self._snapshot() != self._initial

    def _set_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(message)
        error.display = bool(message)

    def _collect(self) -> Meeting | None:
        """The meeting as typed, or None after showing what is wrong."""
        fields = {name: self._value(name) for name in CHECKED_FIELDS + PLAIN_FIELDS}
        fields |= {name: self._text(name) for name in ("introduction", "questions")}
        try:
            meeting = build_meeting(
                self.state.base,
                fields,
                organisations=self.state.selected_organisations(),
                participants=self.state.final_participants(),
            )
        except FormErrors as problem:
            errors = problem.errors
        else:
            errors = {}
        for name in CHECKED_FIELDS:
            self._set_error(name, errors.get(name, ""))
        if errors:
            first, message = next(iter(errors.items()))
            self.query_one(f"#{first}", Input).focus()
            self.notify(
                "Niet opgeslagen: " + message, severity="error", title="Controleer de opzet"
            )
            return None
        return meeting

    def action_save(self) -> None:
        if self.meeting_id is not None and self._store().data_version() != self._version:
            self._version = self._store().data_version()
            self.follow_stored()  # a colleague saved meanwhile: fold it in first
        meeting = self._collect()
        if meeting is None:
            return
        store = self.spiegel.store
        try:
            if self.meeting_id is None:
                new_id = store.add_meeting(meeting)
            else:
                store.save_setup(meeting)
        except SpiegelError as error:
            self.notify(str(error), severity="error", title="Niet opgeslagen")
            return
        self._initial = self._snapshot()
        self.forget_draft()
        self.app.pop_screen()
        if self.meeting_id is None:
            self.spiegel.open_meeting(new_id)
        else:
            self.app.notify("Opzet opgeslagen.", timeout=3)

    def action_cancel(self) -> None:
        if not self.has_changes():
            self.forget_draft()
            self.app.pop_screen()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.forget_draft()
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog(
                "Uw wijzigingen zijn nog niet opgeslagen. Weggooien en teruggaan?",
                yes="Weggooien",
                no="Verder bewerken",
                title="Niet opgeslagen wijzigingen",
            ),
            answered,
        )

    # Keyboard flow -------------------------------------------------------

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id in ("org-name", "org-key"):
            self._add_organisation()
        else:
            self.focus_next()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "save":
                self.action_save()
            case "cancel":
                self.action_cancel()
            case "org-add":
                self._add_organisation()


def _field(label: str, widget: Input) -> ComposeResult:
    """A labelled one-line row, and an error line when the field is checked."""
    with Horizontal(classes="form-row"):
        yield Label(label, classes="form-label")
        yield widget
    if widget.id in CHECKED_FIELDS:
        yield _error(widget.id)


def _error(field: str) -> Static:
    return Static("", id=f"{field}-error", classes="field-error", markup=False)
