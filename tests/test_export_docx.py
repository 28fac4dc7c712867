"""The outcome document as Word: seed 002 reproduced, read back with python-docx and pandoc."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import require_tool
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from samenkracht import PRIVATE_TEXT, SEED_PARAGRAPHS, samenkracht_meeting

from spiegel_tui.errors import ExportError
from spiegel_tui.export import default_filename, export_document
from spiegel_tui.export.labels import label_warnings
from spiegel_tui.export.samenkracht import Q_FOLLOW_UP, Q_INPUT, Q_KEY_POINTS, Q_PRODUCED
from spiegel_tui.model import KeyPoint
from spiegel_tui.outcome.intro import draft_introduction

QUESTIONS = {Q_KEY_POINTS, Q_PRODUCED, Q_INPUT, Q_FOLLOW_UP}
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


#: The compact block (house style) that seed 002 does without, after date and topic.
SEED_INFO = (
    "Locatie: Hilversum",
    "Deelnemers: 5 van de 7 uitgenodigden",
    "Organisaties: Veilig Thuis, Raad voor de Kinderbescherming, Jeugd- & Gezinsbeschermers",
)
#: Paragraphs before the introduction: title and the compact block.
BEFORE_INTRO = 3 + len(SEED_INFO)


def seed_paragraphs() -> list[tuple[str, str]]:
    """(style, text) for every paragraph of seed 002, with the compact block."""
    expected = []
    for n, para in enumerate(SEED_PARAGRAPHS):
        if n == 3:
            expected.extend(("Normal", line) for line in SEED_INFO)
        if n == 0:
            expected.append(("Title", para))
        elif para in QUESTIONS:
            expected.append(("Heading 1", para))
        elif para.startswith("- "):
            expected.append(("List Bullet", para[2:]))
        else:
            expected.append(("Normal", para))
    return expected


def export(tmp_path: Path, meeting=None, name: str = "uit.docx", **options) -> Path:
    meeting = meeting or samenkracht_meeting()
    return export_document(meeting, tmp_path / name, "docx", **options)


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def raw_xml(path: Path) -> str:
    """Every part of the package, so nothing hides in properties or numbering."""
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


def bullet_definition(document: DocxDocument) -> tuple[str, str]:
    """(numFmt, pStyle of the list level) the List Bullet style's numbering points to."""
    style = document.styles["List Bullet"].element
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(int(num_id)).abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    level = abstract.find(qn("w:lvl"))
    p_style = level.find(qn("w:pStyle"))
    return (
        level.find(qn("w:numFmt")).get(qn("w:val")),
        p_style.get(qn("w:val")) if p_style is not None else "",
    )


# The document itself ------------------------------------------------------


def test_fixture_gives_the_seed_document(tmp_path: Path):
    meeting = samenkracht_meeting()
    path = export(tmp_path, meeting, default_filename(meeting, "docx"))
    assert path.name == "2021-10-14-uitkomsten-samenkracht.docx"
    assert paragraphs(path) == seed_paragraphs()


def test_bullets_are_a_real_list(tmp_path: Path):
    document = docx.Document(str(export(tmp_path)))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 8
    assert bullet_definition(document) == ("bullet", document.styles["List Bullet"].style_id)


def test_dutch_language_for_spell_checking(tmp_path: Path):
    document = docx.Document(str(export(tmp_path)))
    styles = document.styles.element
    default = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert default.get(qn("w:val")) == "nl-NL"
    assert {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))} == {"nl-NL"}
    settings = document.settings.element
    assert settings.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert settings.find(qn("w:proofState")) is None


def test_core_properties(tmp_path: Path):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = docx.Document(str(export(tmp_path))).core_properties
    after = dt.datetime.now(dt.UTC)
    assert props.title == "Uitkomsten Samenkracht!-bijeenkomst 14 oktober 2021"
    assert props.subject == "Spiegelbijeenkomst thema bejegening binnen de Jeugdbeschermingsketen"
    assert props.author == props.last_modified_by == "Spiegel"
    assert props.revision == 1
    assert props.language == "nl-NL"
    assert props.created == props.modified
    assert before <= props.created.replace(tzinfo=dt.UTC) <= after


def test_a4_page(tmp_path: Path):
    section = docx.Document(str(export(tmp_path))).sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.cm, 1) for m in margins] == [2.5] * 4


def test_pandoc_reads_headings_and_a_list(tmp_path: Path):
    require_tool("pandoc")
    path = export(tmp_path)
    markdown = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "gfm", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [re.sub(r"^-\s+", "- ", line) for line in markdown.splitlines()]  # "-   " in 2.x
    assert f"# {Q_KEY_POINTS}" in lines
    items = [line for line in lines if line.startswith("- ")]
    assert items == [f"- {text}" for style, text in seed_paragraphs() if style == "List Bullet"]


