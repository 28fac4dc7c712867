"""What a wrap-up session reports: conflicts, reloads and how they are named.

Free of Textual; used by :mod:`spiegel_tui.outcome.session` and the wrap-up screen.
"""

from __future__ import annotations

import dataclasses
import hashlib

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Meeting

#: How the texts are named in notices.
TEXT_NAMES = {
    "introduction": "De inleiding",
    "produced": "Slottekst 1 (wat heeft de bijeenkomst opgeleverd)",
    "input_follow_up": "Slottekst 2 (wat gebeurt er met de input)",
    "follow_up_meeting": "Slottekst 3 (vervolgbijeenkomst)",
}
PURGED = (
    "De ruwe notities van deze bijeenkomst zijn gewist. De kernpunten en teksten blijven; "
    "de opmerkingen zijn niet meer te zien."
)
#: Between the stored text and the text typed here, after both changed at once.
KEPT_MARK = "\n\n--- uw tekst, nog te plaatsen ---\n"
NEW_POINT_SLOT = "point-new"


def point_slot(point_id: int | None, revision: int | None = None, text: str = "") -> str:
    """The draft slot of the editor on a point.

    With ``revision``, the slot also names the revision and a fingerprint of the text
    the editor opened on: a draft left by a crash goes back onto that point only while
    it is still that point (key-point ids are reused after a delete, and another
    instance may have saved a newer text meanwhile).
    """
    if point_id is None:
        return NEW_POINT_SLOT
    if revision is None:
        return f"point-{point_id}"
    fingerprint = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"point-{point_id}@{revision}.{fingerprint}"


class Conflict(SpiegelError):
    """An edit not made because another instance changed the same thing first.

    The session has reloaded; ``kept`` is the text typed here, to offer back.
    """

    def __init__(self, message: str, kept: str | None = None) -> None:
        super().__init__(message)
        self.kept = kept
        #: The point the kept text was typed for, as stored now (None: it is gone).
        self.point: KeyPoint | None = None


@dataclasses.dataclass
class Refresh:
    """What a reload brought: notices to show and which parts to redraw."""

    notices: list[str] = dataclasses.field(default_factory=list)
    texts: set[str] = dataclasses.field(default_factory=set)
    points: bool = False
    remarks: bool = False


def compare_points(before: Meeting, after: Meeting, mine: set[int], result: Refresh) -> None:
    """Add to ``result`` what another instance did to the key points between
    ``before`` and ``after``; points in ``mine`` were changed by this session."""
    old = {p.id: p for p in before.outcome.key_points}
    new_ids = [p.id for p in after.outcome.key_points]
    if [(p.id, p.revision) for p in before.outcome.key_points] != [
        (p.id, p.revision) for p in after.outcome.key_points
    ]:
        result.points = True
    for number, point in enumerate(after.outcome.key_points, start=1):
        was = old.get(point.id)
        if point.id in mine:
            continue
        if was is None:
            result.notices.append(f"Kernpunt {number} is elders toegevoegd.")
        elif was.revision != point.revision:
            result.notices.append(f"Kernpunt {number} is elders gewijzigd.")
        if point.held_by and (was is None or not was.held_by):
            result.notices.append(
                f"Kernpunt {number}: een opmerking erachter is inmiddels vertrouwelijk of "
                "verwijderd. Het blijft buiten het document tot u het herformuleert of "
                "bevestigt (b)."
            )
            result.points = True
    removed = [pid for pid in old if pid not in new_ids and pid not in mine]
    if removed:
        result.points = True
        count = len(removed)
        result.notices.append(
            "Een kernpunt is elders verwijderd."
            if count == 1
            else f"{count} kernpunten zijn elders verwijderd."
        )


def remark_flags(meeting: Meeting) -> list[tuple[object, ...]]:
    return [(r.id, r.private, r.deleted, r.starred, r.kind, r.text) for r in meeting.remarks]
