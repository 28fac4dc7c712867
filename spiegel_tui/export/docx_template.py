"""Organisations' own Word templates: read as untrusted input, emptied, unlinked.

A template is a .docx or .dotx an organisation brings for its house style. It is
read only when it is a regular file of bounded size that unpacks to a bounded size;
every link to the outside (an attached template on the web, file:/// links, fields
that fetch) is removed before anything is written with it.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from spiegel_tui.errors import ExportError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


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
    owners: list[object] = [package, *package.iter_parts()]
    for owner in owners:
        rels = owner.rels  # type: ignore[attr-defined]
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
