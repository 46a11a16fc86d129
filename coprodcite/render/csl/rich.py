"""Rich text: the tree every CSL element renders to, and its formatting.

An :class:`Out` is either a leaf (``text`` is set) or a list of children with a
:class:`Formatting` (affixes, delimiter, font, quotes, display). Tags (``tag``/``data``)
mark what a subtree came from (names, a date, a year-suffix, a citation number...), so
disambiguation, collapsing and subsequent-author-substitute can find and rewrite parts of
a rendered cite. Nothing here knows an output format: :mod:`.output` flattens the tree to
runs, fixes punctuation and quotes once, and writes text, html, markdown, rtf or latex.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["PLAIN", "Formatting", "Out", "leaf", "span"]


@dataclass(frozen=True, slots=True)
class Formatting:
    """CSL formatting, affixes and display of one element (all optional)."""

    prefix: str = ""
    suffix: str = ""
    delimiter: str = ""
    font_style: str | None = None  # italic, oblique, normal
    font_variant: str | None = None  # small-caps, normal
    font_weight: str | None = None  # bold, light, normal
    text_decoration: str | None = None  # underline, none
    vertical_align: str | None = None  # sup, sub, baseline
    quotes: bool = False
    display: str | None = None  # block, left-margin, right-inline, indent
    plain: bool = field(init=False, repr=False, compare=False, default=False)

    def __post_init__(self) -> None:
        plain = not any(getattr(self, name) for name in _FIELDS)
        object.__setattr__(self, "plain", plain)  # read often: worked out once

    def without_affixes(self) -> Formatting:
        return replace(self, prefix="", suffix="", delimiter="")

    @property
    def decorated(self) -> bool:
        return bool(
            self.font_style
            or self.font_variant
            or self.font_weight
            or self.text_decoration
            or self.vertical_align
            or self.quotes
            or self.display
        )


_FIELDS = (
    "prefix", "suffix", "delimiter", "font_style", "font_variant", "font_weight",
    "text_decoration", "vertical_align", "quotes", "display",
)  # fmt: skip
PLAIN = Formatting()

FORMATTING_ATTRIBUTES = {
    "prefix": "prefix",
    "suffix": "suffix",
    "delimiter": "delimiter",
    "font-style": "font_style",
    "font-variant": "font_variant",
    "font-weight": "font_weight",
    "text-decoration": "text_decoration",
    "vertical-align": "vertical_align",
    "display": "display",
}


def formatting_of(attrs: dict[str, str], *, delimiter: bool = True) -> Formatting:
    """The Formatting given by a CSL element's attributes."""
    values: dict[str, Any] = {}
    for attr, name in FORMATTING_ATTRIBUTES.items():
        if attr in attrs and (delimiter or attr != "delimiter"):
            values[name] = attrs[attr]
    if attrs.get("quotes") == "true":
        values["quotes"] = True
    return Formatting(**values) if values else PLAIN


@dataclass(slots=True, eq=False)
class Out:
    """A node of rendered rich text."""

    children: list[Out] = field(default_factory=list)
    fmt: Formatting = PLAIN
    text: str | None = None  # a leaf when set
    nocase: bool = False  # a leaf whose case text-case must not change
    tag: str | None = None
    data: Any = None

    def is_empty(self) -> bool:
        if self.text is not None:
            return not self.text
        for child in self.children:  # noqa: SIM110 - a loop: no generator on a hot path
            if not child.is_empty():
                return False
        return True

    def leaves(self) -> Iterator[Out]:
        """The text leaves in reading order (affixes are not leaves)."""
        if self.text is not None:
            yield self
            return
        for child in self.children:
            yield from child.leaves()

    def plain_text(self) -> str:
        """The text with affixes, delimiters and straight quotes but no formatting (for
        sorting, comparisons and tests)."""
        if self.text is not None:
            return self.text
        inner = self.fmt.delimiter.join(
            t for t in (child.plain_text() for child in self.children) if t
        )
        if not inner:
            return ""
        if self.fmt.quotes:
            inner = f'"{inner}"'
        return f"{self.fmt.prefix}{inner}{self.fmt.suffix}"

    def find(self, tag: str) -> Iterator[Out]:
        """Nodes tagged ``tag``, outermost first, not looking inside a match."""
        if self.tag == tag:
            yield self
            return
        for child in self.children:
            yield from child.find(tag)

    def map_leaves(self, fn: Callable[[str], str]) -> None:
        for node in self.leaves():
            if not node.nocase and node.text:
                node.text = fn(node.text)

    def copy(self) -> Out:
        return Out(
            [child.copy() for child in self.children],
            self.fmt,
            self.text,
            self.nocase,
            self.tag,
            self.data,
        )


@functools.lru_cache(maxsize=1024)
def joined(delimiter: str) -> Formatting:
    """The formatting that joins children with ``delimiter`` and does nothing else."""
    return Formatting(delimiter=delimiter) if delimiter else PLAIN


@functools.lru_cache(maxsize=4096)
def without_delimiter(fmt: Formatting) -> Formatting:
    """``fmt`` with no delimiter (the delimiter of cs:group, cs:names... joins their
    children, while the rest wraps them)."""
    return replace(fmt, delimiter="")


def leaf(text: str, *, nocase: bool = False, tag: str | None = None, data: Any = None) -> Out:
    return Out(text=text, nocase=nocase, tag=tag, data=data)


def span(
    children: list[Out | None],
    fmt: Formatting = PLAIN,
    *,
    tag: str | None = None,
    data: Any = None,
) -> Out | None:
    """A node of the non-empty ``children``, or None when none is left."""
    # what the evaluator returns is None or has text, so only leaves need a look here
    kept = [c for c in children if c is not None and (c.text is None or c.text)]
    if not kept:
        return None
    if len(kept) == 1 and fmt.plain and tag is None:
        return kept[0]
    return Out(kept, fmt, tag=tag, data=data)
