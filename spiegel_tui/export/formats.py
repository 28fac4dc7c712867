"""The export formats and the checks every export passes, with their Dutch texts."""

from __future__ import annotations

from pathlib import Path

from spiegel_tui.errors import ExportError

#: Every format a meeting can be written as: the meeting file, then the documents.
FORMATS = ("json", "docx", "md", "csv", "letter", "feedback")
#: The formats written from the outcome (docx, md), the remarks (csv) or the
#: follow-up: the letter to the participants and the report-back (both Word).
DOCUMENT_FORMATS = ("docx", "md", "csv", "letter", "feedback")
#: The formats written as a Word file (a template applies to these).
WORD_FORMATS = ("docx", "letter", "feedback")
#: The formats that can be one organisation's part (``--org``).
ORGANISATION_FORMATS = ("letter", "feedback")


def check_format(
    fmt: str,
    *,
    template: Path | None = None,
    include_private: bool = False,
    include_labels: bool = False,
    to_stdout: bool = False,
    organisation: str | None = None,
) -> None:
    """Refuse, in Dutch, an export that is not what was asked for."""
    if fmt not in FORMATS:
        raise ExportError(f"Onbekend formaat '{fmt}': kies uit {', '.join(FORMATS)}.")
    if template is not None and fmt not in WORD_FORMATS:
        raise ExportError(
            "Een sjabloon (--template) hoort alleen bij een Word-document "
            f"({', '.join(WORD_FORMATS)})."
        )
    if organisation is not None and fmt not in ORGANISATION_FORMATS:
        raise ExportError(f"--org hoort alleen bij --format {' of '.join(ORGANISATION_FORMATS)}.")
    if fmt == "json":
        return
    if include_labels:
        raise ExportError("--include-labels hoort alleen bij --format json.")
    if to_stdout:
        raise ExportError("Naar standaarduitvoer kan alleen met --format json.")
    if include_private and fmt != "csv":
        # Asking for it must not look as if it happened: documents go to others.
        raise ExportError("Privé-opmerkingen komen nooit in een document; alleen in csv.")
