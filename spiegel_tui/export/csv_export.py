"""All remarks as a CSV table, for the note-taker's own sorting and counting in Excel.

UTF-8 with a byte order mark so Excel reads "ë" correctly; a cell that Excel would
read as a formula gets a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from spiegel_tui.export.labels import label_scrubber
from spiegel_tui.model import Meeting, Remark
from spiegel_tui.textclean import clean_line, clean_text

COLUMNS = ("tijd", "deelnemer", "organisaties", "vraag", "soort", "ster", "tekst")
PRIVATE_COLUMN = "prive"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell Excel shows as text, never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def _row(meeting: Meeting, remark: Remark, scrub: Callable[[str], str]) -> list[str]:
    participant = meeting.participant(remark.participant)
    question = meeting.question(remark.question)
    names = [o.name for key in remark.organisations if (o := meeting.organisation(key))]
    return [
        f"{remark.at:%H:%M:%S}",
        neutralise(clean_line(participant.pseudonym)) if participant else "",
        neutralise(clean_line(", ".join(names))),
        neutralise(scrub(clean_line(question.text))) if question else "",
        remark.kind.label,
        _yes_no(remark.starred),
        neutralise(scrub(clean_text(remark.text).strip())),
    ]


def render_csv(meeting: Meeting, *, include_private: bool = False) -> bytes:
    scrub = label_scrubber(meeting)
    out = io.StringIO(newline="")
    # Semicolons: what Excel in a Dutch locale splits columns on when opening a file.
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([*COLUMNS, PRIVATE_COLUMN] if include_private else COLUMNS)
    for remark in meeting.live_remarks():
        if remark.private and not include_private:
            continue
        row = _row(meeting, remark, scrub)
        if include_private:
            row.append(_yes_no(remark.private))
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")
