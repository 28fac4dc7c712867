"""The setup screen's draft and its eye on the database: a mixin of SetupScreen.

Twice a second the form's texts (and those of an open organisation or participant
dialog) are kept as a draft, and another connection's commit is looked for. A draft
comes back at the next opening of the same setup; a colleague's saved change is
folded into the fields (see :mod:`spiegel_tui.setup.sync`).
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Input, TextArea

from spiegel_tui.capture import draft_owner
from spiegel_tui.errors import SpiegelError
from spiegel_tui.setup.sync import (
    SetupDraft,
    draft_texts,
    form_texts,
    merge_texts,
    restore_texts,
)

if TYPE_CHECKING:
    from spiegel_tui.storage import MeetingStore

DRAFT_INTERVAL = 0.5  # seconds
DIALOG = "dialog:"  # prefix of an open dialog's fields in the draft
PARTICIPANT_KEY = "participant-key"  # which participant an open dialog was changing
RESTORED = "Wat u in de opzet typte en nog niet had opgeslagen, staat er weer."


class SetupFollow(Screen[None]):
    meeting_id: int | None
    _initial: tuple[object, ...] | None
    #: Made by _start_following; None before that and once the draft is forgotten.
    _draft: SetupDraft | None = None

    def _store(self) -> MeetingStore:
        raise NotImplementedError

    def _start_following(self) -> None:
        """After the form is built: offer a draft back, then keep drafts and look."""
        store = self._store()
        self._draft = SetupDraft(store, self.meeting_id)
        self._version = store.data_version()
        if self.meeting_id is not None:
            # Like capture: a delete or purge elsewhere warns that it is open here.
            with contextlib.suppress(SpiegelError):
                store.mark_open(self.meeting_id, self._draft.owner)
        self._opened_with = self._form_values()
        try:
            draft = self._draft.take()
        except SpiegelError:
            draft = None
        if draft:
            # Only the fields typed then come back; the others show the database.
            restored = restore_texts(draft, self._opened_with)
            self._put_values(restored.texts)
            for notice in restored.notices:
                self.notify(notice, title="Opzet elders gewijzigd", severity="warning", timeout=8)
            dialog = [
                v
                for k, v in draft.items()
                if k.startswith(DIALOG) and v.strip() and k != DIALOG + PARTICIPANT_KEY
            ]
            message = RESTORED
            if dialog:
                message += " In een venster typte u nog: " + " · ".join(dialog)
            self.notify(message, title="Teruggezet", timeout=10)
            fields = {k[len(DIALOG) :]: v for k, v in draft.items() if k.startswith(DIALOG)}
            if "pseudonym" in fields or "label" in fields:
                # The participant dialog comes back open with its text, not only as a
                # passing notice: its text stays in the draft until it is handled.
                self.call_after_refresh(self._reopen_participant, fields)
        self.set_interval(DRAFT_INTERVAL, self._tick, name="setup-draft")

    def _reopen_participant(self, fields: dict[str, str]) -> None:
        state = getattr(self, "state", None)
        reopen = getattr(self, "_participant_dialog", None)
        if state is None or reopen is None:
            return
        known = {p.key: p for p in state.participants}
        person = known.get(fields.get(PARTICIPANT_KEY, ""))
        is_new = person is None
        base = state.new_participant() if person is None else person
        reopen(
            dataclasses.replace(
                base,
                pseudonym=fields.get("pseudonym", base.pseudonym),
                label=fields.get("label", base.label),
            ),
            is_new=is_new,
        )

    def on_unmount(self) -> None:
        draft = getattr(self, "_draft", None)
        owner = draft.owner if draft is not None else draft_owner.this_process()
        if self.meeting_id is not None:
            with contextlib.suppress(SpiegelError):
                self._store().mark_closed(self.meeting_id, owner)

    def _form_values(self) -> dict[str, str]:
        values = {w.id: w.value for w in self.query(Input) if w.id}
        values |= {w.id: w.text for w in self.query(TextArea) if w.id}
        for screen in self.app.screen_stack:
            if screen.has_class("dialog") and screen is not self:
                values |= {DIALOG + w.id: w.value for w in screen.query(Input) if w.id}
                person = getattr(screen, "participant", None)
                if person is not None and not getattr(screen, "is_new", True):
                    values[DIALOG + PARTICIPANT_KEY] = person.key
        return values

    def _put_values(self, values: dict[str, str]) -> None:
        for name, text in values.items():
            if name.startswith(DIALOG):
                continue
            for widget in self.query(f"#{name}"):
                if isinstance(widget, Input) and widget.value != text:
                    widget.value = text
                elif isinstance(widget, TextArea) and widget.text != text:
                    widget.load_text(text)

    def flush_draft(self) -> None:
        """Keep the typed texts; the app calls this on quit and on SIGHUP/SIGTERM."""
        keeper = self._draft
        if keeper is None:
            return
        values = self._form_values()
        try:
            if values == self._opened_with:
                keeper.clear()
            else:
                keeper.save(draft_texts(self._opened_with, values))
        except SpiegelError:
            pass  # tried again at the next tick

    def forget_draft(self) -> None:
        """Saved or thrown away on purpose: no draft to offer back."""
        if self._draft is not None:
            self._draft.clear()
            self._draft = None

    def _tick(self) -> None:
        self.flush_draft()
        store = self._store()
        if self.meeting_id is None or store.data_version() == self._version:
            return
        self._version = store.data_version()
        self.follow_stored()

    def follow_stored(self) -> None:
        """Fold the stored setup, changed by another connection, into the form."""
        if self.meeting_id is None:
            return
        try:
            stored = form_texts(self._store().load_meeting(self.meeting_id))
        except SpiegelError as error:
            self.notify(error.message, title="Opzet elders gewijzigd", severity="error")
            return
        mine = {k: v for k, v in self._form_values().items() if k in stored}
        merged = merge_texts(self._opened_with, mine, stored)
        self._put_values(merged.texts)
        self._opened_with |= stored
        for notice in merged.notices:
            self.notify(notice, title="Opzet elders gewijzigd", severity="warning", timeout=8)
