"""Output formats and escaping for the citeproc-py bridge.

Field values are escaped before citeproc-py sees them: ``&``, ``<`` and ``>`` (and, for
Markdown, its special characters) become private-use placeholders, which :func:`finish`
turns into entities, backslash escapes or the characters themselves once the entry is
rendered. A title can therefore never inject markup, while the style's own formatting
still comes out as ``<i>`` or ``*...*``. CSL rich text in field values (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<span class="nocase">`` and small-caps spans) becomes real
formatting in every format; text inside such a tag keeps its case whatever the style's
text-case says. Unbalanced rich-text tags are dropped and their text kept. The entities
``&amp;``, ``&lt;``, ``&gt;``, ``&quot;``, ``&apos;`` and numeric ones are decoded, as
:mod:`coprodcite.markup` writes titles that way (``&lt;i&gt;`` is the text "<i>").
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from citeproc import VARIABLES, model
from citeproc.source import Reference, VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String

from coprodcite.latex import LATEX_ESCAPES
from coprodcite.render.citeproc_py.base import RENDER_HOOKS
from coprodcite.render.citeproc_py.output import OUTPUTS, emphasis
from coprodcite.render.csl.formats import markdown_blocks_escaped
from coprodcite.rich_text import strip_tags, tags

__all__ = ["OUTPUTS", "CslJsonSource", "ItemProblem", "clean_item", "escape", "finish"]

# -- escaping field values ------------------------------------------------------------

_AMP, _LT, _GT = "\ue000", "\ue001", "\ue002"
_MD_SPECIALS = "\\*_`[]~^"
_MD_HOLDERS = {c: chr(0xE003 + i) for i, c in enumerate(_MD_SPECIALS)}
# Bracket one cite in a cluster (the open mark is followed by an index in U+E100..E1FF).
OPEN_MARK, CLOSE_MARK = "\ue010", "\ue011"
_BASIC: dict[int, str | None] = {ord("&"): _AMP, ord("<"): _LT, ord(">"): _GT}
_BASIC.update(dict.fromkeys(range(0xE000, 0xE200)))  # never trust private-use input
# LaTeX's and RTF's special characters in field values are held as U+E030..E038.
_TEX = LATEX_ESCAPES
_RTF = {"\\": "\\\\", "{": "\\{", "}": "\\}"}
_TEX_HOLDERS = {c: chr(0xE030 + i) for i, c in enumerate(c for c in _TEX if c not in "&<>")}
_ESCAPE = {
    "html": _BASIC,
    "text": _BASIC,
    "markdown": {**_BASIC, **{ord(c): h for c, h in _MD_HOLDERS.items()}},
    "latex": {**_BASIC, **{ord(c): h for c, h in _TEX_HOLDERS.items()}},
}
_ESCAPE["rtf"] = _ESCAPE["latex"]
# Special characters of the style's own text (affixes, terms, delimiters).
_STYLE_TEXT = {"latex": str.maketrans(_TEX), "rtf": str.maketrans(_RTF)}
_UNESCAPE = {
    "html": str.maketrans({_AMP: "&amp;", _LT: "&lt;", _GT: "&gt;"}),
    "text": str.maketrans({_AMP: "&", _LT: "<", _GT: ">"}),
    "markdown": str.maketrans(
        {_LT: "\\<", _GT: ">", **{h: "\\" + c for c, h in _MD_HOLDERS.items()}}
    ),
    "latex": str.maketrans(
        {_AMP: _TEX["&"], _LT: _TEX["<"], _GT: _TEX[">"]}
        | {h: _TEX[c] for c, h in _TEX_HOLDERS.items()}
    ),
    "rtf": str.maketrans(
        {_AMP: "&", _LT: "<", _GT: ">"} | {h: _RTF.get(c, c) for c, h in _TEX_HOLDERS.items()}
    ),
}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# CSL rich text escapes &, < and > as entities (see coprodcite.markup); only complete
# entities are decoded, so "R&D" and "&para" stay as written.
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML_TAG = re.compile(r'</?(?:i|b|u|sup|sub)>|<span style="[^"<>]*">|</span>')
_LOOSE_AMP = re.compile(r"&(?!#?\w+;)")
_MD_ENTITY_AMP = re.compile(_AMP + r"(?=#?\w+;)")
_FIELDS = frozenset(v.replace("_", "-") for v in VARIABLES) | {"shortTitle", "type"}
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")


def escape(text: str, fmt: str) -> str:
    """Replace characters that are special in ``fmt`` by placeholders (see :func:`finish`)."""
    return text.translate(_ESCAPE[fmt])


def field_text(text: str, fmt: str) -> str:
    """Text of a field value (no tags in it): decode its entities, make straight quotes
    typographic (:func:`smart_quotes`), then :func:`escape`."""
    return escape(smart_quotes(_ENTITY.sub(lambda m: html_lib.unescape(m.group()), text)), fmt)


_OPENS_AFTER = r"(?:(?<=^)|(?<=[\s(\[{\u2018\u201c/-]))"
_SMART = [
    (re.compile(_OPENS_AFTER + "'(?=\\S)"), "\u2018"),
    (re.compile("'"), "\u2019"),
    (re.compile(_OPENS_AFTER + '"(?=\\S)'), "\u201c"),
    (re.compile('"'), "\u201d"),
]


def smart_quotes(text: str) -> str:
    """Straight quotes and apostrophes as typographic ones, as citeproc-js writes them:
    ``d'Arcus`` becomes ``d’Arcus``, ``"so it goes"`` becomes ``“so it goes”``."""
    if "'" not in text and '"' not in text:
        return text
    for pattern, quote in _SMART:
        text = pattern.sub(quote, text)
    return text


