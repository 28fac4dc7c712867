"""Spiegel's house style for Word: fonts, spacing, header and footer, page numbers.

Applied only without an organisation's template (a template brings its own look,
header and footer). Everything here is plain WordprocessingML that Word and
LibreOffice both show the same way; page numbers are fields (PAGE, NUMPAGES) so they
stay right after the reader edits the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

FONT = "Calibri"
#: A dark blue-green: readable in print and for colour-blind readers.
ACCENT = (0x1F, 0x4E, 0x5F)
GREY = (0x59, 0x59, 0x59)


def apply_house_style(document: DocxDocument) -> None:
    """Fonts, sizes and spacing of the styles the documents use."""
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _east_asian_font(normal.element)
    for name, size, bold, before in (
        ("Title", 20, True, 0),
        ("Heading 1", 13, True, 14),
        ("Heading 2", 12, True, 10),
        ("Heading 3", 11, True, 6),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(*ACCENT)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4 if name != "Title" else 10)
        style.paragraph_format.keep_with_next = True
        _east_asian_font(style.element)
    title = styles["Title"]
    # python-docx's Title draws a rule under itself and spaces its letters: too loud.
    _drop(title.element, "w:pPr/w:pBdr", "w:rPr/w:spacing", "w:rPr/w:kern")
    styles["List Bullet"].paragraph_format.space_after = Pt(3)


def _east_asian_font(element: object) -> None:
    """Word picks the font by script: set every slot, not just ASCII."""
    from docx.oxml.ns import qn

    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")  # type: ignore[attr-defined]
    if fonts is None:
        return
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _drop(element: object, *paths: str) -> None:
    from docx.oxml.ns import qn

    for path in paths:
        parent_path, tag = path.rsplit("/", 1)
        parent = element.find(qn(parent_path))  # type: ignore[attr-defined]
        if parent is None:
            continue
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def add_header_footer(document: DocxDocument, left: str, right: str) -> None:
    """Header: ``left`` (the topic) and ``right`` (the date); footer: "pagina X van Y"."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Pt, RGBColor

    for section in document.sections:
        width = section.page_width - section.left_margin - section.right_margin
        header = section.header.paragraphs[0]
        header.text = ""
        header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        _small(header.add_run(_shorten(left, 70)), Pt(9), RGBColor(*GREY))
        _small(header.add_run("\t" + right), Pt(9), RGBColor(*GREY))
        _rule(header, "bottom")
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for piece in ("pagina ", "PAGE", " van ", "NUMPAGES"):
            if piece.isupper():
                _field(footer, piece)
            else:
                _small(footer.add_run(piece), Pt(9), RGBColor(*GREY))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _small(run: object, size: object, colour: object) -> None:
    run.font.size = size  # type: ignore[attr-defined]
    run.font.color.rgb = colour  # type: ignore[attr-defined]


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separate, shown result, end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    def run_with(*children: object) -> None:
        run = paragraph.add_run()
        _small(run, Pt(9), RGBColor(*GREY))
        for child in children:
            run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(separate)
    run_with(shown)
    run_with(end)


def _rule(paragraph: Paragraph, side: str) -> None:
    """A thin line on one side of a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "4"),
        ("w:space", "4"),
        ("w:color", "A6A6A6"),
    ):
        line.set(qn(name), value)
    borders.append(line)
    # w:pBdr comes before w:shd, w:tabs, w:spacing, w:ind, w:jc ... in a w:pPr.
    p_pr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc",
        "w:rPr", "w:sectPr",
    )  # fmt: skip


def add_title(paragraph: Paragraph, text: str) -> None:
    """The title's text, every hyphen a non-breaking one: "Samenkracht!-bijeenkomst"
    must never break after "Samenkracht!-"."""
    from docx.oxml import OxmlElement

    pieces = text.replace("\u2011", "-").split("-")
    for n, piece in enumerate(pieces):
        if n:
            paragraph.add_run()._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            paragraph.add_run(piece)


def add_info_line(paragraph: Paragraph, label: str, value: str) -> None:
    """One line of the compact block under the title: label in bold, then the value."""
    from docx.shared import Pt

    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = True


def page_break_before(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True