def test_multi_paragraph_texts_and_line_breaks(tmp_path: Path):
    meeting = samenkracht_meeting()
    meeting.outcome.produced = "Eerste regel\r\ntweede regel\n\n\nTweede alinea\n"
    meeting.outcome.key_points = [KeyPoint("Punt\nmet vervolg\n\nen meer")]
    path = export(tmp_path, meeting)
    found = paragraphs(path)
    start = found.index(("Heading 1", Q_PRODUCED))
    assert found[start + 1 : start + 4] == [
        ("Normal", "Eerste regel\ntweede regel"),
        ("Normal", "Tweede alinea"),
        ("Heading 1", Q_INPUT),
    ]
    assert ("List Bullet", "Punt\nmet vervolg\nen meer") in found
    body = docx.Document(str(path)).element.body
    assert len(body.findall(f".//{qn('w:br')}")) == 3


def test_empty_introduction_is_drafted(tmp_path: Path):
    meeting = samenkracht_meeting()
    meeting.introduction = "  \n "
    found = paragraphs(export(tmp_path, meeting))
    assert found[BEFORE_INTRO] == ("Normal", draft_introduction(meeting))
    assert found[BEFORE_INTRO + 1] == ("Heading 1", Q_KEY_POINTS)


def test_appendix_per_organisation(tmp_path: Path):
    found = paragraphs(export(tmp_path, appendix=True))
    start = found.index(("Heading 1", "Bijlage: opmerkingen per organisatie"))
    appendix = found[start + 1 :]
    assert [text for style, text in appendix if style == "Heading 2"] == [
        "Veilig Thuis",
        "Raad voor de Kinderbescherming",
        "Jeugd- & Gezinsbeschermers",
        "Meerdere organisaties",
        "Algemeen",
    ]
    # A remark about several organisations is listed once, naming them.
    several = appendix[
        appendix.index(("Heading 2", "Meerdere organisaties")) : appendix.index(
            ("Heading 2", "Algemeen")
        )
    ]
    several = [text for style, text in several if style == "List Bullet"]
    assert several and all(text.endswith(")") and ", " in text for text in several)
    texts = [text.rsplit(" (", 1)[0] for style, text in appendix if style == "List Bullet"]
    assert len(texts) == len(set(texts))
    assert appendix[:3] == [
        ("Heading 2", "Veilig Thuis"),
        ("Heading 3", "Positief"),
        (
            "List Bullet",
            "Ouder 1: Mijn contactpersoon bij Veilig Thuis luisterde echt naar beide kanten, "
            "ook toen de toon agressief werd.",
        ),
    ]
    assert appendix[-4:] == [
        ("Heading 3", "Overige opmerkingen"),
        ("List Bullet", "Ouder 1: Het hangt heel erg af van wie er tegenover je zit."),
        ("List Bullet", "Ouder 4: Laat niemand aan zijn of haar lot over."),
        ("List Bullet", "Pauze van tien minuten."),  # said by nobody in particular
    ]
    assert {style for style, _ in appendix} == {"Heading 2", "Heading 3", "List Bullet"}


# Privacy -------------------------------------------------------------------


def test_private_and_deleted_remarks_never_appear(tmp_path: Path):
    meeting = samenkracht_meeting()
    meeting.remarks[1].deleted = True
    xml = raw_xml(export(tmp_path, meeting, appendix=True))
    assert "Pauze van tien minuten" in xml  # the appendix is there
    assert PRIVATE_TEXT not in xml
    assert "Het hangt heel erg af" not in xml


def test_local_labels_never_appear(tmp_path: Path):
    meeting = samenkracht_meeting()
    meeting.participants[0].label = "Marieke van Dijk"
    meeting.participants[1].label = "Hassan"
    meeting.remarks[0].text += " Zei marieke  van\ndijk."
    meeting.outcome.key_points[2].text += " Hassan knikte."
    meeting.topic += " (met HASSAN)"
    xml = raw_xml(export(tmp_path, meeting, appendix=True)).lower()
    assert "marieke" not in xml
    assert "hassan" not in xml
    found = paragraphs(tmp_path / "uit.docx")
    assert found[2][1].endswith("(met Ouder 2)")
    assert found[BEFORE_INTRO + 4][1].endswith("Ouder 2 knikte.")
    assert any(text.endswith("Zei Ouder 1.") for _, text in found)


