"""The setup form beside a changing database, and its draft; free of Textual.

The form's texts are handled as a dict, field id -> text. :func:`form_texts` gives
them for a stored meeting; :func:`merge_texts` folds a newer stored version into the
form (three ways: what the form opened with, what is typed, what is stored now), so
a colleague's change to a field this note-taker left alone is taken, and one to a
field both changed is never dropped: a long text keeps both, a one-line field keeps
what is typed here and says what the other typed. :class:`SetupDraft` keeps the
form's texts (and an open dialog's) in the database, so a hang-up loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from spiegel_tui.capture import draft_owner
from spiegel_tui.errors import BusyError, SpiegelError
from spiegel_tui.model import Meeting
from spiegel_tui.setup.form import format_date, format_names, format_time
from spiegel_tui.storage import MeetingStore
from spiegel_tui.storage.outcome_store import OutcomeStore

#: Long texts: when both sides changed one, both are kept in it.
LONG_TEXTS = ("introduction", "questions")
KEPT_MARK = "\n\n--- uw tekst, nog te plaatsen ---\n"
SLOT = "setup"
FIELD_NAMES = {
    "topic": "Onderwerp",
    "date": "Datum",
    "start": "Begintijd",
    "location": "Locatie",
    "invited": "Genodigden",
    "facilitators": "Gespreksleiders",
    "listeners": "Toehoorders",
    "introduction": "Inleiding",
    "questions": "Vragen",
}


def form_texts(meeting: Meeting) -> dict[str, str]:
    """The setup form's typed fields as the form shows ``meeting``."""
    return {
        "topic": meeting.topic,
        "date": format_date(meeting.date),
        "start": format_time(meeting.start),
        "location": meeting.location,
        "invited": "" if meeting.invited is None else str(meeting.invited),
        "facilitators": format_names(meeting.facilitators),
        "listeners": meeting.listeners,
        "introduction": meeting.introduction,
        "questions": "\n".join(q.text for q in meeting.questions),
    }


@dataclass
class Merged:
    texts: dict[str, str]
    notices: list[str] = field(default_factory=list)


def merge_texts(initial: dict[str, str], mine: dict[str, str], stored: dict[str, str]) -> Merged:
    """The form after ``stored`` changed under it (see the module's docstring)."""
    result = Merged(dict(mine))
    for name, theirs in stored.items():
        base, here = initial.get(name, ""), mine.get(name, "")
        if theirs in (base, here):
            continue
        label = FIELD_NAMES.get(name, name)
        if here == base:
            result.texts[name] = theirs
            result.notices.append(f"{label} is elders gewijzigd en overgenomen.")
        elif name in LONG_TEXTS:
            result.texts[name] = f"{theirs}{KEPT_MARK}{here}"
            result.notices.append(
                f"{label} is elders ook gewijzigd: beide teksten staan er nu; plaats de uwe."
            )
        else:
            result.notices.append(
                f"{label} is elders ook gewijzigd, in “{theirs}”. Uw versie blijft staan; "
                "bij opslaan vervangt die de andere."
            )
    return result


#: Prefix, in a draft, of the stored text a typed field was changed from.
BASE = "base:"


def draft_texts(opened_with: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    """What goes into the draft: only the fields typed here, each with its base.

    A field left alone is not kept: when the draft comes back it follows the
    database, so a colleague's later save of that field is never reverted.
    """
    draft: dict[str, str] = {}
    for name, text in values.items():
        if text == opened_with.get(name):
            continue
        draft[name] = text
        if name in opened_with:
            draft[BASE + name] = opened_with[name]
    return draft


def restore_texts(draft: dict[str, str], stored: dict[str, str]) -> Merged:
    """The form when ``draft`` comes back over the form as ``stored`` now shows it.

    Only typed fields are put back; one that was also changed elsewhere meanwhile is
    handled as in :func:`merge_texts` (a long text keeps both, a line says so).
    A draft of an older Spiegel (whole form, no bases) counts every field as typed.
    """
    typed = {k: v for k, v in draft.items() if k in stored and not k.startswith(BASE)}
    initial = dict(stored) | {k: draft.get(BASE + k, stored[k]) for k in typed}
    return merge_texts(initial, dict(stored) | typed, stored)


class SetupDraft:
    """The form's texts as a draft, one per app and meeting (None: a new meeting)."""

    def __init__(self, store: MeetingStore, meeting_id: int | None, owner: str | None = None):
        self.outcomes = OutcomeStore(store)
        self.meeting_id = meeting_id
        self.owner = draft_owner.this_process() if owner is None else owner
        self._saved: dict[str, str] | None = None

    def save(self, texts: dict[str, str]) -> None:
        """Written when changed; a busy database only postpones it."""
        if texts == self._saved:
            return
        try:
            self.outcomes.save_text_draft(
                self.meeting_id, self.owner, SLOT, json.dumps(texts, ensure_ascii=False)
            )
        except BusyError:
            return
        self._saved = dict(texts)

    def take(self) -> dict[str, str] | None:
        """This app's draft, or one left by an app that is gone (then taken over)."""
        for owner, slot, text in self.outcomes.text_drafts(self.meeting_id):
            if slot != SLOT or (owner != self.owner and draft_owner.is_running(owner)):
                continue
            try:
                texts = json.loads(text)
            except ValueError:
                continue
            if owner != self.owner:
                self.outcomes.save_text_draft(self.meeting_id, self.owner, SLOT, text)
                self.outcomes.delete_text_draft(self.meeting_id, owner, SLOT)
            self._saved = texts
            return {str(k): str(v) for k, v in texts.items()}
        return None

    def clear(self) -> None:
        try:
            self.outcomes.delete_text_draft(self.meeting_id, self.owner, SLOT)
        except SpiegelError:
            return
        self._saved = {}
