"""The rich-text markup of a CSL-JSON field value, parsed to an :class:`~.rich.Out` tree.

Recognised (as citeproc-js does):

* ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, ``<span style="font-variant:small-caps;">``
  become formatting; ``<span class="nocase">`` marks its leaves ``nocase``;
  ``<span class="nodecor">`` resets italics, bold and small caps. Small caps, superscript,
  subscript and nodecor text is also kept from text-case (textcase_ImplicitNocase,
  flipflop_ItalicsWithOkAndTextcase). Unknown tags, and closing tags never opened, stay
  literal text; an opening tag never closed is dropped.
* the entities ``&amp; &lt; &gt; &quot; &apos; &nbsp;`` and numeric ones (``&#38;``);
* quotation marks: a pair of straight or curly double quotes, or of straight or curly
  single quotes, becomes a node with ``quotes=True`` (the writer picks outer or inner
  marks by depth). An opening mark follows the start, a space or opening punctuation and
  comes before text; a closing mark follows text and comes before no letter. An
  apostrophe (inside a word, or any single quote left unpaired) is written ``’``;
  other unpaired marks stay as they are (flipflop_OrphanQuote).

Text with none of this is a single leaf; otherwise the root is tagged ``"field"`` (the
writer keeps punctuation typed after a quote in the same field outside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coprodcite.render.csl.rich import Formatting, Out, leaf
from coprodcite.rich_text import Tag, tags

__all__ = ["FIELD_TAG", "parse_field"]

FIELD_TAG = "field"  # the tag of the root of a parsed field with markup

_SPECIAL = re.compile("[<&\"'\u201c\u2018]")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}

_ITALIC = Formatting(font_style="italic")
_BOLD = Formatting(font_weight="bold")
_SMALL_CAPS = Formatting(font_variant="small-caps")
_NODECOR = Formatting(font_style="normal", font_variant="normal", font_weight="normal")
_QUOTED = Formatting(quotes=True)
_TAGS = {
    "i": _ITALIC,
    "b": _BOLD,
    "sc": _SMALL_CAPS,
    "sup": Formatting(vertical_align="sup"),
    "sub": Formatting(vertical_align="sub"),
}
_IMPLICIT_NOCASE = ("sc", "sup", "sub")

# quote marks: kind ("d" double, "s" single) and role (open, close, either)
_DOUBLE = {'"': "either", "\u201c": "open", "\u201d": "close"}
_SINGLE = {"'": "either", "\u2018": "open", "\u2019": "close"}
_OPEN_AFTER = "([{<\u00ab\u2014\u2013-/\"'\u201c\u2018"
_APOSTROPHE = "\u2019"


@dataclass
class _Frame:
    """An element opened and not yet closed."""

    kind: str  # "root", "tag", "span?" (unknown span, kept literal), "d" or "s" (quotes)
    name: str = ""  # tag name
    raw: str = ""  # the opening text, written back when the element stays unclosed
    fmt: Formatting | None = None
    nocase: bool = False
    children: list[Out] = field(default_factory=list)

    def add_text(self, text: str, nocase: bool = False) -> None:
        if not text:
            return
        last = self.children[-1] if self.children else None
        if last is not None and last.text is not None and last.nocase == nocase and not last.tag:
            last.text += text
        else:
            self.children.append(leaf(text, nocase=nocase))

    def add(self, node: Out) -> None:
        if node.text is not None:
            self.add_text(node.text, node.nocase)
        else:
            self.children.append(node)


def parse_field(text: str) -> Out:
    """The Out tree of a field value with CSL-JSON rich-text markup."""
    if not _SPECIAL.search(text):
        return leaf(text)
    return _Parser(text).parse()


def _decode(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return match.group()


class _Parser:
    """One field value: tags first (on the raw text), then entities, then quotes."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, Tag | None]] = []  # decoded text or a tag
        pos = 0
        for tag in tags(text):  # the one reader of rich-text markup (coprodcite.rich_text)
            if tag.start > pos:
                self.tokens.append((_decode(text[pos : tag.start]), None))
            self.tokens.append((tag.raw, tag))
            pos = tag.end
        if pos < len(text):
            self.tokens.append((_decode(text[pos:]), None))
        # the visible text (tags take no room), to look around quote marks
        self.visible = "".join(t for t, m in self.tokens if m is None)
        self.stack = [_Frame("root")]

    def parse(self) -> Out:
        offset = 0
        for text, tag in self.tokens:
            if tag is None:
                self._text(text, offset)
                offset += len(text)
            elif tag.closing:
                self._close_tag(tag)
            else:
                self._open_tag(tag)
        while len(self.stack) > 1:
            self._unwind()
        children = self.stack[0].children
        if len(children) == 1 and children[0].text is not None:
            return children[0]
        if not children:
            return leaf("")
        return Out(children, tag=FIELD_TAG)

    # -- tags

    def _open_tag(self, tag: Tag) -> None:
        if tag.kind is None:  # a tag with attributes it may not have: text
            self.stack[-1].add_text(tag.raw)
            return
        self.stack.append(_frame(tag))

    def _close_tag(self, tag: Tag) -> None:
        name = tag.name
        for depth in range(len(self.stack) - 1, 0, -1):
            frame = self.stack[depth]
            if frame.kind in ("tag", "span?") and frame.name == name:
                while len(self.stack) - 1 > depth:
                    self._unwind()
                self._close(tag.raw)
                return
        self.stack[-1].add_text(tag.raw)  # never opened: text (flipflop_ItalicsSimple)

    # -- text and quotes

    def _text(self, text: str, offset: int) -> None:
        start = 0
        for i, char in enumerate(text):
            kind, role = _quote(char)
            if not kind:
                continue
            self.stack[-1].add_text(text[start:i])
            start = i + 1
            self._quote(char, kind, role, offset + i)
        self.stack[-1].add_text(text[start:])

    def _quote(self, char: str, kind: str, role: str, at: int) -> None:
        before = self.visible[at - 1] if at else ""
        after = self.visible[at + 1] if at + 1 < len(self.visible) else ""
        if role != "open" and self._can_close(kind, before, after):
            depth = self._open_quote(kind)
            if depth:
                while len(self.stack) - 1 > depth:
                    self._unwind()
                self._close("")
                return
        if role != "close" and _can_open(kind, before, after):
            self.stack.append(_Frame(kind, raw=char, fmt=_QUOTED))
            return
        self.stack[-1].add_text(_APOSTROPHE if char == "'" else char)

    def _can_close(self, kind: str, before: str, after: str) -> bool:
        if not before or before.isspace():
            return False
        return kind == "d" or not _wordy(after)

    def _open_quote(self, kind: str) -> int:
        """The depth of the innermost open quote of ``kind`` not hidden by a tag, or 0."""
        for depth in range(len(self.stack) - 1, 0, -1):
            frame = self.stack[depth]
            if frame.kind == kind:
                return depth
            if frame.kind not in ("d", "s"):
                return 0
        return 0

    # -- frames

    def _close(self, raw_end: str) -> None:
        """Close the innermost frame into its parent."""
        frame = self.stack.pop()
        parent = self.stack[-1]
        if frame.kind == "span?":  # unknown span: literal tags around its content
            parent.add_text(frame.raw)
            for child in frame.children:
                parent.add(child)
            parent.add_text(raw_end)
            return
        if frame.nocase:
            for node in frame.children:
                for text_leaf in node.leaves():
                    text_leaf.nocase = True
        if not frame.children:
            return
        if frame.fmt is None or frame.fmt.plain:
            for child in frame.children:
                parent.add(child)
        else:
            parent.children.append(Out(frame.children, frame.fmt))

    def _unwind(self) -> None:
        """Drop the innermost (unclosed) frame: its opening becomes literal text."""
        frame = self.stack.pop()
        parent = self.stack[-1]
        raw = frame.raw
        if frame.kind == "s" and raw == "'":
            raw = _APOSTROPHE
        if frame.kind != "tag":  # a known tag never closed is dropped, not printed
            parent.add_text(raw)
        for child in frame.children:
            parent.add(child)


def _frame(tag: Tag) -> _Frame:
    """The frame an opening tag starts, by what :func:`coprodcite.rich_text.tags` says
    it means."""
    kind, raw = tag.kind, tag.raw
    if kind == "span?":
        return _Frame("span?", "span", raw)
    if kind == "nocase":
        return _Frame("tag", "span", raw, None, nocase=True)
    if kind == "nodecor":
        return _Frame("tag", "span", raw, _NODECOR, nocase=True)
    assert kind is not None
    fmt = _TAGS[kind]
    if tag.name == "span":  # a styled span: small caps keep their case
        return _Frame("tag", "span", raw, fmt, nocase=fmt is _SMALL_CAPS)
    return _Frame("tag", tag.name, raw, fmt, tag.name in _IMPLICIT_NOCASE)


def _quote(char: str) -> tuple[str, str]:
    if char in _DOUBLE:
        return "d", _DOUBLE[char]
    if char in _SINGLE:
        return "s", _SINGLE[char]
    return "", ""


def _wordy(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _can_open(kind: str, before: str, after: str) -> bool:
    if not after or after.isspace():
        return False
    if after in (_DOUBLE if kind == "d" else _SINGLE):
        return False
    return not before or before.isspace() or before in _OPEN_AFTER
