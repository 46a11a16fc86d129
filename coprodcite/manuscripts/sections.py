"""A manuscript as body text and reference list (for ``coprodcite check``).

The reference list is the part after the last heading that names one ("References",
"Bibliography", "Literaturverzeichnis"... see :data:`reflist.REFERENCE_HEADINGS`), up to
the next heading; a file without such a heading is taken as a list when most of its
paragraphs read as references. Word and OpenDocument files give their body, tables,
footnotes and endnotes (Markdown: pandoc's ``[^1]:`` notes); a superscript number in a
Word run is read as a bracketed citation ("[3]").
LaTeX files give ``thebibliography``'s ``\\bibitem`` entries and ``\\cite`` keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coprodcite.errors import FormatError
from coprodcite.manuscripts.readers import (
    MAX_BYTES,
    Document,
    Paragraph,
    decode_text,
    markdown_paragraphs,
    read_bytes,
    text_paragraphs,
)
from coprodcite.manuscripts.reflist import is_heading, looks_like_reference, references

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
#: the key and text of each entry of some .bib files
ReadBib = Callable[[list[Path]], list[tuple[str, str]]]
_MD_NOTE = re.compile(r"^\[\^[^\]\s]+\]:\s*(.*)", re.DOTALL)
_SUPERSCRIPT_CITE = re.compile(r"^\s*\d{1,4}(?:\s*[-\u2010-\u2014,;]\s*\d{1,4})*\s*$")


@dataclass
class Manuscript:
    name: str
    body: list[str] = field(default_factory=list)  # paragraphs of text, notes last
    entries: list[str] = field(default_factory=list)  # the reference list, in order
    keys: list[str] = field(default_factory=list)  # LaTeX: the \bibitem key of each entry
    only_a_list: bool = False  # the file held nothing but the list
    nocited: list[str] = field(default_factory=list)  # LaTeX: \nocite keys ("*": all)


def read_manuscript(
    path: Path | str,
    data: bytes | None = None,
    *,
    limit: int = MAX_BYTES,
    detex: Callable[[str], str] = str,
    read_bib: ReadBib | None = None,
) -> Manuscript:
    """The body and reference list of the manuscript at ``path``; FormatError naming
    the file when it cannot be read or has no reference list. ``detex`` turns a LaTeX
    entry into plain text (the BibTeX reader's, passed in by the service); ``read_bib``
    gives the key and text of each entry of the .bib files a LaTeX file names."""
    name = str(path)
    data = read_bytes(path, data, limit=limit, hint="split the manuscript")
    suffix = Path(name).suffix.lower()
    if suffix == ".tex":
        return _latex(name, decode_text(data, name), detex, read_bib)
    if suffix == ".odt":
        from coprodcite.manuscripts.odt import odt_paragraphs

        paragraphs, notes = odt_paragraphs(data, name)
        return split(Document(name, paragraphs), notes)
    if suffix == ".docx":
        document = Document(name, _docx_paragraphs(data, name))
        notes = _docx_notes(data)
    else:
        text = decode_text(data, name)
        if suffix in (".md", ".markdown"):
            # pandoc's footnotes ("[^1]: text") are notes, wherever they are defined
            paragraphs, notes = [], []
            for paragraph in markdown_paragraphs(text):
                if found := _MD_NOTE.match(paragraph.text):
                    notes.append(found[1])
                else:
                    paragraphs.append(paragraph)
        else:
            paragraphs, notes = text_paragraphs(text), []
        document = Document(name, paragraphs)
    return split(document, notes)


def split(document: Document, notes: list[str] | None = None) -> Manuscript:
    """Body and reference list of a read document (``notes``: footnote texts)."""
    paragraphs = document.paragraphs
    start = _reference_heading(paragraphs)
    if start is None:
        listed = [p for p in paragraphs if looks_like_reference(p.text)]
        if paragraphs and len(listed) >= max(1, 0.6 * len(paragraphs)):
            return Manuscript(document.name, [], references(paragraphs), only_a_list=True)
        raise FormatError(
            "no reference list found (no heading such as 'References' or 'Bibliography')",
            file=document.name,
            hint="give the list a heading 'References', or check a file that is only the list",
        )
    end = next(
        (i for i in range(start + 1, len(paragraphs)) if paragraphs[i].heading),
        len(paragraphs),
    )
    body = [p.text for p in paragraphs[:start] + paragraphs[end:] if not p.heading]
    body += notes or []
    entries = references(paragraphs[start + 1 : end])
    if not entries:
        raise FormatError(
            "the reference list is empty",
            file=document.name,
            hint="check the list under its heading",
        )
    return Manuscript(document.name, body, entries)


def _reference_heading(paragraphs: list[Paragraph]) -> int | None:
    found = [i for i, p in enumerate(paragraphs) if len(p.text) < 80 and is_heading(p.text)]
    return found[-1] if found else None


# -- Word -------------------------------------------------------------------------------


def _docx_paragraphs(data: bytes, name: str) -> list[Paragraph]:
    """Like :func:`readers._docx_paragraphs`, with superscript numbers as "[n]"."""
    import io

    from coprodcite.manuscripts.readers import _docx_paragraphs as plain

    paragraphs = plain(data, name)  # checks the file and raises a one-line error
    from docx import Document as open_docx

    document = open_docx(io.BytesIO(data))
    marked = {
        p.text: _with_superscripts(p)
        for p in document.paragraphs
        if any(r.font.superscript for r in p.runs)
    }
    return [Paragraph(marked.get(p.text, p.text), p.heading) for p in paragraphs]


def _with_superscripts(paragraph: object) -> str:
    out: list[str] = []
    for run in paragraph.runs:  # type: ignore[attr-defined]
        if run.font.superscript and _SUPERSCRIPT_CITE.match(run.text):
            out.append(f"[{run.text.strip()}]")
        else:
            out.append(run.text)
    return "".join(out)


def _docx_notes(data: bytes) -> list[str]:
    """The text of each footnote and endnote, read from their own parts of the package."""
    import io
    import zipfile

    from lxml import etree

    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for part in _NOTE_PARTS:
            if part not in names:
                continue
            try:
                root = etree.fromstring(package.read(part))
            except etree.XMLSyntaxError:
                continue
            for note in root.iter(f"{_W}footnote", f"{_W}endnote"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator"):
                    continue
                text = " ".join(
                    "".join(t.text or "" for t in p.iter(f"{_W}t")) for p in note.iter(f"{_W}p")
                ).strip()
                if text:
                    out.append(text)
    return out


# -- LaTeX ------------------------------------------------------------------------------

_BIBLIOGRAPHY = re.compile(
    r"\\begin\{thebibliography\}(?:\{[^}]*\})?(.*?)\\end\{thebibliography\}", re.DOTALL
)
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")
_NOCITE = re.compile(r"\\nocite\s*\{([^}]*)\}")
_BIBFILES = re.compile(
    r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}"
)
_CITE = re.compile(r"\\(?:[a-zA-Z]*cite[a-zA-Z]*\*?)\s*(?:\[[^\]]*\]\s*){0,2}\{([^}]*)\}")


def _latex(
    name: str, text: str, detex: Callable[[str], str], read_bib: ReadBib | None
) -> Manuscript:
    text = re.sub(r"(?<!\\)%.*", "", text)
    nocited = [k.strip() for found in _NOCITE.findall(text) for k in found.split(",")]
    body = _NOCITE.sub("", text)
    found = _BIBLIOGRAPHY.search(body)
    if found is not None:
        items = _BIBITEM.split(found.group(1))[1:]
        keys = [k.strip() for k in items[0::2]]
        entries = [" ".join(detex(t).split()) for t in items[1::2]]
        body = body[: found.start()] + body[found.end() :]
    else:
        keys, entries = _from_bib(name, body, nocited, read_bib)
    # each \cite{a,b} becomes a numbered citation of the entries it names
    position = {key: i + 1 for i, key in enumerate(keys)}

    def cite(match: re.Match[str]) -> str:
        numbers = [str(position.get(k.strip(), 0)) for k in match.group(1).split(",")]
        return "[" + ", ".join(numbers) + "]"

    paragraphs = [p.text for p in text_paragraphs(_CITE.sub(cite, body))]
    return Manuscript(name, paragraphs, entries, keys, nocited=nocited)


def _from_bib(
    name: str, body: str, nocited: list[str], read_bib: ReadBib | None
) -> tuple[list[str], list[str]]:
    """Keys and texts of the entries of the .bib files the manuscript names, as BibTeX
    makes its list: the cited ones in the order first cited, then those named by
    ``\\nocite`` (every entry for ``\\nocite{*}``)."""
    named = [n.strip() for found in _BIBFILES.findall(body) for n in found.split(",")]
    named = [n for n in named if n]
    if not named or read_bib is None:
        raise FormatError(
            "no thebibliography environment and no \\bibliography{...} or \\addbibresource",
            file=name,
            hint="check the PDF's text, or a file with the reference list",
        )
    folder = Path(name).parent
    paths = [folder / (n if n.endswith(".bib") else n + ".bib") for n in named]
    for path in paths:
        if not path.is_file():
            raise FormatError(
                f"the bibliography {path.name} it names is not beside it",
                file=name,
                hint=f"put {path.name} in {folder} (or check the PDF's text)",
            )
    texts = dict(read_bib(paths))
    wanted = [k.strip() for found in _CITE.findall(body) for k in found.split(",")]
    wanted += list(texts) if "*" in nocited else nocited
    keys = [k for k in dict.fromkeys(wanted) if k in texts and texts[k]]
    if not keys:
        raise FormatError(
            "none of the cited keys is in " + ", ".join(p.name for p in paths),
            file=name,
            hint="check the \\cite keys against the .bib",
        )
    return keys, [texts[k] for k in keys]
