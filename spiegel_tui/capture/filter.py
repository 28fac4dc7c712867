"""Filtering the timeline, written with the same tokens as the capture line.

``@2 #vt + * bejegening`` shows Ouder 2's starred positive remarks about Veilig Thuis
that contain a word starting with "bejegening". Pure Python: the full-text part is
looked up by the screen (``MeetingStore.search_remarks``) and passed in as ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from spiegel_tui.capture.tokens import (
    ClearOrgs,
    SetKind,
    SetOrg,
    SetParticipant,
    TogglePrivate,
    ToggleStar,
    Vocabulary,
    parse,
)
from spiegel_tui.model import Kind, Remark


@dataclass(frozen=True)
class RemarkFilter:
    #: Filter on the speaker at all; ``participant`` None then means "nobody".
    by_participant: bool = False
    participant: str | None = None
    #: A remark about any of these organisations.
    organisations: frozenset[str] = frozenset()
    kind: Kind | None = None
    starred: bool = False
    private: bool = False
    text: str = ""
    error: str | None = None

    @classmethod
    def from_line(cls, line: str, vocab: Vocabulary) -> RemarkFilter:
        parsed = parse(line, vocab)
        values: dict = {"text": parsed.text, "error": parsed.error}
        orgs: set[str] = set()
        for op in parsed.ops:
            if isinstance(op, SetParticipant):
                values.update(by_participant=True, participant=op.key)
            elif isinstance(op, SetOrg):
                orgs.add(op.key)
            elif isinstance(op, ClearOrgs):
                orgs.clear()
            elif isinstance(op, SetKind):
                values["kind"] = op.kind
            elif isinstance(op, ToggleStar):
                values["starred"] = True
            elif isinstance(op, TogglePrivate):
                values["private"] = True
        return cls(organisations=frozenset(orgs), **values)

    @property
    def active(self) -> bool:
        return bool(
            self.by_participant
            or self.organisations
            or self.kind
            or self.starred
            or self.private
            or self.text
        )

    def matches(self, remark: Remark, text_hits: set[int] | None = None) -> bool:
        """``text_hits``: ids of remarks whose text matches ``text`` (when set)."""
        if remark.deleted:
            return False
        if self.by_participant and remark.participant != self.participant:
            return False
        if self.organisations and not self.organisations.intersection(remark.organisations):
            return False
        if self.kind is not None and remark.kind != self.kind:
            return False
        if self.starred and not remark.starred:
            return False
        if self.private and not remark.private:
            return False
        return not (self.text and (text_hits is None or remark.id not in text_hits))

    def describe(self, vocab: Vocabulary) -> str:
        """Dutch, short: 'Ouder 2 · vt of rvdk · positief · ster · "bejegening"'."""
        parts: list[str] = []
        if self.by_participant:
            person = vocab.person(self.participant)
            parts.append(person.pseudonym if person else "zonder spreker")
        if self.organisations:
            order = [o.key for o in vocab.orgs]
            keys = sorted(self.organisations, key=lambda k: order.index(k) if k in order else 99)
            parts.append(" of ".join(keys))
        if self.kind is not None:
            parts.append(self.kind.label)
        if self.starred:
            parts.append("ster")
        if self.private:
            parts.append("privé")
        if self.text:
            parts.append(f'"{self.text}"')
        return " · ".join(parts)
