"""One entry point for every export, used by the CLI and the app alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .errors import ExportError
from .fileio import write_atomic
from .meetingfile import meeting_to_json
from .model import Meeting

FORMATS = ("docx", "md", "csv", "json")


@dataclass
class ExportResult:
    path: Path | None
    #: Dutch warnings for the person exporting (e.g. a local label in a key point).
    warnings: list[str] = field(default_factory=list)


def default_path(meeting: Meeting, fmt: str, folder: Path | None = None) -> Path:
    folder = folder or Path.cwd()
    if fmt == "json":
        return folder / f"{meeting.date.isoformat()}-bijeenkomst-{meeting.id or 0}.json"
    from .export import default_filename

    return folder / default_filename(meeting, fmt)


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
) -> ExportResult:
    """Write ``meeting`` as ``fmt`` to ``path`` (or ``stdout``); atomic and owner-only."""
    if fmt not in FORMATS:
        raise ExportError(f"Onbekend formaat '{fmt}': kies uit {', '.join(FORMATS)}.")
    if template is not None and fmt != "docx":
        raise ExportError("--template hoort bij --format docx.")
    if fmt == "json":
        # A meeting file is a transfer between note-takers' own machines: it keeps
        # private remarks (flagged), and local labels only when asked.
        text = meeting_to_json(meeting, include_labels=include_labels)
        if stdout is not None:
            stdout.write(text)
            return ExportResult(None)
        target = path or default_path(meeting, fmt)
        return ExportResult(write_atomic(target, text.encode("utf-8"), force=force))

    from .export import export_document
    from .export.privacy import label_warnings

    warnings = label_warnings(meeting)
    if stdout is not None:
        raise ExportError("Naar standaarduitvoer kan alleen met --format json.")
    target = path or default_path(meeting, fmt)
    written = export_document(
        meeting,
        target,
        fmt,
        force=force,
        template=template,
        appendix=appendix,
        include_private=include_private,
    )
    return ExportResult(written, warnings)
