"""What the setup screen edits, outside the widgets: organisations and participants.

Kept apart from the screen so the screen only wires keys and widgets to it. No
Textual here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spiegel_tui.model import Meeting, Organisation, Participant, Role
from spiegel_tui.setup.form import next_key, suggest_pseudonym
from spiegel_tui.setup.organisations import PRESETS


@dataclass
class OrgRow:
    """One line of the organisation list: ``uid`` stays put when the key changes."""

    uid: int
    org: Organisation
    selected: bool


class SetupState:
    """The organisations and participants being edited, and what remarks refer to."""

    def __init__(self, meeting: Meeting) -> None:
        self.base = meeting
        self.rows: list[OrgRow] = []
        for org in meeting.organisations:
            self._append(replace(org), selected=True)
        chosen_names = {" ".join(o.name.casefold().split()) for o in meeting.organisations}
        for key, name in PRESETS:
            taken = key in self.keys()
            if not taken and " ".join(name.casefold().split()) not in chosen_names:
                self._append(Organisation(key, name), selected=False)
        self.participants = [
            replace(p, organisations=list(p.organisations)) for p in meeting.participants
        ]
        self._keys_ever = {p.key for p in meeting.participants}
        live = meeting.live_remarks()
        self.org_refs = Counter(key for r in live for key in dict.fromkeys(r.organisations))
        self.person_refs = Counter(r.participant for r in live if r.participant)
        self._stored_orgs = {o.key for o in meeting.organisations}

    # Organisations -------------------------------------------------------

    def _append(self, org: Organisation, *, selected: bool) -> OrgRow:
        row = OrgRow(len(self.rows), org, selected)
        self.rows.append(row)
        return row

    def keys(self, *, besides: OrgRow | None = None) -> list[str]:
        return [r.org.key for r in self.rows if r is not besides]

    def row(self, uid: int) -> OrgRow:
        return self.rows[uid]

    def selected_organisations(self) -> list[Organisation]:
        return [replace(r.org) for r in self.rows if r.selected]

    def find_by_name(self, name: str) -> OrgRow | None:
        wanted = " ".join(name.casefold().split())
        return next(
            (r for r in self.rows if " ".join(r.org.name.casefold().split()) == wanted), None
        )

    def add_organisation(self, org: Organisation) -> OrgRow:
        return self._append(org, selected=True)

    def remark_count_for_org(self, row: OrgRow) -> int:
        """Remarks linked to this organisation in the database (only stored keys count)."""
        return self.org_refs[row.org.key] if row.org.key in self._stored_orgs else 0

    def change_organisation(self, row: OrgRow, org: Organisation) -> None:
        """New name and key; participants follow a key change."""
        old = row.org.key
        row.org = org
        if org.key != old:
            for person in self.participants:
                person.organisations = [org.key if k == old else k for k in person.organisations]

    # Participants ----------------------------------------------------------

    def new_participant(self) -> Participant:
        """A participant not yet added: next key, the last role used, its next pseudonym."""
        role = self.participants[-1].role if self.participants else Role.OUDER
        key = next_key("p", self._keys_ever | {p.key for p in self.participants})
        return Participant(key, suggest_pseudonym(role, self.pseudonyms()), role)

    def pseudonyms(self, *, besides: str | None = None) -> list[str]:
        return [p.pseudonym for p in self.participants if p.key != besides]

    def put_participant(self, person: Participant) -> None:
        """Replace the participant with the same key, or add it at the end."""
        for index, existing in enumerate(self.participants):
            if existing.key == person.key:
                self.participants[index] = person
                return
        self._keys_ever.add(person.key)
        self.participants.append(person)

    def remove_participant(self, key: str) -> None:
        self.participants = [p for p in self.participants if p.key != key]

    def participant_remark_count(self, key: str) -> int:
        return self.person_refs[key]

    def final_participants(self) -> list[Participant]:
        """Participants as they will be saved: links only to chosen organisations."""
        chosen = [o.key for o in self.selected_organisations()]
        return [
            replace(p, organisations=[k for k in chosen if k in p.organisations])
            for p in self.participants
        ]

    def snapshot(self) -> tuple[object, ...]:
        """Everything this state holds, comparable: to tell whether anything changed."""
        return (
            tuple((r.org.key, r.org.name) for r in self.rows if r.selected),
            tuple(
                (p.key, p.pseudonym, p.role, p.present, tuple(p.organisations), p.label)
                for p in self.final_participants()
            ),
        )
