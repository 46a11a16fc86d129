"""citeproc-py output formats for coprodcite: HTML, Markdown, LaTeX and RTF.

Formatting is written as private-use marks while citeproc-py renders and turned into
markup by :func:`emphasis` when the entry is finished (see ``markup.finish``): italic and
bold nested in themselves flip back to roman (HTML ``font-style:normal``, LaTeX
``\\textup``, RTF ``\\i0``); Markdown cannot, so there they merge. Small caps,
superscript, subscript and underline are marked the same way for LaTeX and RTF.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc.formatter import html, plain

# kind -> (open mark, close mark); the marks are private-use characters U+E020..E02F
_KINDS = ("i", "b", "sc", "sup", "sub", "ul", "lm", "ri")  # lm, ri: second-field-align
MARKS = {kind: (chr(0xE020 + 2 * n), chr(0xE021 + 2 * n)) for n, kind in enumerate(_KINDS)}
_MARK_OF = {m: (kind, 1 - 2 * k) for kind, pair in MARKS.items() for k, m in enumerate(pair)}
_MARK = re.compile("[\ue020-\ue02f]")
_GAP = "\ue0fe"  # between the fields of second-field-align outside HTML: one space
_FLIPS = ("i", "b")  # nested in themselves, these flip back to roman
_OUT: dict[str, dict[str, tuple[str, ...]]] = {  # open, close at odd depth, then at even
    "html": {
        "i": ("<i>", "</i>", '<span style="font-style:normal;">', "</span>"),
        "b": ("<b>", "</b>", '<span style="font-weight:normal;">', "</span>"),
        "lm": ('<div class="csl-left-margin">', "</div>"),
        "ri": ('<div class="csl-right-inline">', "</div>"),
    },
    "markdown": {"i": ("*", "*", "", ""), "b": ("**", "**", "", "")},
    "latex": {
        "i": ("\\textit{", "}", "\\textup{", "}"),
        "b": ("\\textbf{", "}", "\\textmd{", "}"),
        "sc": ("\\textsc{", "}"),
        "sup": ("\\textsuperscript{", "}"),
        "sub": ("\\textsubscript{", "}"),
        "ul": ("\\underline{", "}"),
    },
    "rtf": {
        "i": ("{\\i ", "}", "{\\i0 ", "}"),
        "b": ("{\\b ", "}", "{\\b0 ", "}"),
        "sc": ("{\\scaps ", "}"),
        "sup": ("{\\super ", "}"),
        "sub": ("{\\sub ", "}"),
        "ul": ("{\\ul ", "}"),
    },
}


def emphasis(text: str, fmt: str) -> str:
    """Turn formatting marks into ``fmt`` markup (or drop them where ``fmt`` has none)."""
    depth = dict.fromkeys(_KINDS, 0)
    out = _OUT.get(fmt, {})

    def mark(match: re.Match[str]) -> str:
        kind, step = _MARK_OF[match.group()]
        level = depth[kind] + (step if step > 0 else 0)
        depth[kind] += step
        if kind not in out:
            return _GAP if kind == "ri" and step > 0 else ""
        flip = 2 if kind in _FLIPS and not level % 2 else 0
        return out[kind][flip + (0 if step > 0 else 1)]

    text = _MARK.sub(mark, text)
    return re.sub(f"{_GAP}(?![\\s{_GAP}])", " ", text).replace(_GAP, "") if _GAP in text else text


class _Wrapped(str):
    """Wrap text in ``marks``, keeping surrounding whitespace outside them."""

    marks = ("", "")

    def __new__(cls, text: object) -> _Wrapped:
        whole = str(text)
        core = whole.strip()
        if not core or not cls.marks[0]:
            return super().__new__(cls, whole)
        lead, trail = whole[: len(whole) - len(whole.lstrip())], whole[len(whole.rstrip()) :]
        opening, closing = cls.marks
        return super().__new__(cls, f"{lead}{opening}{cls.prepare(core)}{closing}{trail}")

    @staticmethod
    def prepare(core: str) -> str:
        return core


def _marked(kind: str) -> type[_Wrapped]:
    """A formatter class that wraps text in the marks of ``kind``."""
    return type(f"_Marked_{kind}", (_Wrapped,), {"marks": MARKS[kind]})


_Italic, _Bold = _marked("i"), _marked("b")


class _Script(_Wrapped):
    @staticmethod
    def prepare(core: str) -> str:
        return core.replace(" ", "\\ ")  # pandoc: spaces inside ^...^ and ~...~ are escaped


class _Superscript(_Script):
    marks = ("^", "^")


class _Subscript(_Script):
    marks = ("~", "~")


class MarkdownFormatter:
    """A citeproc-py output format (used like ``citeproc.formatter.html``) for Markdown.

    Style text is written as is; field values reach it already escaped (see ``escape``).
    Underline, light and small caps have no Markdown form and come out as plain text.
    """

    Italic = Oblique = _Italic
    Bold = _Bold
    Light = Underline = SmallCaps = _Wrapped
    Superscript = _Superscript
    Subscript = _Subscript

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)


class _Light(html.TagWrapper):  # type: ignore[misc]
    tag, attributes = "span", {"style": "font-weight:lighter;"}


class HtmlFormatter:
    """citeproc-py's HTML output with italic and bold that flip inside each other, and a
    valid tag for light text (citeproc-py writes ``<l>``)."""

    Italic = Oblique = _Italic
    Bold = _Bold
    Light = _Light
    Underline, Superscript, Subscript = html.Underline, html.Superscript, html.Subscript
    SmallCaps = html.SmallCaps
    preformat = staticmethod(html.preformat)


class MarkedFormatter:
    """LaTeX and RTF output: every kind of formatting as marks, written by :func:`emphasis`.
    Light text has no form in either and comes out plain."""

    Italic = Oblique = _Italic
    Bold = _Bold
    Light = _Wrapped
    SmallCaps = _marked("sc")
    Superscript = _marked("sup")
    Subscript = _marked("sub")
    Underline = _marked("ul")

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)


OUTPUTS: dict[str, Any] = {
    "text": plain,
    "html": HtmlFormatter,
    "markdown": MarkdownFormatter,
    "latex": MarkedFormatter,
    "rtf": MarkedFormatter,
}
