"""The remarks as CSV: Excel-safe, capture order, private only on request."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from samenkracht import PRIVATE_TEXT, samenkracht_meeting

from spiegel_tui.export import default_filename, export_document
from spiegel_tui.export.csv_export import neutralise, render_csv
from spiegel_tui.model import Kind, Meeting, Organisation, Participant, Question, Remark

TZ = dt.timezone(dt.timedelta(hours=2))
BOM = b"\xef\xbb\xbf"


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(
        csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=";")
    )


def small() -> Meeting:
    return Meeting(
        topic="Thema",
        date=dt.date(2023, 1, 5),
        organisations=[Organisation("vt", "Veilig Thuis"), Organisation("rvdk", "Raad")],
        participants=[Participant("p1", "Ouder 1", label="Marieke")],
        questions=[Question("q1", "Hoe ging het?")],
        remarks=[
            Remark(dt.datetime(2023, 1, 5, 19, 40, 5, tzinfo=TZ), 'Zei "nee",\nen toen één keer ja',
                   Kind.POSITIVE, "p1", ["vt", "rvdk"], "q1", starred=True, id=1),
            Remark(dt.datetime(2023, 1, 5, 19, 41, 0, tzinfo=TZ), "Mijn eigen zaak",
                   Kind.WISH, "p1", ["vt"], private=True, id=2),
            Remark(dt.datetime(2023, 1, 5, 19, 42, 0, tzinfo=TZ), "Weg", deleted=True, id=3),
            Remark(dt.datetime(2023, 1, 5, 20, 1, 9, tzinfo=TZ), "=1+1", id=4),
        ],
    )  # fmt: skip


def test_exact_bytes():
    expected = (
        "tijd;deelnemer;organisaties;vraag;soort;ster;tekst\r\n"
        '19:40:05;Ouder 1;Veilig Thuis, Raad;Hoe ging het?;positief;ja;"Zei ""nee"",\n'
        'en toen één keer ja"\r\n'
        "20:01:09;;;;notitie;nee;'=1+1\r\n"
    )
    assert render_csv(small()) == BOM + expected.encode()


def test_include_private_adds_column_and_rows():
    table = rows(render_csv(small(), include_private=True))
    assert table[0] == [
        "tijd",
        "deelnemer",
        "organisaties",
        "vraag",
        "soort",
        "ster",
        "tekst",
        "prive",
    ]
    assert [r[-2:] for r in table[1:]] == [
        ['Zei "nee",\nen toen één keer ja', "nee"],
        ["Mijn eigen zaak", "ja"],
        ["'=1+1", "nee"],
    ]
    assert "Weg" not in {r[6] for r in table[1:]}


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@echo", "'@echo"),
        ("\tverborgen", "'\tverborgen"),
        ("\rterug", "'\rterug"),
        ("gewoon = tekst", "gewoon = tekst"),
        ("", ""),
    ],
)
def test_neutralise(cell, safe):
    assert neutralise(cell) == safe


def test_every_text_column_is_neutralised():
    meeting = small()
    meeting.participants[0].pseudonym = "@Ouder"
    meeting.organisations[0].name = "+Thuis"
    meeting.questions[0].text = "-vraag"
    meeting.remarks[0].text = " \t=cmd"  # trimmed first, then neutralised
    first = rows(render_csv(meeting))[1]
    assert first[1:4] == ["'@Ouder", "'+Thuis, Raad", "'-vraag"]
    assert first[6] == "'=cmd"


def test_fixture_rows_in_capture_order_without_private(tmp_path: Path):
    meeting = samenkracht_meeting()
    path = tmp_path / default_filename(meeting, "csv")
    assert path.name == "2021-10-14-opmerkingen.csv"
    export_document(meeting, path, "csv")
    data = path.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o600
    assert PRIVATE_TEXT.encode() not in data
    table = rows(data)
    assert len(table) == 1 + 20  # 21 remarks, one private
    assert table[1] == [
        "19:45:07",
        "Ouder 1",
        "Veilig Thuis",
        "Hoe werd u bejegend bij het eerste contact?",
        "positief",
        "ja",
        "Mijn contactpersoon bij Veilig Thuis luisterde echt naar beide kanten, ook toen "
        "de toon agressief werd.",
    ]
    assert [r[0] for r in table[1:]] == sorted(r[0] for r in table[1:])
    assert table[-1][1:3] == ["", "Veilig Thuis, Raad voor de Kinderbescherming, "
                              "Jeugd- & Gezinsbeschermers"]  # fmt: skip


def test_labels_and_control_characters_are_cleaned():
    meeting = small()
    meeting.remarks[0].text = "marieke\x00 belde\x1b[31m om \ud800 negen"
    table = rows(render_csv(meeting))
    assert table[1][6] == "Ouder 1 belde om \ufffd negen"


def test_private_not_allowed_in_documents(tmp_path: Path):
    from spiegel_tui.errors import ExportError

    with pytest.raises(ExportError, match="alleen in csv"):
        export_document(small(), tmp_path / "x.md", "md", include_private=True)
    assert not (tmp_path / "x.md").exists()
