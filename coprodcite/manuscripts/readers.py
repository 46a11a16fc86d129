"""Reading documents as paragraphs of plain text: .txt, .md and .docx (python-docx),
or bytes from standard input.

A paragraph may hold line breaks ("\\n"): a hard-wrapped text file's lines, or a Word
paragraph's manual line breaks. What those lines are (one reference wrapped, or many
references) is decided by :mod:`coprodcite.manuscripts.reflist`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coprodcite.errors import FormatError

#: the largest document read (a reference list of 2,000 entries is about 0.5 MB)
MAX_BYTES = 10 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_LIST_ITEM = re.compile(r"^(?P<indent> {0,3})(?:[-*+]|\d{1,4}[.)])[ \t]+")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|doi:[^>\s]+)>")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")


@dataclass
class Paragraph:
    text: str
    heading: bool = False  # a heading (Markdown "#", Word "Heading" styles)


@dataclass
class Document:
    name: str  # the path as given, or "-" for standard input
    paragraphs: list[Paragraph] = field(default_factory=list)


def read_document(
    path: Path | str, data: bytes | None = None, *, limit: int = MAX_BYTES
) -> Document:
    """The paragraphs of the document at ``path`` (``data``: its bytes, e.g. standard
    input, with ``path`` naming it). The format follows the extension: .docx, .md or
    .markdown, anything else as plain text. FormatError, naming the file, for what is
    not a regular file, more than ``limit`` bytes, binary, or a .docx Word cannot have
    written."""
    name = str(path)
    data = read_bytes(path, data, limit=limit, hint="split the document, or give only its list")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return Document(name, _docx_paragraphs(data, name))
    text = decode_text(data, name)
    if suffix in (".md", ".markdown"):
        return Document(name, markdown_paragraphs(text))
    return Document(name, text_paragraphs(text))


def read_text(path: Path | str, data: bytes | None = None, *, limit: int = MAX_BYTES) -> str:
    """The text of a text file (a Markdown or LaTeX manuscript, a .aux...), within the
    same limits as :func:`read_document`."""
    name = str(path)
    return decode_text(read_bytes(path, data, limit=limit, hint="split the document"), name)


def read_bytes(path: Path | str, data: bytes | None, *, limit: int, hint: str) -> bytes:
    """The bytes of ``path`` (or ``data``, already read), refused beyond ``limit``."""
    from coprodcite.files import read_file

    if data is None:
        data = read_file(Path(path), limit=limit)
    if len(data) > limit:
        raise FormatError(
            f"{len(data) / 2**20:.1f} MB is more than the {limit / 2**20:.3g} MB coprodcite reads",
            file=str(path),
            hint=hint,
        )
    return data


def decode_text(data: bytes, name: str) -> str:
    """Text (see :func:`coprodcite.files.decode`); binary data is refused."""
    from coprodcite.files import decode

    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            "a binary file, not text", file=name, hint="give a .txt, .md or .docx file"
        )
    return decode(data).replace("\r\n", "\n").replace("\r", "\n")


def text_paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by blank lines, each with its line breaks kept."""
    blocks = re.split(r"\n[ \t]*\n", text)
    return [Paragraph(b.strip("\n")) for b in blocks if b.strip()]


def _inline_markdown(text: str) -> str:
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} {m.group(2)}".strip(), text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    for _ in range(3):
        text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_ESCAPE.sub(r"\1", text)


def markdown_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs, list items (each its own paragraph, continuation lines kept with
    it) and headings of a Markdown document; front matter is left out."""
    text = _FRONT_MATTER.sub("", text, count=1)
    out: list[Paragraph] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            out.append(Paragraph(_inline_markdown("\n".join(current)).strip()))
            current.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush()
        elif heading := _MD_HEADING.match(line):
            flush()
            out.append(Paragraph(_inline_markdown(heading.group(1)), heading=True))
        elif item := _MD_LIST_ITEM.match(line):
            flush()
            current.append(line[item.end() :])
        else:
            current.append(line.strip())
    flush()
    return [p for p in out if p.text]


def _docx_paragraphs(data: bytes, name: str) -> list[Paragraph]:
    """Body paragraphs and table cells of a Word file, in document order."""
    import io
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        encrypted = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE: encrypted or .doc
        raise FormatError(
            "a password-protected or old-format (.doc) Word file"
            if encrypted
            else f"not a Word .docx file that can be read ({type(exc).__name__})",
            file=name,
            hint="save it again from Word as .docx without a password",
        ) from None
    except Exception as exc:  # noqa: BLE001 - lxml/zip errors from a damaged file
        raise FormatError(
            f"a damaged Word file ({type(exc).__name__})",
            file=name,
            hint="open and save it again in Word",
        ) from None
    out: list[Paragraph] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per column
                        continue
                    seen.add(id(cell._tc))
                    out.extend(Paragraph(p.text) for p in cell.paragraphs if p.text.strip())
        elif block.text.strip():
            style = (block.style.name if block.style is not None else "") or ""
            out.append(
                Paragraph(block.text, heading=style.lower().startswith(("heading", "title")))
            )
    return out
