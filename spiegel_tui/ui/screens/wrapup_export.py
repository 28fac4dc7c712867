"""The wrap-up's export chain: a fresh meeting, the warnings, the overwrite question,
then the worker that writes the file. A mixin of :class:`WrapUpScreen`.

The document is made from what is stored, after saving what is still being typed; a
text that could not be saved (changed elsewhere meanwhile, or the meeting deleted)
stops the export, so a document never differs from what the screen shows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from spiegel_tui.errors import SpiegelError
from spiegel_tui.export import ExportResult, default_path, export_meeting
from spiegel_tui.model import Meeting
from spiegel_tui.outcome.edit import held_warnings, without_held_points
from spiegel_tui.storage.outcome_store import MEETING_GONE
from spiegel_tui.ui.screens.dialogs import ConfirmDialog
from spiegel_tui.ui.screens.export_dialog import ExportChoice, ExportDialog, LabelWarningDialog

if TYPE_CHECKING:
    from spiegel_tui.outcome.session import WrapUpSession

log = logging.getLogger(__name__)

UNSAVED_TEXT = (
    "Een tekst is elders gewijzigd terwijl u typte; beide versies staan nu op het scherm. "
    "Kijk die tekst na en exporteer daarna opnieuw."
)


class WrapUpExport(Screen[None]):
    session: WrapUpSession | None
    exporting: bool
    #: Where the last export went (also said in the notification).
    last_export: Path | None

    def flush_draft(self) -> None:
        raise NotImplementedError

    def export_folder(self) -> Path:
        """Where a document goes by default: the folder Spiegel was started in, like
        ``spiegel export``, so the app and the command line agree."""
        return Path.cwd()

    def action_export_word(self) -> None:
        meeting = self._fresh_meeting()
        if meeting is not None:
            path = default_path(meeting, "docx", self.export_folder())
            self._export(meeting, ExportChoice("docx", path))

    def action_export_dialog(self) -> None:
        meeting = self._fresh_meeting()
        if meeting is None:
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(meeting, choice)

        self.app.push_screen(ExportDialog(meeting, self.export_folder()), chosen)

    def _fresh_meeting(self) -> Meeting | None:
        """The meeting as stored, after saving what is still being typed."""
        if self.exporting:
            self.app.notify("Er wordt al geëxporteerd; een ogenblik.", severity="warning")
            return None
        session = self.session
        if session is None:
            return None
        self.flush_draft()
        problem = MEETING_GONE if session.gone else UNSAVED_TEXT if session.dirty else None
        if problem is not None:
            self.app.notify(problem, title="Niet geëxporteerd", severity="error", timeout=10)
            return None
        try:
            return session.store.load_meeting(session.meeting_id)
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet geëxporteerd", severity="error")
            return None

    def _export(self, meeting: Meeting, choice: ExportChoice) -> None:
        """Warn about held key points and local labels, then an existing file, then write."""
        from spiegel_tui.export.labels import label_warnings

        # A meeting file keeps labels and every point; documents leave them out.
        held = held_warnings(meeting.outcome.key_points) if choice.fmt != "json" else []
        if choice.fmt != "json":
            meeting = without_held_points(meeting)
        warnings = label_warnings(meeting) if choice.fmt != "json" else []

        def after_labels(go_on: bool | None) -> None:
            if go_on:
                self._confirm_overwrite(meeting, choice)

        def after_held(go_on: bool | None) -> None:
            if not go_on:
                return
            if warnings:
                self.app.push_screen(LabelWarningDialog(warnings), after_labels)
            else:
                self._confirm_overwrite(meeting, choice)

        if held:
            self.app.push_screen(
                ConfirmDialog(
                    "\n".join(held),
                    yes="Toch exporteren",
                    no="Eerst nakijken",
                    title="Kernpunten buiten het document",
                ),
                after_held,
            )
        else:
            after_held(True)

    def _confirm_overwrite(self, meeting: Meeting, choice: ExportChoice) -> None:
        if not choice.path.is_file():
            self._start_export(meeting, choice, force=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._start_export(meeting, choice, force=True)

        self.app.push_screen(
            ConfirmDialog(
                f"{choice.path}\nbestaat al. Vervangen door de nieuwe versie?",
                yes="Vervangen",
                no="Annuleren",
                title="Bestand bestaat al",
            ),
            answered,
        )

    def _start_export(self, meeting: Meeting, choice: ExportChoice, *, force: bool) -> None:
        self.exporting = True
        self.app.notify(f"Bezig met exporteren naar {choice.path.name}…", timeout=2)
        self._export_worker(meeting, choice, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export_worker(self, meeting: Meeting, choice: ExportChoice, force: bool) -> None:
        # A worker thread: no widgets here, only the export and a call back.
        try:
            result = export_meeting(
                meeting, choice.fmt, choice.path, force=force, appendix=choice.appendix
            )
        except SpiegelError as error:
            self.app.call_from_thread(self._export_failed, error.message)
        except Exception as error:  # anything else: the app must keep running
            log.exception("export failed")
            self.app.call_from_thread(
                self._export_failed, f"Onverwachte fout bij exporteren: {error}"
            )
        else:
            self.app.call_from_thread(self._export_done, result)

    def _export_done(self, result: ExportResult) -> None:
        self.exporting = False
        self.last_export = result.path
        self.app.notify(f"Opgeslagen in {result.path}", title="Geëxporteerd", timeout=10)

    def _export_failed(self, message: str) -> None:
        self.exporting = False
        self.app.notify(message, title="Niet geëxporteerd", severity="error", timeout=10)
