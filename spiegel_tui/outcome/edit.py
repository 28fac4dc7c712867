"""Composing the key points of an outcome: pure functions on lists of KeyPoint.

Every function returns a new list (plus, where it matters, the index the edited point
now has) and leaves its input alone, so the wrap-up screen saves the result as a whole
and tests compare before and after. A point keeps the ids of the remarks it was made
from, in the order they were added and without duplicates: that is how a sentence in
the document can be traced back to what was said in the room.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from spiegel_tui.errors import SpiegelError
from spiegel_tui.model import KeyPoint, Meeting, Remark
from spiegel_tui.textclean import clean_line, clean_text

_SENTENCE_ENDS = ".!?…:;"

EMPTY_POINT = "Een kernpunt kan niet leeg zijn. Verwijder het als het weg moet."
PRIVATE_POINT = (
    "Een vertrouwelijke opmerking komt nooit in het document en kan dus geen kernpunt worden."
)


def joined_text(texts: Iterable[str]) -> str:
    """Several texts as one paragraph to reword: each a sentence, single-spaced.

    A remark typed in the room often lacks its full stop; joined without one the
    sentences would run into each other.
    """
    sentences = []
    for text in texts:
        sentence = " ".join(clean_line(text).split())
        if not sentence:
            continue
        if sentence[-1] not in _SENTENCE_ENDS:
            sentence += "."
        sentences.append(sentence)
    return " ".join(sentences)


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _copy(points: Sequence[KeyPoint]) -> list[KeyPoint]:
    return [dataclasses.replace(p, remarks=list(p.remarks)) for p in points]


def _check_index(points: Sequence[KeyPoint], index: int) -> None:
    if not 0 <= index < len(points):
        raise IndexError(f"no key point at {index} (there are {len(points)})")


def _usable(remarks: Sequence[Remark]) -> list[Remark]:
    """The remarks a point may be made from; refuses private ones outright."""
    if any(r.private for r in remarks):
        raise SpiegelError(PRIVATE_POINT)
    return [r for r in remarks if r.id is not None and not r.deleted]


def point_from_remarks(remarks: Sequence[Remark]) -> KeyPoint:
    """A new point: the remarks' texts joined, to be reworded; remembers their ids."""
    usable = _usable(remarks)
    if not usable:
        raise SpiegelError("Kies eerst een of meer opmerkingen.")
    return KeyPoint(
        text=joined_text(r.text for r in usable),
        remarks=_unique(r.id for r in usable if r.id is not None),
    )


def add_point(
    points: Sequence[KeyPoint], point: KeyPoint, at: int | None = None
) -> tuple[list[KeyPoint], int]:
    """Insert ``point`` at ``at`` (default: at the end); returns its index."""
    result = _copy(points)
    index = len(result) if at is None else max(0, min(at, len(result)))
    result.insert(index, dataclasses.replace(point, remarks=_unique(point.remarks)))
    return result, index


def attach_remarks(
    points: Sequence[KeyPoint], index: int, remarks: Sequence[Remark]
) -> list[KeyPoint]:
    """Add remarks to an existing point: new ids remembered, their texts appended.

    Texts of remarks the point already came from are not repeated.
    """
    _check_index(points, index)
    result = _copy(points)
    point = result[index]
    new = [r for r in _usable(remarks) if r.id not in point.remarks]
    if new:
        point.text = joined_text([point.text, *(r.text for r in new)])
        point.remarks = _unique([*point.remarks, *(r.id for r in new if r.id is not None)])
    return result


def merge_points(points: Sequence[KeyPoint], indices: Iterable[int]) -> tuple[list[KeyPoint], int]:
    """Several points become one, where the first of them stood; returns its index.

    The texts follow each other in list order; the remark ids are the union.
    """
    chosen = sorted(set(indices))
    if len(chosen) < 2:
        raise SpiegelError("Markeer minstens twee kernpunten om samen te voegen.")
    for index in chosen:
        _check_index(points, index)
    parts = [points[i] for i in chosen]
    merged = KeyPoint(
        text=joined_text(p.text for p in parts),
        remarks=_unique(r for p in parts for r in p.remarks),
    )
    result = _copy(points)
    first = chosen[0]
    result[first] = merged
    for index in reversed(chosen[1:]):
        del result[index]
    return result, first


def move_point(points: Sequence[KeyPoint], index: int, delta: int) -> tuple[list[KeyPoint], int]:
    """Move a point up (negative) or down; stops at either end. Returns its new index."""
    _check_index(points, index)
    result = _copy(points)
    target = max(0, min(index + delta, len(result) - 1))
    result.insert(target, result.pop(index))
    return result, target


def remove_point(points: Sequence[KeyPoint], index: int) -> list[KeyPoint]:
    _check_index(points, index)
    result = _copy(points)
    del result[index]
    return result


def clean_point_text(text: str) -> str:
    """What a reworded point is stored as; blank lines inside it are kept."""
    lines = [line.rstrip() for line in clean_text(text).split("\n")]
    return "\n".join(lines).strip()


def reword_point(points: Sequence[KeyPoint], index: int, text: str) -> list[KeyPoint]:
    """New wording for a point; the remarks it came from stay linked."""
    _check_index(points, index)
    cleaned = clean_point_text(text)
    if not cleaned:
        raise SpiegelError(EMPTY_POINT)
    result = _copy(points)
    result[index].text = cleaned
    return result


def points_by_remark(points: Sequence[KeyPoint]) -> dict[int, list[int]]:
    """Remark id -> the numbers (1-based, as shown) of the points made from it."""
    used: dict[int, list[int]] = {}
    for number, point in enumerate(points, start=1):
        for remark_id in point.remarks:
            used.setdefault(remark_id, []).append(number)
    return used


def held_warnings(points: Sequence[KeyPoint]) -> list[str]:
    """One line per point held out of documents (see :attr:`KeyPoint.held_by`)."""
    return [
        f"Kernpunt {number} blijft buiten het document: een opmerking erachter is inmiddels "
        "vertrouwelijk of verwijderd. Herformuleer of bevestig het bij Afronden."
        for number, point in enumerate(points, start=1)
        if point.held_by
    ]


def without_held_points(meeting: Meeting) -> Meeting:
    """A copy of ``meeting`` for a document: points whose remarks changed since they
    were last written or confirmed are left out, so a remark made private after a point
    was made from it never reaches a document through that point's copied text."""
    if not any(p.held_by for p in meeting.outcome.key_points):
        return meeting
    outcome = dataclasses.replace(
        meeting.outcome, key_points=[p for p in meeting.outcome.key_points if not p.held_by]
    )
    return dataclasses.replace(meeting, outcome=outcome)
