"""Exporting a meeting: the outcome document (Word, Markdown) and the remarks (CSV).

Free of Textual and SQLite, so the CLI and the app share it. Every file is written
through :func:`spiegel_tui.fileio.write_atomic`: mode 0600, never half a file, and an
existing file is only replaced when asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spiegel_tui.errors import ExportError
from spiegel_tui.fileio import check_target, write_atomic
from spiegel_tui.model import Meeting

FORMATS = ("docx", "md", "csv")  # json is handled elsewhere

_FILE_STEMS = {
    "docx": "uitkomsten-samenkracht",
    "md": "uitkomsten-samenkracht",
    "csv": "opmerkingen",
}


def _check(fmt: str, template: Path | None, include_private: bool) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
    if template is not None and fmt != "docx":
        raise ExportError("Een sjabloon kan alleen bij een Word-document (docx).")
    if include_private and fmt != "csv":
        # Asking for it must not look as if it happened: documents go to others.
        raise ExportError("Privé-opmerkingen komen nooit in een document; alleen in csv.")


def default_filename(meeting: Meeting, fmt: str) -> str:
    """ "2021-10-14-uitkomsten-samenkracht.docx"; the CSV holds remarks, not outcomes."""
    _check(fmt, None, False)
    return f"{meeting.date.isoformat()}-{_FILE_STEMS[fmt]}.{fmt}"


def export_document(
    meeting: Meeting,
    path: Path,
    fmt: str,
    *,
    force: bool = False,
    template: Path | None = None,
    appendix: bool = False,
    include_private: bool = False,
    protect: Sequence[Path] = (),
) -> Path:
    """Write ``meeting`` as ``fmt`` to ``path``; returns the path written.

    Private and deleted remarks and local labels never reach a docx or md document;
    ``include_private`` adds private remarks (marked) to the CSV only.
    """
    _check(fmt, template, include_private)
    path = Path(path)
    check_target(path, force=force, protect=protect)  # before any work on a template
    if fmt == "docx":
        from spiegel_tui.export.docx_document import write_docx

        return write_atomic(
            path,
            lambda tmp: write_docx(meeting, tmp, template=template, appendix=appendix),
            force=force,
            protect=protect,
        )
    if fmt == "md":
        from spiegel_tui.export.markdown import render_markdown

        data = render_markdown(meeting, appendix=appendix).encode("utf-8")
    else:
        from spiegel_tui.export.csv_export import render_csv

        data = render_csv(meeting, include_private=include_private)
    return write_atomic(path, data, force=force, protect=protect)
