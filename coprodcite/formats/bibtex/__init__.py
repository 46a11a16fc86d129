"""BibTeX and BibLaTeX in and out through bibtexparser v2.

:func:`read_bibtex` turns a .bib file into records (one per entry, failures with
file and line, duplicate keys kept apart and warned about); :func:`write_bibtex`
writes records as BibTeX or BibLaTeX. ``to_bibtex`` is the name ``show --format
bibtex`` has used from the start.

The names are loaded when first used (PEP 562): writing one entry, as a kept export
does after each change, needs neither the reader nor bibtexparser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coprodcite.formats.bibtex.latex_out import escape_latex, rich_to_latex
    from coprodcite.formats.bibtex.reader import read_bibtex
    from coprodcite.formats.bibtex.writer import write_bibtex

    to_bibtex = write_bibtex

_WHERE = {
    "escape_latex": "latex_out",
    "rich_to_latex": "latex_out",
    "read_bibtex": "reader",
    "write_bibtex": "writer",
    "to_bibtex": "writer",
}

__all__ = ["escape_latex", "read_bibtex", "rich_to_latex", "to_bibtex", "write_bibtex"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    module = import_module(f"{__name__}.{_WHERE[name]}")
    return getattr(module, "write_bibtex" if name == "to_bibtex" else name)
