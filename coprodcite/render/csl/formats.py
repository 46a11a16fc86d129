"""Runs (text with a formatting stack, from :mod:`.output`) written in one output format.

Every run's text is escaped for the format; only the style's formatting becomes markup.

* html follows citeproc-js (``<i>``, ``<b>``, ``<span style="font-variant:small-caps;">``,
  ``<span style="font-style:normal;">`` for a flip, ``<div class="csl-left-margin">``...);
* latex uses ``\\textit{}``, ``\\textup{}`` for a flip..., rtf ``{\\i ...}``, ``{\\i0 ...}``
  and ``\\uN?`` for non-ASCII characters;
* markdown has italic ``*...*``, bold ``**...**``, ``^sup^`` and ``~sub~`` and nothing for
  small caps or underline; a flip back to normal closes the emphasis instead of nesting;
* text has no markup at all.

Outside html, displays are written as layout: a block or an indented block starts on a
new line, a left margin is followed by a space.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coprodcite.latex import LATEX_ESCAPES

if TYPE_CHECKING:
    from coprodcite.render.csl.output import Run

__all__ = ["FORMATS", "escape", "markdown_blocks_escaped", "write"]

_Markup = dict[str, tuple[str, str]]

_HTML: _Markup = {
    "i": ("<i>", "</i>"),
    "ni": ('<span style="font-style:normal;">', "</span>"),
    "b": ("<b>", "</b>"),
    "nb": ('<span style="font-weight:normal;">', "</span>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
    "nsc": ('<span style="font-variant:normal;">', "</span>"),
    "u": ('<span style="text-decoration:underline;">', "</span>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "base": ('<span style="baseline">', "</span>"),  # as citeproc-js writes it
    "d:block": ('<div class="csl-block">', "</div>"),
    "d:left-margin": ('<div class="csl-left-margin">', "</div>"),
    "d:right-inline": ('<div class="csl-right-inline">', "</div>"),
    "d:indent": ('<div class="csl-indent">', "</div>"),
}
_LATEX: _Markup = {
    "i": ("\\textit{", "}"),
    "ni": ("\\textup{", "}"),
    "b": ("\\textbf{", "}"),
    "nb": ("\\textmd{", "}"),
    "sc": ("\\textsc{", "}"),
    "nsc": ("\\textnormal{", "}"),
    "u": ("\\underline{", "}"),
    "sup": ("\\textsuperscript{", "}"),
    "sub": ("\\textsubscript{", "}"),
}
_RTF: _Markup = {
    "i": ("{\\i ", "}"),
    "ni": ("{\\i0 ", "}"),
    "b": ("{\\b ", "}"),
    "nb": ("{\\b0 ", "}"),
    "sc": ("{\\scaps ", "}"),
    "nsc": ("{\\scaps0 ", "}"),
    "u": ("{\\ul ", "}"),
    "sup": ("{\\super ", "}"),
    "sub": ("{\\sub ", "}"),
    "base": ("{\\nosupersub ", "}"),
}
_MARKDOWN: _Markup = {"i": ("*", "*"), "b": ("**", "**"), "sup": ("^", "^"), "sub": ("~", "~")}
_MARKUP: dict[str, _Markup] = {
    "html": _HTML,
    "latex": _LATEX,
    "rtf": _RTF,
    "markdown": _MARKDOWN,
    "text": {},
}
FORMATS = tuple(_MARKUP)

_ESCAPES: dict[str, dict[int, str]] = {
    "html": str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"}),
    "latex": str.maketrans(LATEX_ESCAPES),
    "rtf": str.maketrans({"\\": "\\\\", "{": "\\{", "}": "\\}", "\n": "\\line "}),
    "markdown": str.maketrans({c: "\\" + c for c in "\\*_`[]<>~^"}),
    "text": {},
}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# markdown's emphasis is not nested: the styles that are on, from the flip-flop stack
_TOGGLES = {"i": ("i", True), "ni": ("i", False), "b": ("b", True), "nb": ("b", False)}


def escape(text: str, fmt: str) -> str:
    """``text`` with the characters that are markup in ``fmt`` escaped."""
    table = _ESCAPES[fmt]
    if not table:
        return text
    text = text.translate(table)
    if fmt == "markdown" and "&" in text:  # "&copy;" would be read as an entity
        text = _MD_ENTITY.sub(r"\\&", text)
    return text


_MD_ENTITY = re.compile(r"&(?=#?\w+;)")

# What makes a line a block in CommonMark (and pandoc's Markdown) rather than paragraph
# text: up to three spaces, then an ATX heading ("#"), a block quote (">"), a bullet
# ("-", "+"), an ordered-list number ("1.", "1)"; pandoc also "(1)", "(a)", "(@)"), a
# thematic break or setext underline ("---", "==="), a table or line-block bar ("|"),
# pandoc's definition (":"), title block ("%") or citation ("@"). Four spaces open a code
# block. "*", "_", "`", "~" and "<" are escaped wherever they are field text (escape()
# above); unescaped they are the writer's own emphasis, which never forms a block.
_MD_BLOCK_START = re.compile(
    r"^( {0,3})(?:(\d{1,9})(?=[.)](?:[ \t]|$))|([#>+\-=:|%@]|\((?=(?:\d{1,9}|[A-Za-z]+|@)\))))",
    re.MULTILINE,
)
_MD_INDENT = re.compile(r"^ {4,}", re.MULTILINE)


def markdown_blocks_escaped(text: str) -> str:
    """Markdown ``text`` whose every line reads as paragraph text: a line that a title
    begins with ``# ``, ``---``, ``>``, ``1. `` and so on has that character
    backslash-escaped (issue 17: a title must not become a heading, rule, quote or list),
    and indentation that would open a code block is dropped. Escaping a character that
    would not have started a block is harmless: ``\\-`` reads as ``-``."""
    if "\n" in text or text[:1] in _MD_FIRST or text[:1].isdigit():
        text = _MD_INDENT.sub("", text)
        text = _MD_BLOCK_START.sub(_escape_block_start, text)
    return text


_MD_FIRST = frozenset(" #>+-=:|%@(")


def _escape_block_start(match: re.Match[str]) -> str:
    spaces, digits, mark = match.groups()
    if digits is not None:  # "1." -> "1\\." (the number stays a number)
        return spaces + digits + "\\"
    return spaces + "\\" + mark


def write(runs: list[Run], fmt: str) -> str:
    """The runs written in ``fmt`` (one of :data:`FORMATS`)."""
    markup = _MARKUP[fmt]
    out: list[str] = []
    stack: list[str] = []  # styles written as open markup
    for run in runs:
        wanted = _wanted(run.styles, markup, fmt)
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] == wanted[common]:
            common += 1
        if run.kind == "s" and fmt == "html" and wanted and common == len(wanted):
            common -= 1  # a superscript character in its own <sup>, as citeproc-js writes
        text = escape(run.text, fmt)
        closing = "".join(_close(markup, style) for style in reversed(stack[common:]))
        opening = "".join(_open(markup, style, fmt, out) for style in wanted[common:])
        if fmt == "markdown":  # emphasis may not start or end with a space
            closing, opening, text = _outside_spaces(out, closing, opening, text)
        out.extend((closing, opening, text))
        stack = wanted
    for style in reversed(stack):
        out.append(_close(markup, style))
    text = "".join(out)
    if fmt == "rtf":
        text = _NON_ASCII.sub(_rtf_unicode, text)
    elif fmt == "markdown":
        text = markdown_blocks_escaped(text)
    return text


def _outside_spaces(out: list[str], closing: str, opening: str, text: str) -> tuple[str, str, str]:
    """Markdown: the spaces around a closing or opening mark moved outside it."""
    if closing and out:
        stripped = out[-1].rstrip(" ")
        closing += out[-1][len(stripped) :]
        out[-1] = stripped
    if opening:
        stripped = text.lstrip(" ")
        opening = text[: len(text) - len(stripped)] + opening
        text = stripped
    return closing, opening, text


def _wanted(styles: tuple[str, ...], markup: _Markup, fmt: str) -> list[str]:
    """The styles of a run that ``fmt`` writes, outermost first."""
    if fmt == "markdown":
        return _effective(styles, markup)
    return [s for s in styles if s in markup or (fmt != "html" and s.startswith("d:"))]


def _effective(styles: tuple[str, ...], markup: _Markup) -> list[str]:
    """Styles without flips: ``i ni`` is nothing, ``i ni i`` is ``i``."""
    out: list[str] = []
    for style in styles:
        toggle = _TOGGLES.get(style)
        if toggle is not None:
            name, on = toggle
            if name in out:
                out.remove(name)
            if on:
                out.append(name)
        elif style in markup or style.startswith("d:"):
            out.append(style)
    return out


def _open(markup: _Markup, style: str, fmt: str, out: list[str]) -> str:
    if style in markup:
        return markup[style][0]
    # displays outside html: a block starts on its own line
    if style in ("d:block", "d:indent") and out:
        return "\\line " if fmt == "rtf" else "\n"
    return ""


def _close(markup: _Markup, style: str) -> str:
    if style in markup:
        return markup[style][1]
    if style == "d:left-margin":
        return " "
    return ""


def _rtf_unicode(match: re.Match[str]) -> str:
    """A non-ASCII character as RTF ``\\uN?`` (signed 16-bit UTF-16 code units)."""
    units = match.group().encode("utf-16-le")
    codes = (
        int.from_bytes(units[i : i + 2], "little", signed=True) for i in range(0, len(units), 2)
    )
    return "".join(f"\\u{code}?" for code in codes)
