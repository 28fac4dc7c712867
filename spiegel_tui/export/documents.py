"""Writing the documents: the outcome (Word, Markdown) and the remarks (CSV).

Reached through :func:`spiegel_tui.export.export_meeting`, which also writes the
meeting file (json).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from spiegel_tui.errors import ExportError
from spiegel_tui.export.formats import DOCUMENT_FORMATS, check_format
from spiegel_tui.fileio import check_target, write_atomic
from spiegel_tui.model import Meeting

_FILE_STEMS = {
    "docx": "uitkomsten-samenkracht",
    "md": "uitkomsten-samenkracht",
    "csv": "opmerkingen",
    "letter": "brief-deelnemers",
    "feedback": "terugkoppeling",
}
#: The file's extension when it is not the format's name.
_EXTENSIONS = {"letter": "docx", "feedback": "docx"}


def _check(
    fmt: str, template: Path | None, include_private: bool, organisation: str | None = None
) -> None:
    check_format(fmt, template=template, include_private=include_private, organisation=organisation)
    if fmt not in DOCUMENT_FORMATS:
        raise ExportError(
            f"Een {fmt}-bestand is geen document: kies uit {', '.join(DOCUMENT_FORMATS)}."
        )


def default_filename(meeting: Meeting, fmt: str, organisation: str | None = None) -> str:
    """ "2021-10-14-uitkomsten-samenkracht.docx"; the CSV holds remarks, not outcomes;
    the meeting file is "2021-10-14-bijeenkomst-3.json"; one organisation's report-back
    "2021-10-14-terugkoppeling-vt.docx"."""
    check_format(fmt, organisation=organisation)
    if fmt == "json":
        return f"{meeting.date.isoformat()}-bijeenkomst-{meeting.id or 0}.json"
    part = re.sub(r"[^A-Za-z0-9_-]+", "", organisation or "")
    stem = _FILE_STEMS[fmt] + (f"-{part}" if part else "")
    return f"{meeting.date.isoformat()}-{stem}.{_EXTENSIONS.get(fmt, fmt)}"


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
    organisation: str | None = None,
) -> Path:
    """Write ``meeting`` as ``fmt`` to ``path``; returns the path written.

    Private and deleted remarks and local labels never reach a docx or md document;
    ``include_private`` adds private remarks (marked) to the CSV only. ``organisation``
    (a key): the letter or report-back of that organisation's points only.
    """
    _check(fmt, template, include_private, organisation)
    path = Path(path)
    if fmt in ("letter", "feedback"):
        from spiegel_tui.export.follow_up_documents import (
            FEEDBACK_TITLE,
            LETTER_TITLE,
            check_organisation,
            feedback_blocks,
            letter_blocks,
        )

        check_organisation(meeting, organisation)
        check_target(path, force=force, protect=protect)
        build, title = (
            (letter_blocks, LETTER_TITLE) if fmt == "letter" else (feedback_blocks, FEEDBACK_TITLE)
        )
        blocks = build(meeting, organisation)
        from spiegel_tui.export.docx_document import write_docx

        return write_atomic(
            path,
            lambda tmp: write_docx(meeting, tmp, template=template, blocks=blocks, title=title),
            force=force,
            protect=protect,
        )
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
