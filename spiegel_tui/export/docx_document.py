"""The outcome document as a Word file, optionally in an organisation's house style.

python-docx is imported inside the functions: it costs about 90 ms, which the app
should not pay at start-up for a feature used once per meeting.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import secrets
import stat
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spiegel_tui.errors import ExportError
from spiegel_tui.export.labels import label_scrubber
from spiegel_tui.export.samenkracht import TITLE, BlockKind, outcome_blocks
from spiegel_tui.model import Meeting, dutch_long_date
from spiegel_tui.textclean import clean_line

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle

LANGUAGE = "nl-NL"
AUTHOR = "Spiegel"
STYLE_NAMES: dict[BlockKind, str] = {
    BlockKind.TITLE: "Title",
    BlockKind.HEADING: "Heading 1",
    BlockKind.SUBHEADING: "Heading 2",
    BlockKind.MINOR_HEADING: "Heading 3",
    BlockKind.BULLET: "List Bullet",
}
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
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
    meeting: Meeting, path: Path, *, template: Path | None = None, appendix: bool = False
) -> None:
    build_document(meeting, template=template, appendix=appendix).save(str(path))


def build_document(
    meeting: Meeting, *, template: Path | None = None, appendix: bool = False
) -> DocxDocument:
    import docx

    blocks = outcome_blocks(meeting, appendix=appendix)
    if template is None:
        document = docx.Document()
        _page_a4(document)
    else:
        document = open_template(template)
        _empty_body(document)
    styles = {kind: _ensure_style(document, name) for kind, name in STYLE_NAMES.items()}
    body = document._body  # the public add_paragraph looks the style up per call
    for block in blocks:
        paragraph = body.add_paragraph(block.text)
        style = styles.get(block.kind)
        if style is not None:
            paragraph._p.style = style.style_id
    _set_language(document)
    _set_properties(document, meeting)
    return document


# Templates -----------------------------------------------------------------


#: A house-style template is a few hundred kilobytes; Word's own are under 1 MB.
#: The bounds keep a hostile file (a zip bomb unpacked to 3 GB) from eating memory.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 100 * 1024 * 1024
MAX_TEMPLATE_ENTRIES = 2000


def open_template(path: Path) -> DocxDocument:
    """A .docx or .dotx as a document; python-docx refuses the template content type.

    A template is untrusted input: only a regular file of bounded size, unpacking to a
    bounded size, is read; its links to the outside (an attached template on the web,
    file:/// links, any external relationship) are removed.
    """
    import docx

    data = _read_template(Path(path))
    _check_zip(data, path)
    try:
        document = docx.Document(io.BytesIO(_as_document(data)))
    except Exception:  # python-docx fails in many ways on a damaged or foreign file
        raise ExportError(
            f"'{path}' is geen bruikbaar Word-sjabloon. Gebruik een .docx- of .dotx-bestand."
        ) from None
    strip_external_relationships(document)
    return document


def _read_template(path: Path) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(f"Het sjabloon '{path}' is een map, geen Word-bestand.")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the export for ever; a device never ends.
            raise ExportError(
                f"Het sjabloon '{path}' is geen gewoon bestand (maar een apparaat, pijp of "
                "socket). Gebruik een .docx- of .dotx-bestand."
            )
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise ExportError(_too_big(path))
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, the open
        # returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ExportError(f"Het sjabloon '{path}' is geen gewoon bestand.")
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise ExportError(f"Het sjabloon '{path}' bestaat niet.") from None
    except OSError:
        raise ExportError(f"Kan het sjabloon '{path}' niet lezen.") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ExportError(_too_big(path))
    return data


def _too_big(path: Path) -> str:
    return (
        f"Het sjabloon '{path}' is te groot voor een Word-sjabloon "
        f"(hoogstens {MAX_TEMPLATE_BYTES // 1024 // 1024} MB, uitgepakt "
        f"{MAX_TEMPLATE_UNPACKED // 1024 // 1024} MB)."
    )


def _check_zip(data: bytes, path: Path) -> None:
    """Refuse a zip that unpacks too large or holds too many entries, before unpacking.

    zipfile never hands out more than an entry's declared size, so the declared sizes
    bound what python-docx can unpack.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ExportError(
            f"'{path}' is geen bruikbaar Word-sjabloon. Gebruik een .docx- of .dotx-bestand."
        ) from None
    if len(entries) > MAX_TEMPLATE_ENTRIES:
        raise ExportError(
            f"Het sjabloon '{path}' bevat te veel onderdelen ({len(entries)}) voor een "
            "Word-sjabloon."
        )
    if sum(entry.file_size for entry in entries) > MAX_TEMPLATE_UNPACKED:
        raise ExportError(_too_big(path))


def strip_external_relationships(document: DocxDocument) -> list[str]:
    """Remove every relationship that points outside the file, and the XML that uses it.

    A template's settings may attach a template on the web (Word fetches it on opening,
    telling a server who opened the document), its headers may link to file:/// paths
    on someone's machine. Returns the removed targets (for tests).
    """
    from docx.opc.part import XmlPart
    from docx.oxml.ns import qn

    package = document.part.package
    removed: list[str] = []
    owners: list[OpcPackage | Part] = [package, *package.iter_parts()]
    for owner in owners:
        rels = owner.rels
        gone = {rId for rId, rel in rels.items() if rel.is_external}
        if not gone:
            continue
        removed += [rels[rId].target_ref for rId in gone]
        for rId in gone:
            del rels[rId]
        if not isinstance(owner, XmlPart):
            continue
        for element in list(owner.element.iter()):
            for name, value in list(element.attrib.items()):
                if name.startswith("{" + _REL_NS + "}") and value in gone:
                    del element.attrib[name]
                    if element.tag in _DROP_WHEN_UNLINKED:
                        parent = element.getparent()
                        if parent is not None:
                            parent.remove(element)
                        break
    settings = document.settings.element
    for attached in settings.findall(qn("w:attachedTemplate")):
        settings.remove(attached)
    for part in package.iter_parts():
        if isinstance(part, XmlPart):
            _strip_fetching_fields(part.element)
    return removed


# Field codes that make Word fetch something from a path or address when the document
# is opened or updated: no relationship involved, the target is in the field's text.
_FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT")


def _fetching(instruction: str) -> bool:
    words = instruction.strip().upper().split()
    return bool(words) and words[0] in _FETCHING_FIELDS


def _has_address(text: str) -> bool:
    lowered = text.lower()
    return any(mark in lowered for mark in ("http:", "https:", "file:", "ftp:", "\\\\"))


def _strip_fetching_fields(root: BaseOxmlElement) -> None:
    """Blank the instruction of a field that fetches from outside (its shown result
    stays); a simple field of that kind is replaced by its result."""
    from docx.oxml.ns import qn

    for instr in list(root.iter(qn("w:instrText"))):
        # A field's instruction may be split over runs: the address alone also goes.
        if instr.text and (_fetching(instr.text) or _has_address(instr.text)):
            instr.text = ""
    for simple in list(root.iter(qn("w:fldSimple"))):
        if _fetching(simple.get(qn("w:instr"), "")):
            parent = simple.getparent()
            if parent is None:
                continue
            index = parent.index(simple)
            for child in list(simple):
                parent.insert(index, child)
                index += 1
            parent.remove(simple)


_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Elements that mean nothing without their link; others (a hyperlink's text, an
# image's frame) stay, without the link.
_DROP_WHEN_UNLINKED = {
    f"{{{_W_NS}}}attachedTemplate",
    f"{{{_W_NS}}}subDoc",
    f"{{{_W_NS}}}altChunk",
}


def _as_document(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(item, content)
    return out.getvalue()


def _empty_body(document: DocxDocument) -> None:
    """Remove the template's sample text; the final w:sectPr (page, header, footer) stays."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


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
        # Loaded as a NumberingPart (python-docx's own DocumentPart.numbering_part casts too).
        return cast(NumberingPart, document.part.part_related_by(RT.NUMBERING)).element
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


def _set_properties(document: DocxDocument, meeting: Meeting) -> None:
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.title = f"{TITLE} {dutch_long_date(meeting.date)}"
    props.subject = label_scrubber(meeting)(clean_line(meeting.topic))
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = now
    props.revision = 1
    props.language = LANGUAGE
    # A template's own description or keywords say nothing about this meeting.
    props.comments = props.keywords = props.category = ""
