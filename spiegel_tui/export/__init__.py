"""Exporting a meeting: one entry point for the CLI and the app alike.

:func:`export_meeting` writes the meeting file (json), the outcome document (docx,
md) or the remarks (csv); ``FORMATS`` lists them and :mod:`.formats` holds the one
set of refusals. Free of Textual and SQLite. Every file is written through
:func:`spiegel_tui.fileio.write_atomic`: mode 0600, never half a file, and an
existing file is only replaced when asked. python-docx is imported only when a Word
document is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from spiegel_tui.export.documents import default_filename, export_document
from spiegel_tui.export.formats import FORMATS, check_format
from spiegel_tui.fileio import write_atomic
from spiegel_tui.model import Meeting

__all__ = [
    "FORMATS",
    "ExportResult",
    "default_filename",
    "default_path",
    "export_document",
    "export_meeting",
]


@dataclass
class ExportResult:
    path: Path | None
    #: Dutch warnings for the person exporting (e.g. a local label in a key point).
    warnings: list[str] = field(default_factory=list)


def default_path(
    meeting: Meeting, fmt: str, folder: Path | None = None, organisation: str | None = None
) -> Path:
    return (folder or Path.cwd()) / default_filename(meeting, fmt, organisation)


def export_meeting(
    meeting: Meeting,
    fmt: str,
    path: Path | None,
    *,
    stdout: TextIO | None = None,
    force: bool = False,
    template: Path | None = None,
    appendix: bool = False,
    include_private: bool = False,
    include_labels: bool = False,
    protect: Sequence[Path] = (),
    organisation: str | None = None,
) -> ExportResult:
    """Write ``meeting`` as ``fmt`` to ``path`` (or ``stdout``); atomic and owner-only.

    ``protect``: the open database; no export is written over it (nor over any other
    SQLite file, see :func:`spiegel_tui.fileio.check_target`). ``organisation``: the
    letter or report-back of one organisation (its key).
    """
    check_format(
        fmt,
        template=template,
        include_private=include_private,
        include_labels=include_labels,
        to_stdout=stdout is not None,
        organisation=organisation,
    )
    from spiegel_tui.export.labels import label_warnings

    if fmt == "json":
        from spiegel_tui.meetingfile import meeting_to_json

        # Safe to share unless asked otherwise: without flags the meeting file holds
        # no private remarks and its texts have pseudonyms where labels were typed.
        if include_labels:
            warnings = []
        else:
            warnings = label_warnings(meeting, include_private=include_private)
        if include_private:
            warnings.append(
                "Dit bestand bevat de vertrouwelijke opmerkingen (--include-private): "
                "alleen voor uw eigen computer of een tweede notulist, nooit voor anderen."
            )
        if include_labels:
            warnings.append(
                "Dit bestand bevat uw eigen aanduidingen van deelnemers (--include-labels), "
                "ook in de teksten: alleen voor eigen gebruik."
            )
        text = meeting_to_json(
            meeting, include_private=include_private, include_labels=include_labels
        )
        if stdout is not None:
            stdout.write(text)
            return ExportResult(None, warnings)
        target = path or default_path(meeting, fmt)
        written = write_atomic(target, text.encode("utf-8"), force=force, protect=protect)
        return ExportResult(written, warnings)

    warnings = label_warnings(meeting, include_private=include_private)
    if fmt in ("letter", "feedback"):
        from spiegel_tui.export.follow_up_documents import check_organisation
        from spiegel_tui.outcome.owner_check import owner_warning

        check_organisation(meeting, organisation)
        # An owner is a team or a role: a participant's name there is said aloud.
        owners = {a.owner for p in meeting.outcome.key_points for r in p.responses
                  for a in r.actions}  # fmt: skip
        warnings += [w for o in sorted(owners) if (w := owner_warning(meeting, o))]
    target = path or default_path(meeting, fmt, organisation=organisation)
    written = export_document(
        meeting,
        target,
        fmt,
        force=force,
        template=template,
        appendix=appendix,
        include_private=include_private,
        protect=protect,
        organisation=organisation,
    )
    return ExportResult(written, warnings)
