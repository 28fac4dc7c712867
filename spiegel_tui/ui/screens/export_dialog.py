"""Choosing what to export and where, and the label warning shown before it.

Both dialogs only ask; the wrap-up screen does the export (in a worker thread) and
asks before replacing an existing file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from spiegel_tui.errors import SpiegelError
from spiegel_tui.export import default_path
from spiegel_tui.fileio import check_target
from spiegel_tui.model import Meeting
from spiegel_tui.ui.screens.dialogs import ConfirmDialog

#: (format, what the radio button says). Word first: it is what goes out.
FORMAT_CHOICES: tuple[tuple[str, str], ...] = (
    ("docx", "Word (docx): het uitkomstendocument"),
    ("md", "Markdown (md): het uitkomstendocument"),
    ("csv", "CSV: alle opmerkingen, zonder vertrouwelijke"),
    ("json", "JSON: het bijeenkomstbestand, zonder vertrouwelijke, met pseudoniemen"),
)
APPENDIX_FORMATS = ("docx", "md")


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path
    appendix: bool = False


def resolve_target(text: str, meeting: Meeting, fmt: str, folder: Path) -> Path | None:
    """The file a typed path means: ``~`` expanded, relative to ``folder``, and the
    default file name added when it names a folder (an existing one, or any path typed
    with a slash at the end). None when nothing was typed."""
    text = text.strip()
    if not text:
        return None
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # "~nosuchuser/..."
        path = Path(text)
    if not path.is_absolute():
        path = folder / path
    try:
        is_folder = path.is_dir()
    except OSError:  # a name too long: check_target says so
        is_folder = False
    if is_folder or text.endswith(("/", os.sep)):
        path = default_path(meeting, fmt, path)
    return path


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("ctrl+s", "export", "Exporteren"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, meeting: Meeting, folder: Path, fmt: str = "docx") -> None:
        super().__init__(classes="dialog")
        self.meeting = meeting
        self.folder = folder
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="export-dialog"):
            yield Label("Exporteren", classes="dialog-title")
            with RadioSet(id="export-format", compact=True):
                for fmt, label in FORMAT_CHOICES:
                    yield RadioButton(label, value=fmt == self.fmt, id=f"fmt-{fmt}")
            yield Checkbox(
                "Met bijlage: opmerkingen per organisatie",
                id="export-appendix",
                disabled=self.fmt not in APPENDIX_FORMATS,
                compact=True,
            )
            yield Label("Bestand:", classes="dialog-hint")
            yield Input(str(self._default()), id="export-path", compact=True)
            yield Static("", id="export-error", classes="field-error", markup=False)
            yield Static(
                "ctrl+s of enter in het bestandsveld: exporteren · escape: annuleren",
                classes="dialog-keys",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Exporteren", id="export-go", variant="primary", compact=True)
                yield Button("Annuleren", id="export-cancel", compact=True)

    def _default(self) -> Path:
        return default_path(self.meeting, self.fmt, self.folder)

    def on_mount(self) -> None:
        self.query_one("#export-format", RadioSet).focus()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        old_default = str(self._default())
        self.fmt = FORMAT_CHOICES[event.index][0]
        path = self.query_one("#export-path", Input)
        # Follow the format unless the note-taker typed a path of their own.
        if path.value.strip() == old_default:
            path.value = str(self._default())
        self.query_one("#export-appendix", Checkbox).disabled = self.fmt not in APPENDIX_FORMATS

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self.action_export()
        else:
            self.dismiss(None)

    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value
        path = resolve_target(text, self.meeting, self.fmt, self.folder)
        if path is None:
            self.query_one("#export-error", Static).update("Vul een bestandsnaam in.")
            return
        try:
            # Replacing an existing file is asked after this dialog; a missing folder
            # is reported by the export itself.
            check_target(path, force=True, protect=self._protected(), require_folder=False)
        except SpiegelError as error:
            self.query_one("#export-error", Static).update(error.message)
            return
        appendix = self.fmt in APPENDIX_FORMATS and self.query_one(Checkbox).value
        self.dismiss(ExportChoice(self.fmt, path, appendix))

    def _protected(self) -> list[Path]:
        """The open database: never a target, whatever its name (same inode)."""
        store = getattr(self.app, "store", None)
        path = getattr(store, "path", None)
        return [Path(path)] if path else []

    def action_cancel(self) -> None:
        self.dismiss(None)


class LabelWarningDialog(ConfirmDialog):
    """Lists where a participant's local label occurs; True means 'export anyway'.

    A yes/no question like :class:`ConfirmDialog` (same keys, 'no' focused), with the
    places listed under it.
    """

    BINDINGS = [  # noqa: RUF012 - Textual reads a list
        Binding("j,y", "answer(True)", "Toch exporteren", show=False),
        Binding("n,escape", "answer(False)", "Eerst aanpassen", show=False),
    ]

    def __init__(self, warnings: list[str]) -> None:
        super().__init__(
            "Deze teksten noemen iemand bij de naam of aanduiding die alleen de "
            "notulist gebruikt. Het document krijgt daar het pseudoniem.",
            yes="Toch exporteren",
            no="Eerst aanpassen",
            title="Eigen aanduidingen in de tekst",
        )
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="label-warnings"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            with VerticalScroll(id="label-warning-list"):
                for warning in self.warnings:
                    yield Static(f"• {warning}", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(escape(f"{self.yes_label} (j)"), id="yes", compact=True)
                yield Button(
                    escape(f"{self.no_label} (n)"), id="no", variant="primary", compact=True
                )
