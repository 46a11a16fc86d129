"""The one LaTeX escape table, shared by every writer of LaTeX: the engine's ``latex``
output (:mod:`coprodcite.render.csl.formats`), the citeproc-py bridge's
(:mod:`coprodcite.render.citeproc_py.markup`) and BibTeX fields
(:mod:`coprodcite.formats.bibtex.latex_out`). Pure data, no I/O.

Each character that LaTeX would read as markup becomes the text-mode command or escape
that prints it (``^`` is ``\\textasciicircum{}``: ``\\^{}`` is an accent command); the
no-break space becomes LaTeX's tie. :mod:`coprodcite.formats.bibtex.latex_in` reads every
one of them back to the same character.
"""

from __future__ import annotations

__all__ = ["LATEX_ESCAPES", "escape_latex_text"]

LATEX_ESCAPES: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "&": r"\&",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "\u00a0": "~",
}

_TABLE = str.maketrans(LATEX_ESCAPES)


def escape_latex_text(text: str) -> str:
    """``text`` with every LaTeX special character escaped."""
    return text.translate(_TABLE)
