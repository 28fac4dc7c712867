"""The outcome document as Markdown: seed 002 reproduced, text kept as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from samenkracht import PRIVATE_TEXT, SEED_PARAGRAPHS, samenkracht_meeting

from spiegel_tui.export import default_filename, export_document
from spiegel_tui.export.markdown import escape_line, render_markdown
from spiegel_tui.export.samenkracht import Q_FOLLOW_UP, Q_INPUT, Q_KEY_POINTS, Q_PRODUCED
from spiegel_tui.model import KeyPoint, Kind, Meeting, Organisation, Participant, Remark

QUESTIONS = {Q_KEY_POINTS, Q_PRODUCED, Q_INPUT, Q_FOLLOW_UP}
TZ = dt.timezone(dt.timedelta(hours=2))


#: The compact block under the title (house style) that seed 002 does without.
SEED_INFO = (
    "Locatie: Hilversum",
    "Deelnemers: 5 van de 7 uitgenodigden",
    "Organisaties: Veilig Thuis, Raad voor de Kinderbescherming, Jeugd- & Gezinsbeschermers",
)


def seed_markdown() -> str:
    """Seed 002 written by hand rules: # title, ## questions, tight - bullets; the date,
    topic and the rest of the compact block are one paragraph of lines."""
    out = []
    for n, para in enumerate(SEED_PARAGRAPHS):
        if n in (1, 2):
            out.append(("\n\n" if n == 1 else "  \n") + para)
            if n == 2:
                out.extend("  \n" + line for line in SEED_INFO)
        elif n == 0:
            out.append("\n\n# " + para)
        elif para in QUESTIONS:
            out.append("\n\n## " + para)
        elif para.startswith("- ") and out[-1].lstrip("\n").startswith("- "):
            out.append("\n" + para)
        else:
            out.append("\n\n" + para)
    return "".join(out).lstrip("\n") + "\n"


def test_fixture_renders_as_the_seed_document():
    assert render_markdown(samenkracht_meeting()) == seed_markdown()


def test_export_writes_utf8_file_0600(tmp_path: Path):
    meeting = samenkracht_meeting()
    path = tmp_path / default_filename(meeting, "md")
    assert path.name == "2021-10-14-uitkomsten-samenkracht.md"
    assert export_document(meeting, path, "md") == path
    assert path.read_text(encoding="utf-8") == seed_markdown()
    assert path.stat().st_mode & 0o777 == 0o600
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def small() -> Meeting:
    return Meeting(
        topic="Thema",
        date=dt.date(2023, 1, 5),
        introduction="Inleiding.",
        organisations=[Organisation("vt", "Veilig Thuis"), Organisation("rvdk", "Raad")],
        participants=[
            Participant("p1", "Ouder 1", label="Marieke"),
            Participant("p2", "Jongere 2"),
        ],
        remarks=[
            Remark(dt.datetime(2023, 1, 5, 19, 40, tzinfo=TZ), "Goed geluisterd", Kind.POSITIVE,
                   "p1", ["vt"], id=1),
            Remark(dt.datetime(2023, 1, 5, 19, 41, tzinfo=TZ), "Te laat gebeld", Kind.IMPROVEMENT,
                   "p2", ["vt", "rvdk"], id=2),
            Remark(dt.datetime(2023, 1, 5, 19, 42, tzinfo=TZ), "Mijn eigen zaak", Kind.WISH,
                   "p2", ["vt"], private=True, id=3),
            Remark(dt.datetime(2023, 1, 5, 19, 43, tzinfo=TZ), "Weggegooid", Kind.WISH,
                   "p1", ["vt"], deleted=True, id=4),
            Remark(dt.datetime(2023, 1, 5, 19, 44, tzinfo=TZ), "Vaker zo'n avond", Kind.WISH,
                   None, [], id=5),
            Remark(dt.datetime(2023, 1, 5, 19, 45, tzinfo=TZ), "Koffie", Kind.NOTE,
                   "p1", [], id=6),
        ],
    )  # fmt: skip


def test_appendix_per_organisation_exact():
    meeting = small()
    meeting.outcome.key_points = [KeyPoint("Eerste punt"), KeyPoint("Tweede punt")]
    meeting.outcome.produced = "Veel."
    assert render_markdown(meeting, appendix=True) == (
        "# Uitkomsten Samenkracht!-bijeenkomst\n\n"
        "Datum bijeenkomst: 5 januari 2023  \n"
        "Project/onderwerp: Thema  \n"
        "Deelnemers: 2 van de 2 uitgenodigden  \n"
        "Organisaties: Veilig Thuis, Raad\n\n"
        "Inleiding.\n\n"
        f"## {Q_KEY_POINTS}\n\n"
        "- Eerste punt\n"
        "- Tweede punt\n\n"
        f"## {Q_PRODUCED}\n\n"
        "Veel.\n\n"
        f"## {Q_INPUT}\n\n"
        f"## {Q_FOLLOW_UP}\n\n"
        "## Bijlage: opmerkingen per organisatie\n\n"
        "### Veilig Thuis\n\n"
        "#### Positief\n\n"
        "- Ouder 1: Goed geluisterd\n\n"
        "### Meerdere organisaties\n\n"
        "#### Verbeterpunten\n\n"
        "- Jongere 2: Te laat gebeld (Veilig Thuis, Raad)\n\n"
        "### Algemeen\n\n"
        "#### Wensen\n\n"
        "- Vaker zo'n avond\n\n"
        "#### Overige opmerkingen\n\n"
        "- Ouder 1: Koffie\n"
    )


def test_private_deleted_and_labels_never_appear():
    meeting = samenkracht_meeting()
    meeting.participants[0].label = "Marieke"
    meeting.remarks[0].text += " Marieke zei het zelf."
    meeting.remarks[1].deleted = True
    meeting.outcome.key_points[0].text += " (zei MARIEKE)"
    text = render_markdown(meeting, appendix=True)
    assert PRIVATE_TEXT not in text
    assert "Het hangt heel erg af" not in text  # the deleted remark
    assert "marieke" not in text.lower()
    assert "Ouder 1 zei het zelf." in text
    assert "(zei Ouder 1)" in text


def test_line_breaks_and_paragraphs():
    meeting = small()
    meeting.introduction = "Regel een\nregel twee\n\n\n  Tweede alinea  "
    meeting.outcome.key_points = [KeyPoint("Punt\nmet vervolg\n\nen meer")]
    text = render_markdown(meeting)
    assert "Regel een  \nregel twee\n\nTweede alinea\n\n" in text
    assert "- Punt  \n  met vervolg  \n  en meer\n" in text


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# 3 keer gebeld", "\\# 3 keer gebeld"),
        ("#hashtag", "#hashtag"),
        ("- nee", "\\- nee"),
        ("-5 graden", "-5 graden"),
        ("+ plus", "\\+ plus"),
        ("* ster", "\\* ster"),
        ("> citaat", "\\> citaat"),
        ("1. eerst", "1\\. eerst"),
        ("2) daarna", "2\\) daarna"),
        ("2021 was zwaar", "2021 was zwaar"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("* * *", "\\* * *"),
        ("```", "\\```"),
        ("<script>", "\\<script>"),
        ("    ingesprongen", "ingesprongen"),
        ("gewone tekst - met streepje", "gewone tekst - met streepje"),
    ],
)
def test_escape_line(line, escaped):
    assert escape_line(line) == escaped


def test_markdown_lookalikes_in_content_stay_text():
    meeting = small()
    meeting.outcome.key_points = [KeyPoint("- al een streepje"), KeyPoint("1. genummerd")]
    meeting.outcome.produced = "# geen kop\n> geen citaat"
    text = render_markdown(meeting)
    assert "- \\- al een streepje\n- 1\\. genummerd\n" in text
    assert "\\# geen kop  \n\\> geen citaat" in text
