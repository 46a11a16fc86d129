"""A Markdown manuscript with its citations rendered, written as md, html, docx, txt or
latex (``coprodcite format --to``).

The services render each citation (a :class:`Piece`, in :data:`RENDER_FORMAT` of the
target) and the bibliography; this package puts them in the document:

* a citation in the main text of a note style becomes a footnote (after the
  punctuation that follows it, the space before it dropped, as pandoc does); in-text
  citations (``@key``) put the author's name in the sentence;
* the bibliography goes in the ``::: {#refs}`` div, else under a closing References
  (Bibliography...) heading, else at the end under a new heading.

``md`` keeps every byte of the text around the citations. The other targets read the
result with markdown-it-py (CommonMark, footnotes and pipe tables) and write it in
their own form; the citations, already rendered in that form, are put in through
placeholders, so nothing in them is read as Markdown again. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from coprodcite.errors import InvalidInput
from coprodcite.manuscripts.pandoc import REFERENCE_HEADINGS, Manuscript, markdown_parser

TARGETS = ("md", "html", "docx", "txt", "latex")
#: the format each target's citations and entries are rendered in
RENDER_FORMAT = {"md": "markdown", "html": "html", "docx": "html", "txt": "text", "latex": "latex"}
CITE_MARK, CITE_END, BIB_MARK = "\ue000", "\ue001", "\ue002"
PLACEHOLDER = re.compile(f"{CITE_MARK}(\\d+){CITE_END}")
_FENCE_LINE = re.compile(r"^ {0,3}:{3,}.*$\n?", re.MULTILINE)
_HEADING_ATTRIBUTES = re.compile(r"^( {0,3}#{1,6}[ \t].*?)[ \t]*\{[^{}\n]*\}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Piece:
    """What one citation becomes."""

    text: str  # rendered in RENDER_FORMAT[target]
    note: bool = False  # a footnote of its own (a note style's citation in the main text)
    author: str = ""  # in-text: the author's name, written before the citation or note


@dataclass
class Document:
    manuscript: Manuscript
    pieces: list[Piece]  # one per manuscript.citations, in that order
    entries: list[str] | None  # None: no bibliography
    heading: str = "References"  # when the document has no place for the bibliography
    metadata: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None
    hanging: bool = True  # the style's bibliography asks for a hanging indent


def write_document(document: Document, to: str) -> str | bytes:
    """The document as ``to`` (one of :data:`TARGETS`): text, or bytes for docx."""
    document = replace(document, pieces=_one_full_stop(document))
    if to == "md":
        return _splice(document, _md_piece, _md_bibliography(document.entries or []))
    if to not in TARGETS:
        raise InvalidInput(f"unknown target {to!r}", hint=f"use one of {', '.join(TARGETS)}")
    body = _splice(document, _marked_piece, BIB_MARK)
    body = body[document.manuscript.body_start :]
    body = _HEADING_ATTRIBUTES.sub(r"\1", _FENCE_LINE.sub("", body))
    cites = {str(i): p.text for i, p in enumerate(document.pieces)}
    if to == "html":
        from coprodcite.formats.manuscript.html import write_html

        return write_html(body, cites, document)
    tree = parse(body)
    if to == "latex":
        from coprodcite.formats.manuscript.latex import write_latex

        return write_latex(tree, cites, document)
    if to == "txt":
        from coprodcite.formats.manuscript.text import write_text

        return write_text(tree, cites, document)
    from coprodcite.formats.manuscript.docx import write_docx

    return write_docx(tree, cites, document)


def parse(markdown: str) -> Any:
    """``markdown`` as markdown-it-py's syntax tree."""
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(markdown_parser().parse(markdown))


