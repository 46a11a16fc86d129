"""BibTeX and BibLaTeX in and out through bibtexparser v2.

:func:`read_bibtex` turns a .bib file into records (one per entry, failures with
file and line, duplicate keys kept apart and warned about); :func:`write_bibtex`
writes records as BibTeX or BibLaTeX. ``to_bibtex`` is the name ``show --format
bibtex`` has used from the start.
"""

from __future__ import annotations

from coprodcite.formats.bibtex.latex_out import escape_latex, rich_to_latex
from coprodcite.formats.bibtex.reader import read_bibtex
from coprodcite.formats.bibtex.writer import write_bibtex

to_bibtex = write_bibtex

__all__ = ["escape_latex", "read_bibtex", "rich_to_latex", "to_bibtex", "write_bibtex"]
