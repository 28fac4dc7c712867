"""What the re-identification check takes and gives: texts, vocabulary, findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FindingKind(StrEnum):
    NAME = "naam"
    PLACE = "plaats"
    DATE = "datum"
    AGE = "leeftijd"
    PHONE = "telefoonnummer"
    EMAIL = "e-mailadres"
    CASE_NUMBER = "dossiernummer"
    BSN = "burgerservicenummer"
    ADDRESS = "adres"
    POSTCODE = "postcode"
    SCHOOL = "school"
    LOCAL_LABEL = "lokale aanduiding"


#: The neutral wording suggested for each kind (a local label gets its pseudonym).
REPLACEMENTS: dict[FindingKind, str] = {
    FindingKind.NAME: "[naam]",
    FindingKind.PLACE: "een gemeente",
    FindingKind.DATE: "[datum]",
    FindingKind.AGE: "[leeftijd]",
    FindingKind.PHONE: "[telefoonnummer]",
    FindingKind.EMAIL: "[e-mailadres]",
    FindingKind.CASE_NUMBER: "[dossiernummer]",
    FindingKind.BSN: "[burgerservicenummer]",
    FindingKind.ADDRESS: "[adres]",
    FindingKind.POSTCODE: "[postcode]",
    FindingKind.SCHOOL: "een school",
    FindingKind.LOCAL_LABEL: "[deelnemer]",
}

#: A child's name found with its kinship words ("mijn zoon Daan") is replaced whole.
CHILD_REPLACEMENT = "een kind"


@dataclass(frozen=True)
class Text:
    """One text that goes into a document. ``id`` says where it comes from
    ("kernpunt:3", "opmerking:17", "inleiding") and stays the same between exports."""

    id: str
    text: str


@dataclass(frozen=True)
class Vocabulary:
    """What the meeting itself knows.

    ``protected``: organisation names, their aliases and the pseudonyms: never findings.
    ``labels``: the note-taker's local label -> that participant's pseudonym: always
    findings, wherever they are found (also inside a protected name).
    """

    protected: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, protected: Iterable[str] = (), labels: Mapping[str, str] | None = None
    ) -> Vocabulary:
        return cls(tuple(p for p in protected if p.strip()), dict(labels or {}))


def normalise(found: str) -> str:
    """Case and white space do not make a finding different."""
    return " ".join(found.split()).casefold()


@dataclass(frozen=True)
class Finding:
    """Something in a text that may identify a family or a professional.

    ``start``/``end`` index ``found`` in the text with id ``text_id``;
    ``replacement`` is the neutral wording suggested in its place.
    """

    kind: FindingKind
    text_id: str
    start: int
    end: int
    found: str
    replacement: str

    @property
    def key(self) -> str:
        """Stable across exports and edits elsewhere in the text: an answer given
        to this finding (replace, accept) is stored under this key."""
        return f"{self.kind.name.lower()}|{normalise(self.found)}|{self.text_id}"

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.name.lower(),
            "text_id": self.text_id,
            "start": self.start,
            "end": self.end,
            "found": self.found,
            "replacement": self.replacement,
            "key": self.key,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            kind=FindingKind[str(data["kind"]).upper()],
            text_id=str(data["text_id"]),
            start=int(data["start"]),
            end=int(data["end"]),
            found=str(data["found"]),
            replacement=str(data["replacement"]),
        )


def replace_all(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every given finding replaced by its suggestion (findings of
    other texts are the caller's business: pass only this text's)."""
    out: list[str] = []
    at = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < at:
            continue
        out.append(text[at : finding.start])
        out.append(finding.replacement)
        at = finding.end
    out.append(text[at:])
    return "".join(out)