# A period after a field or affix that already ends in . ! or ? (across the marks of
# italic and bold and a closing quote) is dropped: "Doe Co.. 1965", "Why?." (citeproc-js);
# ellipses stay.
_DOUBLE_PERIOD = re.compile("(?<!\\.)([.!?])((?:[\ue020-\ue02f]|[\u201d\u2019])*)\\.(?!\\.)")
_PIQ_ABSORB = re.compile("(?<=[.!?])(\u201d)\\.")
_PIQ_MOVE = re.compile("(?<![.])\u201d([.,])")


def punctuation_in_quote(text: str) -> str:
    """Put a period or comma that follows a closing quote inside it (the locale's
    ``punctuation-in-quote``); a period after ``?”`` or ``.”`` is dropped, and a comma after
    ``.”`` stays outside."""
    if "\u201d" not in text:
        return text
    return _PIQ_MOVE.sub("\\1\u201d", _PIQ_ABSORB.sub("\\1", text))


def finish(text: object, fmt: str, quote_punctuation: bool = False) -> str:
    """Turn rendered output with placeholders into final ``fmt`` text (with
    :func:`punctuation_in_quote` when ``quote_punctuation``)."""
    out = re.sub(f"{OPEN_MARK}.|{CLOSE_MARK}", "", str(text), flags=re.DOTALL)
    out = _DOUBLE_PERIOD.sub(r"\1\2", out)
    if quote_punctuation:
        out = punctuation_in_quote(out)
    if fmt == "html":
        out = _escape_style_text(out)
    elif fmt in _STYLE_TEXT:
        out = out.translate(_STYLE_TEXT[fmt])
    out = emphasis(out, fmt)
    if fmt == "markdown":
        out = _MD_ENTITY_AMP.sub("\\\\&", out).replace(_AMP, "&")
    out = out.translate(_UNESCAPE[fmt])
    if fmt == "markdown":
        return markdown_blocks_escaped(out)
    return _NON_ASCII.sub(_rtf_unicode, out) if fmt == "rtf" else out