def test_label_warnings_name_the_place():
    meeting = samenkracht_meeting()
    assert label_warnings(meeting) == []
    meeting.participants[0].label = "Marieke"
    meeting.participants[1].label = "Ouder 2"  # the same as the pseudonym: harmless
    meeting.remarks[0].text += " Marieke zei het."
    meeting.remarks[18].text += " Marieke"  # private: never exported, so no warning
    meeting.outcome.key_points[2].text += " (marieke)"
    meeting.outcome.follow_up_meeting = "Marieke-achtig"  # a hyphen ends a word
    meeting.introduction += " Mariekestraat"  # not the name: another word
    warnings = label_warnings(meeting)
    assert warnings == [
        "De opmerking van 19:45 (Ouder 1) “Mijn contactpersoon bij Veilig Thuis…” bevat "
        "‘Marieke’, uw eigen aanduiding voor Ouder 1. In het document komt daar ‘Ouder 1’ "
        "te staan.",
        "Kernpunt 3 bevat ‘marieke’, uw eigen aanduiding voor Ouder 1. In het document komt "
        "daar ‘Ouder 1’ te staan.",
        "De tekst bij ‘Komt er een vervolg(bijeenkomst)’ bevat ‘Marieke’, uw eigen aanduiding "
        "voor Ouder 1. In het document komt daar ‘Ouder 1’ te staan.",
    ]


# Unclean text ----------------------------------------------------------------


def test_control_characters_never_crash(tmp_path: Path):
    meeting = samenkracht_meeting()
    meeting.topic = "Thema\x00 bejegening\x1b[31m rood\x1b[0m"
    meeting.introduction = "In\x0bleiding \ud800 met \x0cformfeed\ufffe"
    meeting.outcome.key_points[0].text = "Punt\x00 een\x1b]0;titel\x07 klaar"
    meeting.outcome.produced = "Opgeleverd\r\nmet\rregels"
    meeting.organisations[0].name = "Veilig\x1b[1m Thuis"
    meeting.remarks[0].text = "Opm\x00erking \udfff"
    meeting.participants[0].pseudonym = "Ouder\x07 1"
    path = export(tmp_path, meeting, appendix=True)
    found = paragraphs(path)
    assert found[2] == ("Normal", "Project/onderwerp: Thema bejegening rood")
    assert found[BEFORE_INTRO] == ("Normal", "Inleiding \ufffd met formfeed")
    assert found[BEFORE_INTRO + 2] == ("List Bullet", "Punt een klaar")
    assert ("Normal", "Opgeleverd\nmet\nregels") in found
    assert ("Heading 2", "Veilig Thuis") in found
    assert ("List Bullet", "Ouder 1: Opmerking \ufffd") in found
    for fmt in ("md", "csv"):
        export_document(meeting, tmp_path / f"uit.{fmt}", fmt, appendix=True)
    text = (tmp_path / "uit.md").read_text(encoding="utf-8")
    assert "Project/onderwerp: Thema bejegening rood" in text
    assert not any(c in text for c in "\x00\x0b\x0c\x1b\x07\ufffe")


# Files -------------------------------------------------------------------------


def test_file_is_owner_only_and_never_silently_replaced(tmp_path: Path):
    path = export(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_bytes(b"oud")
    with pytest.raises(ExportError, match="bestaat al"):
        export(tmp_path)
    assert path.read_bytes() == b"oud"
    export(tmp_path, force=True)
    assert paragraphs(path) == seed_paragraphs()
    assert path.stat().st_mode & 0o777 == 0o600


def test_failed_export_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "uit.docx"
    path.write_bytes(b"oud")

    def full_disk(self, target: str) -> None:
        Path(target).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DocxDocument, "save", full_disk)
    with pytest.raises(ExportError, match="de schijf is vol"):
        export(tmp_path, force=True)
    assert path.read_bytes() == b"oud"
    assert sorted(os.listdir(tmp_path)) == ["uit.docx"]  # no temporary file left


def test_unknown_format_and_misplaced_options(tmp_path: Path):
    meeting = samenkracht_meeting()
    with pytest.raises(ExportError, match="Onbekend formaat 'pdf'"):
        export_document(meeting, tmp_path / "x.pdf", "pdf")
    with pytest.raises(ExportError, match="alleen bij een Word-document"):
        export_document(meeting, tmp_path / "x.md", "md", template=tmp_path / "t.docx")
    with pytest.raises(ExportError, match="nooit in een document"):
        export(tmp_path, include_private=True)
    assert os.listdir(tmp_path) == []


