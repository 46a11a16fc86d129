"""OpenDocument text (.odt, LibreOffice's and Google Docs' export) for ``check``.

No well-kept Python reader exists for it (odfpy's last release was in 2020, and it
loads the whole document model to give text back), and the part ``check`` needs is small
and standardised (OASIS ODF 1.2, part 3): ``content.xml``'s ``text:h`` headings and
``text:p`` paragraphs in document order (lists and table cells included), with
``text:note`` bodies (footnotes and endnotes) taken out as notes. lxml reads it; it is
already installed with python-docx.
"""

from __future__ import annotations

import io
import zipfile

from coprodcite.errors import FormatError
from coprodcite.manuscripts.readers import Paragraph

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_HINT = "save it again from LibreOffice or Word (as .odt or .docx) without a password"


def odt_paragraphs(data: bytes, name: str) -> tuple[list[Paragraph], list[str]]:
    """The body's paragraphs (headings marked) and the notes' texts of an .odt file;
    FormatError naming the file when it is not one, is damaged or is encrypted."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if package.read("mimetype").strip() != _MIMETYPE:
                raise KeyError("mimetype")
            manifest = package.read("META-INF/manifest.xml")
            content = package.read("content.xml")
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise FormatError("not an OpenDocument text (.odt) file", file=name, hint=_HINT) from None
    if b"encryption-data" in manifest:
        raise FormatError("a password-protected .odt file", file=name, hint=_HINT)
    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, huge_tree=False))
    except etree.XMLSyntaxError:
        raise FormatError("a damaged .odt file", file=name, hint=_HINT) from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    paragraphs: list[Paragraph] = []
    notes: list[str] = []
    if body is None:
        return paragraphs, notes
    for element in body.iter(f"{_TEXT}h", f"{_TEXT}p"):
        if _in_note(element):
            continue
        text = " ".join(_text(element, notes).split())
        if text:
            paragraphs.append(Paragraph(text, heading=element.tag == f"{_TEXT}h"))
    return paragraphs, notes


def _in_note(element: object) -> bool:
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if parent.tag == f"{_TEXT}note":
            return True
        parent = parent.getparent()
    return False


def _text(element: object, notes: list[str]) -> str:
    """The text of a paragraph: spans and links read through, ``text:s`` as spaces,
    tabs and line breaks as a space; each note's body goes to ``notes`` instead."""
    parts = [element.text or ""]  # type: ignore[attr-defined]
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{_TEXT}note":
            body = child.find(f"{_TEXT}note-body")
            if body is not None:
                text = " ".join(
                    " ".join(_text(p, notes).split()) for p in body.iter(f"{_TEXT}p", f"{_TEXT}h")
                )
                if text.strip():
                    notes.append(text.strip())
        elif tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            parts.append(" " * (min(int(count), 100) if count.isdigit() else 1))
        elif tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif tag:
            parts.append(_text(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)
