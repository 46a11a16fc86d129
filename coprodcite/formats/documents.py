"""Rendered entries as a document, or a fragment, that its reader takes as one
paragraph per entry; and a citation as text that reader takes as it is.

The renderer writes each entry in the output format (escaped, with the style's own
formatting as markup); this module only puts entries together: an RTF reader needs
``{\\rtf1 ...}`` and ``\\par``, LaTeX and Markdown a blank line between paragraphs,
HTML an element per entry. One place for every command that writes rendered text
(``bib``, ``cite``; later ``check -o`` and ``format --to``).

==========  ================================================================
format      what is written
==========  ================================================================
text        one entry per line (``grep`` and ``wc -l`` count entries)
html        ``<div class="csl-bib-body">`` holding a ``csl-entry`` div per entry,
            as citeproc-js writes it: a fragment for a page
markdown    entries separated by a blank line
latex       entries separated by a blank line: a fragment to ``\\input``
rtf         a whole RTF document, ``{\\pard ENTRY\\par}`` per entry
==========  ================================================================
"""

from __future__ import annotations

from collections.abc import Sequence

from coprodcite.errors import InvalidInput

FORMATS = ("text", "html", "markdown", "latex", "rtf")

_RTF_START = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}\n"


def bibliography_document(entries: Sequence[str], fmt: str) -> str:
    """The entries of a reference list as one ``fmt`` text (no final newline)."""
    if fmt == "text":
        return "\n".join(entries)
    if fmt in ("markdown", "latex"):
        return "\n\n".join(entries)
    if fmt == "html":
        body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
        return f'<div class="csl-bib-body">\n{body}</div>'
    if fmt == "rtf":
        return _RTF_START + "".join(f"{{\\pard {e}\\par}}\n" for e in entries) + "}"
    raise _unknown(fmt)


def citation_document(citation: str, fmt: str) -> str:
    """A rendered citation as ``fmt`` text: for RTF a whole document holding it,
    for the others the text itself."""
    if fmt == "rtf":
        return _RTF_START + citation + "\n}"
    if fmt not in FORMATS:
        raise _unknown(fmt)
    return citation


def _unknown(fmt: str) -> InvalidInput:
    return InvalidInput(f"unknown output format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
