"""The keys a document cites: a pandoc Markdown file (.md), a LaTeX source (.tex), the
.aux file of a BibTeX run or the control file of a biblatex run (.bcf).

* .tex: ``\\cite``, ``\\parencite``, ``\\textcite``, ``\\autocite``, ``\\footcite``,
  ``\\smartcite``, ``\\supercite``, ``\\nocite``, natbib's ``\\citet``, ``\\citep``,
  ``\\citealt``, ``\\citealp``, ``\\citeauthor``, ``\\citeyear``..., their starred and
  capitalised forms and biblatex's plural forms (``\\parencites(pre)(post)[p]{a}[q]{b}``);
  optional arguments are skipped, comments (``%``) ignored.
* .aux: ``\\citation{a,b}`` (and biblatex's ``\\abx@aux@cite{...}{key}``). A file cut
  off in the middle of a line, as a failed LaTeX run may leave it, is an error.
* .bcf: the ``bcf:citekey`` elements of biblatex's XML.

``*`` stands for every work (``\\nocite{*}``). Each key comes with the line it was
first met on. Pure functions over text, no I/O.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from coprodcite.errors import FormatError

#: the cite commands, by name (their starred and capitalised forms too)
_COMMAND = re.compile(
    r"\\(?:[Nn]ocite|[A-Za-z]*cite[A-Za-z]*)\*?"  # \cite, \Parencite, \citet*, \nocite...
)
_OPTIONAL = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))")
_BRACED = re.compile(r"\s*\{([^{}]*)\}")
_COMMENT = re.compile(r"(?<!\\)%.*$", re.MULTILINE)
_AUX = re.compile(r"\\(?:citation|abx@aux@cite)\s*(?:\{[^{}]*\})?\s*\{([^{}]*)\}")

Found = list[tuple[str, int]]  # (key, line), each key once, in order


def cited_keys(text: str, name: str) -> Found:
    """The keys cited in ``text``, read as the file ``name`` (by its extension)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".aux":
        return aux_keys(text, name)
    if suffix == ".bcf":
        return bcf_keys(text, name)
    if suffix in (".tex", ".ltx", ".latex"):
        return tex_keys(text)
    if suffix in (".md", ".markdown", ".txt", ""):
        return _markdown_keys(text, name)
    raise FormatError(
        f"cannot tell what {suffix} cites",
        file=name,
        hint="give a .md, .tex, .aux or .bcf file",
    )


def _markdown_keys(text: str, name: str) -> Found:
    from coprodcite.manuscripts.pandoc import nocite_keys, read_markdown

    manuscript = read_markdown(text, name)
    found = [(c.key, citation.line) for citation in manuscript.citations for c in citation.cites]
    found += [(key, 1) for key in nocite_keys(manuscript.metadata)]
    return _once(found)


def tex_keys(text: str) -> Found:
    text = _COMMENT.sub("", text)
    found = []
    for command in _COMMAND.finditer(text):
        i = command.end()
        while True:
            optional = _OPTIONAL.match(text, i)
            if optional:
                i = optional.end()
                continue
            braced = _BRACED.match(text, i)
            if not braced:
                break
            line = text.count("\n", 0, braced.start()) + 1
            found += [(k.strip(), line) for k in braced.group(1).split(",") if k.strip()]
            i = braced.end()
            if not command.group().rstrip("*").endswith("s"):  # one group unless plural
                break
    return _once(found)


def aux_keys(text: str, name: str) -> Found:
    lines = text.split("\n")
    last = lines[-1] if lines else ""
    if last.strip() and last.count("{") != last.count("}"):
        raise FormatError(
            "the file is cut off (a LaTeX run that failed?)",
            file=name,
            line=len(lines),
            hint="run LaTeX again until it finishes, then export",
        )
    found = []
    for match in _AUX.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found += [(k.strip(), line) for k in match.group(1).split(",") if k.strip()]
    return _once(found)


def bcf_keys(text: str, name: str) -> Found:
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FormatError(
            f"not a biblatex control file that can be read ({exc})",
            file=name,
            line=exc.position[0] if exc.position else None,
            hint="run LaTeX again until it finishes, then export",
        ) from None
    found = [
        ((element.text or "").strip(), 1)
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "citekey"
    ]
    return _once([(key, line) for key, line in found if key])


def _once(found: Found) -> Found:
    seen: dict[str, int] = {}
    for key, line in found:
        seen.setdefault(key, line)
    return list(seen.items())
