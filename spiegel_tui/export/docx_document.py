"""Spiegel's Word documents (outcome, letter, report-back), in Spiegel's house style or
in an organisation's own template.

python-docx is imported inside the functions: it costs about 90 ms, which the app
should not pay at start-up for a feature used once per meeting.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spiegel_tui.export.docx_style import (
    add_header_footer,
    add_info_line,
    add_title,
    apply_house_style,
    page_break_before,
)
from spiegel_tui.export.docx_template import (  # noqa: F401 (re-exported)
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_ENTRIES,
    MAX_TEMPLATE_UNPACKED,
    _empty_body,
    open_template,
    strip_external_relationships,
)
from spiegel_tui.export.labels import label_scrubber
from spiegel_tui.export.samenkracht import TITLE, Block, BlockKind, outcome_blocks
from spiegel_tui.model import Meeting, dutch_long_date
from spiegel_tui.textclean import clean_line

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

LANGUAGE = "nl-NL"
AUTHOR = "Spiegel"
STYLE_NAMES: dict[BlockKind, str] = {
    BlockKind.TITLE: "Title",
    BlockKind.HEADING: "Heading 1",
    BlockKind.SUBHEADING: "Heading 2",
    BlockKind.MINOR_HEADING: "Heading 3",
    BlockKind.BULLET: "List Bullet",
}
# Schema order: where w:lang goes in a w:rPr, w:themeFontLang in w:settings.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_THEME_FONT_LANG = (
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def write_docx(
    meeting: Meeting,
    path: Path,
    *,
    template: Path | None = None,
    appendix: bool = False,
    blocks: Sequence[Block] | None = None,
    title: str = TITLE,
) -> None:
    build_document(meeting, template=template, appendix=appendix, blocks=blocks, title=title).save(
        str(path)
    )


def build_document(
    meeting: Meeting,
    *,
    template: Path | None = None,
    appendix: bool = False,
    blocks: Sequence[Block] | None = None,
    title: str = TITLE,
) -> DocxDocument:
    """A Word document of ``blocks`` (default: the outcome document).

    Without a template it gets Spiegel's house style (``docx_style.py``): header with
    the topic and the date, footer "pagina X van Y"; a template keeps its own look.
    """
    import docx

    if blocks is None:
        blocks = outcome_blocks(meeting, appendix=appendix)
    scrub = label_scrubber(meeting)
    if template is None:
        document = docx.Document()
        _page_a4(document)
        apply_house_style(document)
        add_header_footer(document, scrub(clean_line(meeting.topic)), dutch_long_date(meeting.date))
    else:
        document = open_template(template)
        _empty_body(document)
    styles = {kind: _ensure_style(document, name) for kind, name in STYLE_NAMES.items()}
    body = document._body  # the public add_paragraph looks the style up per call
    for n, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE:
            paragraph = body.add_paragraph()
            add_title(paragraph, block.text)
        elif block.kind is BlockKind.INFO:
            paragraph = body.add_paragraph()
            label, _, value = block.text.partition(": ")
            add_info_line(paragraph, label, value)
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            if following is None or following.kind is not BlockKind.INFO:
                _space_after(paragraph, 12)
        else:
            paragraph = body.add_paragraph(block.text)
        style = styles.get(block.kind)
        if style is not None:
            paragraph._p.style = style.style_id
        if block.new_page:
            page_break_before(paragraph)
    _set_language(document)
    _set_properties(document, meeting, title)
    return document


def _space_after(paragraph: Paragraph, points: int) -> None:
    from docx.shared import Pt

    paragraph.paragraph_format.space_after = Pt(points)


def _ensure_style(document: DocxDocument, name: str) -> ParagraphStyle:
    """The paragraph style ``name``; copied from python-docx's own template if missing.

    Templates made in Word often hold List Bullet or Title only as latent styles.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    styles = document.styles
    if name in styles and styles[name].type == WD_STYLE_TYPE.PARAGRAPH:
        return styles[name]
    source = docx.Document()
    element = copy.deepcopy(source.styles[name].element)
    taken = {s.get(qn("w:styleId")) for s in styles.element.findall(qn("w:style"))}
    if element.get(qn("w:styleId")) in taken:
        element.set(qn("w:styleId"), "Spiegel" + element.get(qn("w:styleId"), ""))
    for tag in ("w:link", "w:rsid"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    for tag in ("w:basedOn", "w:next"):
        child = element.find(qn(tag))
        if child is None:
            continue
        target_id = _same_style_id(source, document, child.get(qn("w:val"), ""))
        if target_id is None:
            element.remove(child)
        else:
            child.set(qn("w:val"), target_id)
    num_id = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        new_id = _copy_numbering(source, document, num_id.get(qn("w:val"), ""), element)
        num_id.set(qn("w:val"), str(new_id))
    styles.element.append(element)
    return styles[name]


def _same_style_id(source: DocxDocument, target: DocxDocument, style_id: str) -> str | None:
    """The id in ``target`` of the style called ``style_id`` in ``source``, matched by name.

    Dutch Word names Normal's id "Standaard": ids differ between templates, names do not.
    """
    from docx.oxml.ns import qn

    for style in source.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            name = style.name_val
            break
    else:
        return None
    for style in target.styles.element.findall(qn("w:style")):
        if style.name_val == name:
            return style.get(qn("w:styleId"))
    return None


def _copy_numbering(
    source: DocxDocument, target: DocxDocument, num_id: str, style: BaseOxmlElement
) -> int:
    """Copy a list definition into ``target``; returns its new w:numId."""
    from docx.oxml.ns import qn

    numbering = source.part.numbering_part.element
    abstract_id = numbering.num_having_numId(int(num_id)).abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    into = _numbering_element(target)
    used = [int(a.get(qn("w:abstractNumId"), "0")) for a in into.findall(qn("w:abstractNum"))]
    abstract = copy.deepcopy(abstract)
    new_abstract_id = max(used, default=-1) + 1
    abstract.set(qn("w:abstractNumId"), str(new_abstract_id))
    nsid = abstract.find(qn("w:nsid"))
    if nsid is not None:  # Word merges lists that share an nsid
        nsid.set(qn("w:val"), secrets.token_hex(4).upper())
    for p_style in abstract.iter(qn("w:pStyle")):
        p_style.set(qn("w:val"), style.get(qn("w:styleId"), ""))
    # Every w:abstractNum precedes every w:num.
    into.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    return into.add_num(new_abstract_id).numId


def _numbering_element(document: DocxDocument) -> BaseOxmlElement:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        pass  # python-docx cannot make one (NumberingPart.new is not implemented)
    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    part = NumberingPart(
        PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, document.part.package
    )
    document.part.relate_to(part, RT.NUMBERING)
    return element


# Page, language, properties -----------------------------------------------


def _page_a4(document: DocxDocument) -> None:
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)


def _child(parent: BaseOxmlElement, tag: str, *successors: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *successors)
    return found


def _set_language(document: DocxDocument) -> None:
    """Dutch spell-checking: core_properties.language alone does not do it."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = _child(styles, "w:docDefaults", "w:latentStyles", "w:style")
    run_defaults = _child(_child(defaults, "w:rPrDefault", "w:pPrDefault"), "w:rPr")
    _child(run_defaults, "w:lang", *_AFTER_LANG)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    settings = document.settings.element
    _child(settings, "w:themeFontLang", *_AFTER_THEME_FONT_LANG).set(qn("w:val"), LANGUAGE)
    # "Already checked" from the template would keep Word from checking the Dutch text.
    for proof_state in settings.findall(qn("w:proofState")):
        settings.remove(proof_state)


def _set_properties(document: DocxDocument, meeting: Meeting, title: str = TITLE) -> None:
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.title = f"{title} {dutch_long_date(meeting.date)}"
    props.subject = label_scrubber(meeting)(clean_line(meeting.topic))
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = now
    props.revision = 1
    props.language = LANGUAGE
    # A template's own description or keywords say nothing about this meeting.
    props.comments = props.keywords = props.category = ""