def placeholders(text: str, cites: dict[str, str], write_text: Callable[[str], str]) -> str:
    """``text`` (from the Markdown) written by ``write_text``, the citation placeholders
    in it replaced by the rendered citations (already in the target's form)."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(write_text(text[last : match.start()]))
        out.append(cites.get(match.group(1), ""))
        last = match.end()
    out.append(write_text(text[last:]))
    return "".join(out)


# -- putting citations and the bibliography in ----------------------------------------


def _one_full_stop(document: Document) -> list[Piece]:
    """The pieces, a citation's final full stop dropped where the text has one right
    after it (a note style's citation in a note: "...33.." -> "...33.")."""
    text = document.manuscript.text
    out = []
    for citation, piece in zip(document.manuscript.citations, document.pieces, strict=True):
        if (
            not piece.note
            and text.startswith(".", citation.end)
            and re.search(r"\.(?:</?\w+>|[*}])*$", piece.text)
        ):
            cut = piece.text.rindex(".")
            piece = replace(piece, text=piece.text[:cut] + piece.text[cut + 1 :])
        out.append(piece)
    return out


def _md_piece(piece: Piece, index: int) -> str:
    return _joined(piece, md_safe(piece.text), md_safe(piece.author))


def _marked_piece(piece: Piece, index: int) -> str:
    return _joined(piece, f"{CITE_MARK}{index}{CITE_END}", piece.author)


def _joined(piece: Piece, citation: str, author: str) -> str:
    if piece.note:
        return f"{author}^[{citation}]"
    return f"{author} {citation}" if author else citation


def _splice(document: Document, write: Callable[[Piece, int], str], bibliography: str) -> str:
    manuscript = document.manuscript
    text = manuscript.text
    edits: list[tuple[int, int, str]] = []
    pairs = zip(manuscript.citations, document.pieces, strict=True)
    for index, (citation, piece) in enumerate(pairs):
        start, end = citation.start, citation.end
        punctuation = re.compile(r"[.,;:!?]+").match(text, end)
        if piece.note and not piece.author:  # pandoc: no space before a note, the note
            while start > 0 and text[start - 1] in " \t":  # after the punctuation
                start -= 1
            if punctuation:
                edits.append((start, punctuation.end(), punctuation.group() + write(piece, index)))
                continue
        edits.append((start, end, write(piece, index)))
    if document.entries is not None:
        edits.append(_bibliography_edit(document, bibliography))
    out, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[last:start])
        out.append(replacement)
        last = max(last, end)
    out.append(text[last:])
    return "".join(out)


def _bibliography_edit(document: Document, block: str) -> tuple[int, int, str]:
    """Where the bibliography goes: in the refs div, under a closing heading, or at the
    end under a new heading."""
    manuscript = document.manuscript
    text = manuscript.text
    if manuscript.refs_div is not None:
        start, end = manuscript.refs_div
        return start, end, block + "\n"
    headings = manuscript.headings
    if headings and headings[-1][3].lower().rstrip(":").strip() in REFERENCE_HEADINGS:
        after = headings[-1][1]
        return after, after, "\n\n" + block + "\n"
    level = min((h[2] for h in headings), default=1)
    ending = "" if text.endswith("\n") else "\n"
    return len(text), len(text), f"{ending}\n{'#' * level} {document.heading}\n\n{block}\n"


def _md_bibliography(entries: Sequence[str]) -> str:
    return "\n\n".join(md_safe(e) for e in entries)


_MD_LINE_START = re.compile(r"^([ \t]*)(\d+)([.)])|^([ \t]*)([#>+:|=-])", re.MULTILINE)


def md_safe(text: str) -> str:
    """Rendered Markdown made safe to put in a pandoc document: ``@`` (a citation to
    pandoc) and what would start a list, heading, quote or div at a line's start are
    escaped."""
    text = text.replace("@", "\\@")
    return _MD_LINE_START.sub(
        lambda m: (
            f"{m.group(1)}{m.group(2)}\\{m.group(3)}"
            if m.group(2)
            else f"{m.group(4)}\\{m.group(5)}"
        ),
        text,
    )


def capitalise_first(text: str, fmt: str) -> str:
    """``text`` (rendered in ``fmt``) with its first letter upper-cased: a note that a
    note style's citation becomes starts a sentence (``see`` -> ``See``)."""
    skip = {
        "html": r"<[^>]*>|&\w+;",
        "latex": r"\\[A-Za-z]+\{?|[{}]",
        "markdown": r"[*_^~\\]",
        "text": r"(?!)",
    }[fmt]
    i = 0
    pattern = re.compile(skip)
    while i < len(text):
        found = pattern.match(text, i)
        if found and found.end() > i:
            i = found.end()
            continue
        if text[i].isalpha():
            return text[:i] + text[i].upper() + text[i + 1 :]
        if not text[i].isspace() and text[i] not in "“‘\"'([":
            return text
        i += 1
    return text


def title_block(metadata: dict[str, Any]) -> tuple[str, list[str], str]:
    """Front matter's ``title``, ``author`` (a string, a list of strings, or of
    mappings with a ``name``, as pandoc takes them) and ``date``, as plain text."""
    values = metadata.get("author")
    authors = values if isinstance(values, list) else [values] if values else []
    names = [_plain(a.get("name") if isinstance(a, dict) else a) for a in authors]
    return _plain(metadata.get("title")), [n for n in names if n], _plain(metadata.get("date"))


def _plain(value: object) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) else ""
