"""CSL rich text and plain text to LaTeX for BibTeX fields.

Every LaTeX special character (``# $ % & ~ _ ^ \\ { }``) is escaped, so no field
can inject a LaTeX command; rich text becomes ``\\textit{}``, ``\\textbf{}``,
``\\textsc{}``, ``\\textsuperscript{}``/``\\textsubscript{}`` and case-protecting
braces. With ``ascii=True`` (plain BibTeX) accented letters and the symbols
:mod:`latex_in` reads become LaTeX (``{\\"o}``, ``{\\ss}``, ``--``); the output
reads back through :func:`latex_in.latex_to_rich` to the same text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import unescape

from coprodcite.formats.bibtex.latex_in import ACCENTS, SYMBOLS
from coprodcite.latex import LATEX_ESCAPES
from coprodcite.rich_text import tags

__all__ = ["escape_latex", "rich_to_latex"]

_SPECIALS = LATEX_ESCAPES
#: characters that would read back as something else next to the same character
_LIGATURE_STARTS = {"-": "-", "`": "`", "'": "'"}
_UNICODE_SYMBOLS = {
    "–": "--",
    "—": "---",
    "“": "``",
    "”": "''",
    "ı": r"{\i}",
    "ȷ": r"{\j}",
}
_LETTERS = {"ß", "ø", "Ø", "æ", "Æ", "œ", "Œ", "å", "Å", "ł", "Ł", "ð", "Ð", "þ", "Þ", "ŋ", "Ŋ"}
_MARKS = {mark: command for command, mark in ACCENTS.items()}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(LATEX_ESCAPES)) + "]")
_RICH_TAGS = {
    "i": (r"\textit{", "}"),
    "b": (r"\textbf{", "}"),
    "sup": (r"\textsuperscript{", "}"),
    "sub": (r"\textsubscript{", "}"),
    "sc": (r"\textsc{", "}"),
    "nocase": ("{", "}"),
    "span": ("", ""),  # a span that only groups
}


@lru_cache(maxsize=4096)
def _ascii_latex(ch: str) -> str:
    """``ch`` as LaTeX a plain BibTeX tool reads, or ``ch`` itself when there is none."""
    if ch in _UNICODE_SYMBOLS:
        return _UNICODE_SYMBOLS[ch]
    if ch in _LETTERS:
        return "{\\" + next(k for k, v in SYMBOLS.items() if v == ch) + "}"
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) == 2 and decomposed[1] in _MARKS and decomposed[0].isascii():
        base, command = decomposed[0], _MARKS[decomposed[1]]
        base = {"i": r"\i", "j": r"\j"}.get(base, base) if command not in "cdbk" else base
        return "{\\" + command + ("{" + base + "}" if command.isalpha() else base) + "}"
    return ch


def escape_latex(text: str, *, ascii: bool = False) -> str:
    """Plain text as LaTeX: specials escaped; non-ASCII as LaTeX too when ``ascii``."""
    simple = not _NEEDS_ESCAPE.search(text) and (text.isascii() or not ascii)
    if simple and "--" not in text and "''" not in text and "``" not in text:
        return text  # the common case
    out: list[str] = []
    previous = ""
    for ch in text:
        if _LIGATURE_STARTS.get(previous) == ch:
            out.append("{}")
        if ch in _SPECIALS:
            out.append(_SPECIALS[ch])
        elif ascii and not ch.isascii():
            out.append(_ascii_latex(ch))
        else:
            out.append(ch)
        previous = ch
    return "".join(out)


def rich_to_latex(rich: str, *, ascii: bool = False) -> str:
    """CSL rich text (escaped HTML subset) to LaTeX, every character escaped."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (kind, index of its opening in out)
    pos = 0
    for tag in tags(rich):  # the one reader of rich-text markup (coprodcite.rich_text)
        out.append(escape_latex(unescape(rich[pos : tag.start]), ascii=ascii))
        pos = tag.end
        if tag.kind is None:  # a tag with attributes it may not have: text
            out.append(escape_latex(tag.raw, ascii=ascii))
            continue
        if tag.closing:
            if stack:
                _close(out, *stack.pop())
            continue
        kind = {"nodecor": "nocase", "span?": "span"}.get(tag.kind, tag.kind)
        stack.append((kind, len(out)))
        out.append(_RICH_TAGS[kind][0])
    out.append(escape_latex(unescape(rich[pos:]), ascii=ascii))
    while stack:
        _close(out, *stack.pop())
    return "".join(out)


def _close(out: list[str], kind: str, start: int) -> None:
    if kind == "nocase" and "".join(out[start + 1 :]).startswith("\\"):
        out[start] = "{{}"  # {\textit{x}} would read as a special character, not nocase
    out.append(_RICH_TAGS[kind][1])
