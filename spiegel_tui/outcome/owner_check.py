"""An action's owner is a team or a role, never a client: a warning when it looks like one.

Pure (no storage, no documents), so the store, the exports and the screens share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spiegel_tui.model import Meeting


def owner_warning(meeting: Meeting, owner: str) -> str:
    """A Dutch warning when ``owner`` names a participant (pseudonym or local label);
    empty when it looks fine. The warning never repeats the owner's text (it may hold
    a local label)."""
    return owner_warning_for([(p.pseudonym, p.label) for p in meeting.participants], owner)


def owner_warning_for(people: Sequence[tuple[str, str]], owner: str) -> str:
    """:func:`owner_warning` for ``(pseudonym, label)`` pairs."""
    from spiegel_tui.export.labels import fold_label

    folded = f" {fold_label(owner)} "
    if not folded.strip():
        return ""
    for pseudonym, label in people:
        for name in (pseudonym, label):
            wanted = fold_label(name)
            if wanted and f" {wanted} " in folded:
                return (
                    f"Let op: een eigenaar van een actie lijkt een deelnemer ({pseudonym}). "
                    "Een eigenaar is een team of een rol, nooit een cliënt."
                )
    return ""