def test_exporter_imports_neither_textual_nor_sqlite_nor_docx_up_front():
    code = (
        "import sys\n"
        "import spiegel_tui.export\n"
        "assert 'docx' not in sys.modules, 'python-docx imported at import time'\n"
        "import spiegel_tui.export.docx_document, spiegel_tui.export.markdown\n"
        "import spiegel_tui.export.csv_export, spiegel_tui.outcome.intro\n"
        "bad = {'textual', 'sqlite3', 'sqlite_utils'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# Templates -----------------------------------------------------------------------


def make_template(path: Path, *, drop: tuple[str, ...] = (), numbering: bool = True) -> Path:
    """A house style: header text, a custom Normal font, sample body text."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Huisstijl Gemeente Gooi"
    document.sections[0].footer.paragraphs[0].text = "Vertrouwelijk"
    normal = document.styles["Normal"]
    normal.font.name = "Comic Neue"
    normal.font.size = Pt(13)
    document.add_paragraph("VOORBEELDTEKST van het sjabloon")
    for name in drop:
        style = document.styles[name].element
        style.getparent().remove(style)
    if not numbering:
        for rel_id, rel in list(document.part.rels.items()):
            if rel.reltype.endswith("/numbering"):
                document.part.drop_rel(rel_id)
    document.save(str(path))
    return path


def as_dotx(docx_path: Path, dotx_path: Path) -> Path:
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(dotx_path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE, TEMPLATE_TYPE)
            target.writestr(item, data)
    return dotx_path


def check_house_style(path: Path) -> DocxDocument:
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Huisstijl Gemeente Gooi"
    assert section.footer.paragraphs[0].text == "Vertrouwelijk"
    assert document.styles["Normal"].font.name == "Comic Neue"
    assert document.styles["Normal"].font.size == Pt(13)
    assert paragraphs(path) == seed_paragraphs()  # the sample text is gone
    assert bullet_definition(document)[0] == "bullet"
    styles = document.styles.element
    assert {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))} == {"nl-NL"}
    return document


def test_docx_template_keeps_house_style(tmp_path: Path):
    template = make_template(tmp_path / "huisstijl.docx")
    check_house_style(export(tmp_path, template=template))


def test_dotx_template(tmp_path: Path):
    template = as_dotx(make_template(tmp_path / "h.docx"), tmp_path / "huisstijl.dotx")
    with pytest.raises(ValueError):
        docx.Document(str(template))  # why the exporter switches the content type
    path = export(tmp_path, template=template)
    check_house_style(path)
    with zipfile.ZipFile(path) as package:
        assert DOCUMENT_TYPE in package.read("[Content_Types].xml")


@pytest.mark.parametrize("numbering", [True, False])
def test_template_without_list_bullet_gets_one(tmp_path: Path, numbering: bool):
    template = make_template(
        tmp_path / "kaal.docx", drop=("List Bullet", "Title", "Heading 1"), numbering=numbering
    )
    with pytest.raises(KeyError):
        docx.Document(str(template)).styles["List Bullet"]
    document = check_house_style(export(tmp_path, template=template))
    assert bullet_definition(document) == ("bullet", document.styles["List Bullet"].style_id)
    if require_tool("pandoc"):
        markdown = subprocess.run(
            ["pandoc", "-f", "docx", "-t", "gfm", str(tmp_path / "uit.docx")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert sum(bool(re.match(r"-\s", line)) for line in markdown.splitlines()) == 8


def test_imported_styles_follow_a_dutch_normal(tmp_path: Path):
    """Dutch Word calls Normal's id "Standaard": imported styles must point to it."""
    template = make_template(tmp_path / "nl.docx", drop=("Heading 1", "List Bullet"))
    document = docx.Document(str(template))
    for element in document.styles.element.iter():
        for attribute in (qn("w:styleId"), qn("w:val")):
            if element.get(attribute) == "Normal" and element.tag in (
                qn("w:style"),
                qn("w:basedOn"),
                qn("w:next"),
            ):
                element.set(attribute, "Standaard")
    document.save(str(template))
    result = docx.Document(str(export(tmp_path, template=template)))
    heading = result.styles["Heading 1"].element
    assert heading.find(qn("w:basedOn")).get(qn("w:val")) == "Standaard"
    assert heading.find(qn("w:next")).get(qn("w:val")) == "Standaard"
    assert result.styles["Heading 1"].base_style.name == "Normal"


@pytest.mark.parametrize("content", [b"geen zip", None])
def test_unusable_template(tmp_path: Path, content: bytes | None):
    template = tmp_path / "sjabloon.docx"
    if content is not None:
        template.write_bytes(content)
    with pytest.raises(ExportError, match="sjabloon"):
        export(tmp_path, template=template)
    assert not (tmp_path / "uit.docx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ([template.name] if content else [])


def test_template_bytes_are_not_changed(tmp_path: Path):
    template = as_dotx(make_template(tmp_path / "h.docx"), tmp_path / "huisstijl.dotx")
    before = template.read_bytes()
    export(tmp_path, template=template)
    assert template.read_bytes() == before
    assert zipfile.ZipFile(io.BytesIO(before)).testzip() is None
