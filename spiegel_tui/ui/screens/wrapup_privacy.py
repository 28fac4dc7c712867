"""The re-identification check in the wrap-up's export chain. A mixin of
:class:`WrapUpScreen` (through :class:`WrapUpExport`).

Before a document (Word, Markdown, CSV) is written, the texts that go into it are
scanned in a child process (the word lists never stay in the app's memory; start-up
and capture never import the check). Open findings are shown one at a time
(:class:`PrivacyReview`); the answers are stored per meeting, and the document is
written from the meeting with every 'replaced' finding in its neutral wording. An
edit (``b``) goes through the wrap-up's own checked change path; the export then
starts again from what is stored, so only what is still open is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Meeting
from spiegel_tui.outcome.changes import Refresh
from spiegel_tui.ui.screens.privacy_review import DONE, PrivacyReview, ReviewItem, TextEditor

if TYPE_CHECKING:
    from spiegel_tui.outcome.session import WrapUpSession
    from spiegel_tui.privacy.findings import Finding
    from spiegel_tui.privacy.gate import Check
    from spiegel_tui.storage.privacy_store import PrivacyAnswer
    from spiegel_tui.ui.screens.export_dialog import ExportChoice

Then = Callable[[Meeting, "ExportChoice"], None]

CHECK_FAILED = "De controle op herleidbaarheid kon niet worden uitgevoerd; er is niets geschreven."
NOTHING_OPEN = "Geen open bevindingen: de teksten kunnen zo in een document."
STOPPED = "Export gestopt: er is niets geschreven. Uw antwoorden tot nu toe zijn bewaard."


class WrapUpPrivacy(Screen[None]):
    session: WrapUpSession | None
    exporting: bool
    _restart_after_edit: Callable[[], None] | None = None

    # Provided by the wrap-up screen and its other mixins.
    def flush_draft(self) -> None:
        raise NotImplementedError

    def _apply(self, refresh: Refresh, highlight: int | None = None) -> None:
        raise NotImplementedError

    def _open_editor(
        self,
        point: KeyPoint | None,
        text: str,
        then: Callable[[], None] | None = None,
        *,
        changed: bool = False,
    ) -> None:
        raise NotImplementedError

    def _fresh_meeting(self) -> Meeting | None:
        raise NotImplementedError

    def _export(self, meeting: Meeting, choice: ExportChoice) -> None:
        raise NotImplementedError

    # The check -------------------------------------------------------------------

    def privacy_scanner(self) -> Callable[..., list[Finding]]:
        from spiegel_tui.privacy import scan_isolated

        return scan_isolated

    def _answers(self) -> dict[str, PrivacyAnswer] | None:
        from spiegel_tui.storage.privacy_store import PrivacyStore

        session = self.session
        assert session is not None
        try:
            return PrivacyStore(session.store).answers(session.meeting_id)
        except SpiegelError as error:
            self.app.notify(error.message, title="Niet geëxporteerd", severity="error")
            return None

    def _store_answer(self, finding: Finding, answer: str, replacement: str) -> None:
        from spiegel_tui.storage.privacy_store import PrivacyStore

        session = self.session
        assert session is not None
        PrivacyStore(session.store).answer(session.meeting_id, finding.key, answer, replacement)

    def check_privacy(
        self,
        meeting: Meeting,
        choice: ExportChoice,
        then: Then,
        restart: Callable[[], None] | None = None,
    ) -> None:
        """Scan what goes into the document; ``then`` gets the meeting to write.
        ``restart``: what runs after an edit (``b``); by default the export again."""
        from spiegel_tui.privacy.gate import NOT_A_DOCUMENT

        if choice.fmt in NOT_A_DOCUMENT:
            then(meeting, choice)
            return
        answers = self._answers()
        if answers is None:
            return
        self.exporting = True
        self._restart_after_edit = restart or (lambda: self._restart(choice))
        self._privacy_worker(meeting, choice, answers, then)

    def action_check_privacy(self) -> None:
        """The check on its own (the palette): every text a document can carry."""
        from spiegel_tui.outcome.edit import without_held_points
        from spiegel_tui.ui.screens.export_dialog import ExportChoice

        meeting = self._fresh_meeting()
        if meeting is None:
            return

        def passed(_meeting: Meeting, _choice: ExportChoice) -> None:
            self.app.notify(NOTHING_OPEN, title="Controle op herleidbaarheid", timeout=6)

        choice = ExportChoice("docx", Path(), appendix=True)
        self.check_privacy(
            without_held_points(meeting), choice, passed, restart=self.action_check_privacy
        )

    @work(thread=True, exclusive=True, group="privacy", exit_on_error=False)
    def _privacy_worker(
        self,
        meeting: Meeting,
        choice: ExportChoice,
        answers: dict[str, PrivacyAnswer],
        then: Then,
    ) -> None:
        # A worker thread: no widgets and no database here, only the scan.
        from spiegel_tui.privacy.gate import check_document

        try:
            check = check_document(
                meeting,
                choice.fmt,
                answers,
                appendix=choice.appendix,
                scanner=self.privacy_scanner(),
            )
        except Exception:  # fail closed: no check, no document (and no log of texts)
            self.app.call_from_thread(self._privacy_failed)
        else:
            self.app.call_from_thread(self._privacy_checked, meeting, choice, check, then)

    def _privacy_failed(self) -> None:
        self.exporting = False
        self.app.notify(CHECK_FAILED, title="Niet geëxporteerd", severity="error", timeout=10)

    def _privacy_checked(
        self, meeting: Meeting, choice: ExportChoice, check: Check, then: Then
    ) -> None:
        from spiegel_tui.privacy.gate import editable, where

        self.exporting = False
        if not check.open:
            self._privacy_passed(meeting, choice, check, then)
            return
        items = [
            ReviewItem(f, where(meeting, f.text_id), check.context(f), editable(f.text_id))
            for f in check.open
        ]

        def reviewed(result: str | Finding | None) -> None:
            if result is None:
                self.app.notify(STOPPED, title="Niet geëxporteerd", timeout=6)
            elif result == DONE:
                self._privacy_passed(meeting, choice, check, then)
            elif not isinstance(result, str):
                self._edit_for_privacy(result, check, meeting, choice)

        self.app.push_screen(PrivacyReview(items, self._store_answer), reviewed)

    def _privacy_passed(
        self, meeting: Meeting, choice: ExportChoice, check: Check, then: Then
    ) -> None:
        from spiegel_tui.privacy.gate import apply_answers

        answers = self._answers()
        if answers is None:
            return
        if any(f.key not in answers for f in check.open):
            self.app.notify(STOPPED, title="Niet geëxporteerd", timeout=6)
            return
        then(apply_answers(meeting, check, answers), choice)

    # b: editing the text ------------------------------------------------------------

    def _restart(self, choice: ExportChoice) -> None:
        """The export again, from what is stored now: only open findings are asked."""
        meeting = self._fresh_meeting()
        if meeting is not None:
            self._export(meeting, choice)

    def _after_edit(self) -> None:
        if self._restart_after_edit is not None:
            self._restart_after_edit()

    def _edit_for_privacy(
        self, finding: Finding, check: Check, meeting: Meeting, choice: ExportChoice
    ) -> None:
        from spiegel_tui.privacy.gate import OUTCOME_FIELDS, where

        session = self.session
        if session is None:
            return
        text_id = finding.text_id
        if text_id.startswith("kernpunt:"):
            ident = text_id.partition(":")[2]
            point = next((p for p in session.points if str(p.id) == ident), None)
            if point is None:
                self.app.notify("Dit kernpunt is er niet meer.", severity="warning")
                self._restart(choice)
                return
            self._open_editor(point, point.text, self._after_edit)
            return
        field = "introduction" if text_id == "inleiding" else OUTCOME_FIELDS[text_id]
        original = check.texts.get(text_id, "")

        def written(text: str | None) -> None:
            if text is not None and text != original:
                session.dirty[field] = text
                self.flush_draft()
                self._apply(Refresh(texts={field}))
            self._after_edit()

        title = f"{where(meeting, text_id).capitalize()} bewerken"
        self.app.push_screen(TextEditor(title, original), written)
