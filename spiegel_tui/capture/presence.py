"""Is a meeting open in another running Spiegel? Asked before deleting or purging it.

Each capture screen marks its meeting open (``MeetingStore.mark_open``) with its
app's owner (``draft_owner``) and unmarks it when it closes. A mark left by an app
that crashed or was killed does not count: its owner no longer runs.
"""

from __future__ import annotations

from spiegel_tui.capture import draft_owner
from spiegel_tui.errors import SpiegelError
from spiegel_tui.storage import MeetingStore


def open_elsewhere(store: MeetingStore, meeting_id: int) -> int:
    """How many other running apps have ``meeting_id`` open (0 if unknown)."""
    try:
        owners = store.presence(meeting_id)
    except SpiegelError:
        return 0
    me = draft_owner.this_process()
    return sum(1 for owner in owners if owner != me and draft_owner.is_running(owner))


def warning(count: int) -> str:
    """The sentence a confirmation adds when the meeting is open elsewhere."""
    where = "een andere Spiegel" if count == 1 else f"{count} andere Spiegels"
    return (
        f"Let op: deze bijeenkomst is nu geopend in {where}; daar wordt misschien nog "
        "genotuleerd. Die Spiegel meldt het dan en bewaart wat er nog getypt wordt in "
        "een noodbestand, niet in de database."
    )