def _rtf_unicode(match: re.Match[str]) -> str:
    """A non-ASCII character as RTF ``\\uN?`` (signed 16-bit UTF-16 code units)."""
    units = match.group().encode("utf-16-le")
    codes = (
        int.from_bytes(units[i : i + 2], "little", signed=True) for i in range(0, len(units), 2)
    )
    return "".join(f"\\u{code}?" for code in codes)


def _escape_style_text(html_text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` that are not our tags or entities.

    citeproc-py writes a style's affixes and delimiters as they are, so a style that
    puts URLs in ``<...>`` would open a tag. Field values are placeholders by now.
    """

    def loose(text: str) -> str:
        return _LOOSE_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")

    parts, end = [], 0
    for match in _HTML_TAG.finditer(html_text):
        parts += [loose(html_text[end : match.start()]), match.group()]
        end = match.end()
    return "".join([*parts, loose(html_text[end:])])


class ItemProblem(ValueError):
    """An item that cannot be given to citeproc-py; ``str()`` is the reason shown."""


def clean_item(item: Mapping[str, Any], key: str, fmt: str) -> dict[str, Any]:
    """The fields of a CSL-JSON item that citeproc-py knows, under citeproc key ``key``.

    Unknown fields and nulls are dropped (citeproc-py would warn or print "None");
    ``language`` is escaped here because citeproc-py does not parse it as a string.
    """
    if not isinstance(item.get("type"), str):
        raise ItemProblem("the item has no CSL 'type'")
    clean = {k: v for k, v in item.items() if k in _FIELDS and v is not None}
    if isinstance(clean.get("language"), str):
        clean["language"] = field_text(clean["language"], fmt)
    clean["id"] = key
    return clean


_STOP_WORDS = frozenset(model.TextCased._stop_words)
_WORD_START = re.compile(r"^(\W*)(\w)")


class FieldString(String):
    """Plain text of a field value. In title case its first letter is found after leading
    quotes and brackets, and each part of a hyphenated or slashed word that is not a stop
    word and longer than one letter is capitalised (``“New``, ``Pro-Environmental``,
    ``out-of-fashion`` to ``Out-of-Fashion``, ``Cat/Mouse``, ``07-x``), as citeproc-js does."""

    def capitalize_first(self) -> String:
        if not RENDER_HOOKS.title_case:
            return super().capitalize_first()
        parts = re.split(r"([-/])", str(self))
        for i in range(0, len(parts), 2):
            if i == 0 or len(parts[i]) > 1 and parts[i].lower() not in _STOP_WORDS:
                parts[i] = _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), parts[i], 1)
        return type(self)("".join(parts))


class _Frozen(NoCase):
    """Rich text already formatted: the style's text-case leaves it alone."""

    def lower(self) -> _Frozen:
        return self

    upper = title = soft_lower = soft_upper = capitalize_first = lower

    def words(self) -> Iterator[_Frozen]:
        yield self


class _Word(String):
    """A word made of several segments (``<i>with</i>,``): case changes go part by part."""

    parts: tuple[String, ...]

    def __new__(cls, parts: list[String]) -> _Word:
        word = super().__new__(cls, "".join(parts))
        word.parts = tuple(parts)
        return word

    def _each(self, change: str) -> _Word:
        return _Word([getattr(part, change)() for part in self.parts])

    def lower(self) -> _Word:
        return self._each("lower")

    def upper(self) -> _Word:
        return self._each("upper")

    def soft_lower(self) -> _Word:
        return self._each("soft_lower")

    def soft_upper(self) -> _Word:
        return self._each("soft_upper")

    def capitalize_first(self) -> _Word:
        return _Word([self.parts[0].capitalize_first(), *self.parts[1:]])


class _RichText(MixedString):
    """A field value in segments whose words are split at whitespace only.

    citeproc-py's MixedString splits words at segment edges too, so title case turned
    ``<i>with</i>, not`` into ``with , Not``.
    """

    def words(self) -> Iterator[String]:
        word: list[String] = []
        for segment in self:
            for piece in re.split(r"(\s+)", str(segment)):
                if piece and not piece.isspace():
                    word.append(type(segment)(piece))
                elif piece and word:
                    yield word[0] if len(word) == 1 else _Word(word)
                    word = []
        if word:
            yield word[0] if len(word) == 1 else _Word(word)


@dataclass
class _Tag:
    kind: str
    children: list[str | _Tag]
    name: str = ""  # the element (i, b, sup, sub, sc, span) its closing tag must name


def _parse_rich(text: str, fmt: str) -> list[str | _Tag]:
    """Split CSL rich text into escaped strings and tags (read by
    :func:`coprodcite.rich_text.tags`); a text whose tags do not balance is taken as
    plain text without them. Small caps are ``small-caps`` here (citeproc-py's name);
    a ``nodecor`` span keeps its text's case, as ``nocase`` does, and an unknown span
    only groups."""
    root = _Tag("", [])
    stack = [root]
    end = 0
    for tag in tags(text):
        stack[-1].children.append(field_text(text[end : tag.start], fmt))
        end = tag.end
        if tag.kind is None:  # a tag with attributes it may not have: its text
            stack[-1].children.append(field_text(tag.raw, fmt))
            continue
        if tag.closing:
            top = stack[-1]
            if len(stack) == 1 or top.name != tag.name:
                return [field_text(strip_tags(text), fmt)]
            stack.pop()
        else:
            kind = {"sc": "small-caps", "nodecor": "nocase", "span?": ""}.get(tag.kind, tag.kind)
            node = _Tag(kind, [], tag.name)
            stack[-1].children.append(node)
            stack.append(node)
    stack[-1].children.append(field_text(text[end:], fmt))
    return root.children if len(stack) == 1 else [field_text(strip_tags(text), fmt)]


class _Reference(Reference):  # type: ignore[misc]
    """citeproc-py's Reference with one-step attribute look-up (it is read very often)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return dict.__getitem__(self, name)
        except KeyError:
            raise VariableError(name) from None


class CslJsonSource(CiteProcJSON):  # type: ignore[misc]
    """CSL-JSON reader that escapes field values and turns rich text into formatting."""

    def __init__(self, items: list[dict[str, Any]], fmt: str, output: Any) -> None:
        self._fmt, self._output = fmt, output
        super().__init__(items)

    def add(self, entry: Reference) -> None:
        entry.__class__ = _Reference
        self[entry.key] = entry

    def parse_string(self, string: object) -> MixedString:
        segments: list[String] = []
        for node in _parse_rich(str(string), self._fmt):
            if isinstance(node, str):
                if node:
                    segments.append(FieldString(node))
            elif node.kind == "nocase" and all(isinstance(c, str) for c in node.children):
                segments.append(NoCase("".join(str(c) for c in node.children)))
            else:
                segments.append(_Frozen(self._render_tag(node)))
        return _RichText(segments)

    def _render_tag(self, tag: _Tag) -> str:
        out = self._output
        wrap = {
            "i": out.Italic,
            "b": out.Bold,
            "sup": out.Superscript,
            "sub": out.Subscript,
            "small-caps": out.SmallCaps,
        }.get(tag.kind, str)
        inner = "".join(c if isinstance(c, str) else self._render_tag(c) for c in tag.children)
        return str(wrap(inner))

    def parse_names(self, json_data: list[Mapping[str, Any]]) -> list[Any]:
        names = []
        for name in json_data:
            keys = ("literal",) if "literal" in name else _NAME_PARTS
            names.append(
                {k: field_text(str(name[k]), self._fmt) for k in keys if name.get(k) is not None}
            )
        return list(super().parse_names(names))

    def parse_date(self, json_data: Mapping[str, Any]) -> Any:
        def clean(value: Any) -> Any:
            if isinstance(value, str):
                return field_text(value, self._fmt)
            return [clean(v) for v in value] if isinstance(value, list) else value

        return super().parse_date({k: clean(v) for k, v in json_data.items()})
