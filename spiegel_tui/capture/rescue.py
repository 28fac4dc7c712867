"""An emergency copy of a meeting when the database can no longer take it.

When the database file is deleted or replaced under the running app, or the meeting
is deleted or purged by another Spiegel, writing on would put the note-taker's text
where nobody will see it, or back into a meeting whose notes were meant to be gone.
Instead the capture screen keeps a meeting file (``spiegel import`` reads it) beside
the database, owner-only, rewritten atomically at every Enter and draft save, and
tells the note-taker where it is. A file gone or replaced (a sync client, a restore:
nobody chose to drop these notes) gives the whole meeting as the screen has it; a
meeting deleted or purged on purpose by another note-taker gives only what the
database never got (typed since, and the line being typed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from spiegel_tui.errors import ExportError, SpiegelError
from spiegel_tui.fileio import write_atomic
from spiegel_tui.meetingfile import meeting_to_json
from spiegel_tui.model import Kind, Meeting, Remark
from spiegel_tui.paths import data_dir
from spiegel_tui.storage.store import Draft

#: A line still being typed goes into the copy as a remark with this in front.
DRAFT_MARK = "(concept) "


def rescue_folders(db_path: Path | None) -> list[Path]:
    """Where a copy may go, the first that takes it: beside the database, the data
    folder, the home folder."""
    folders = [db_path.parent] if db_path is not None else []
    folders += [data_dir(), Path.home()]
    return folders


class RescueFile:
    """The emergency copy of one meeting; :meth:`write` replaces it whole."""

    def __init__(self, db_path: Path | None, meeting_id: int, now: dt.datetime) -> None:
        stem = db_path.stem if db_path is not None else "spiegel"
        self.name = f"{stem}-noodkopie-{meeting_id}-{now:%Y%m%d-%H%M%S}.json"
        self.folders = rescue_folders(db_path)
        self.path: Path | None = None

    def write(
        self,
        meeting: Meeting,
        draft: str = "",
        at: dt.datetime | None = None,
        *,
        only_unstored: bool = False,
        context: Draft | None = None,
    ) -> Path:
        """Write the meeting (and the unfinished line, if any); returns where.

        ``only_unstored``: only remarks the database never got (local ids, below 0)
        and no local labels: after another note-taker deleted or purged the meeting
        on purpose, what they wiped does not come back here.

        Raises :class:`SpiegelError` when no folder takes it.
        """
        remarks = [r for r in meeting.remarks if not only_unstored or (r.id or 0) < 0]
        copy = dataclasses.replace(meeting, remarks=remarks)
        if draft.strip():
            copy.remarks.append(
                Remark(
                    at=at or dt.datetime.now().astimezone(),
                    text=DRAFT_MARK + (context.text if context else draft).strip(),
                    # The line's speaker, organisations and flags, as on the screen.
                    kind=context.kind if context else Kind.NOTE,
                    participant=context.participant if context else None,
                    organisations=list(context.organisations) if context else [],
                    starred=context.starred if context else False,
                    private=context.private if context else False,
                    id=-(len(copy.remarks) + 1_000_000),
                )
            )
        # Owner-only and read back by ``spiegel import``: every remark on the screen,
        # private ones too (flagged private), or the note-taker loses them.
        data = meeting_to_json(copy, include_private=True, include_labels=not only_unstored).encode(
            "utf-8"
        )
        tried = [self.path] if self.path is not None else []
        tried += [folder / self.name for folder in self.folders if folder / self.name not in tried]
        last: SpiegelError | None = None
        for path in tried:
            try:
                if not path.parent.is_dir():
                    continue
                write_atomic(path, data, force=True)
            except (ExportError, OSError) as error:
                last = error if isinstance(error, SpiegelError) else ExportError(str(path))
                continue
            self.path = path
            return path
        raise SpiegelError(
            "Kon ook geen noodkopie schrijven"
            + (f": {last}" if last else "")
            + " Laat Spiegel open staan en schrijf de tekst over."
        )
