"""The export formats and the checks every export passes, with their Dutch texts."""

from __future__ import annotations

from pathlib import Path

from spiegel_tui.errors import ExportError

#: Every format a meeting can be written as: the meeting file, then the documents.
FORMATS = ("json", "docx", "md", "csv")
#: The formats written from the outcome (docx, md) or the remarks (csv).
DOCUMENT_FORMATS = ("docx", "md", "csv")


def check_format(
    fmt: str,
    *,
    template: Path | None = None,
    include_private: bool = False,
    include_labels: bool = False,
    to_stdout: bool = False,
) -> None:
    """Refuse, in Dutch, an export that is not what was asked for."""
    if fmt not in FORMATS:
        raise ExportError(f"Onbekend formaat '{fmt}': kies uit {', '.join(FORMATS)}.")
    if template is not None and fmt != "docx":
        raise ExportError("Een sjabloon (--template) hoort alleen bij een Word-document (docx).")
    if fmt == "json":
        return
    if include_labels:
        raise ExportError("--include-labels hoort alleen bij --format json.")
    if to_stdout:
        raise ExportError("Naar standaarduitvoer kan alleen met --format json.")
    if include_private and fmt != "csv":
        # Asking for it must not look as if it happened: documents go to others.
        raise ExportError("Privé-opmerkingen komen nooit in een document; alleen in csv.")
