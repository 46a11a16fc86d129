"""The one reader of CSL rich text's markup: the tags every writer understands.

CSL rich text (CSL-JSON field values, a style's ``<text value>``, cite affixes) is text
with a few HTML-like tags: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, ``<span
class="nocase">``, ``<span class="nodecor">`` and ``<span style="...">`` for small caps,
italic or bold (citeproc-js's set). :func:`tags` finds them and says what each means;
the writers (the engine's field reader, the citeproc-py bridge, BibTeX's LaTeX writer)
build their own trees from that, so what counts as markup is decided here only. Pure
functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["KINDS", "Tag", "strip_tags", "tags"]

#: what a tag can mean: formatting (i, b, sup, sub, sc), a case-protected span
#: (nocase), a span that undoes formatting (nodecor), or an unknown span ("span?",
#: which only pairs with its ``</span>``)
KINDS = ("i", "b", "sup", "sub", "sc", "nocase", "nodecor", "span?")

_TAG = re.compile(r"<(/?)(i|b|sup|sub|sc|span)(\s[^<>]*)?>")
_ATTR = re.compile(r"""(class|style)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_STYLES = {
    "font-variant:small-caps": "sc",
    "font-style:italic": "i",
    "font-weight:bold": "b",
}


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag of rich text: where it is, whether it closes, its element name and what
    it means (a :data:`KINDS` value, or None for a tag written with attributes it may
    not have, which is text)."""

    start: int
    end: int
    closing: bool
    name: str  # i, b, sup, sub, sc or span
    kind: str | None
    raw: str


def tags(text: str) -> Iterator[Tag]:
    """The tags of ``text`` in order."""
    for match in _TAG.finditer(text):
        closing, name, attrs = bool(match.group(1)), match.group(2), match.group(3) or ""
        yield Tag(match.start(), match.end(), closing, name, _kind(name, attrs, closing),
                  match.group())  # fmt: skip


def _kind(name: str, attrs: str, closing: bool) -> str | None:
    if name != "span":
        return None if attrs.strip() else name
    if closing:
        return "span?"  # a </span> closes whichever span is open
    found = {m.group(1): (m.group(2) or m.group(3) or "") for m in _ATTR.finditer(attrs)}
    if len(found) != 1:
        return "span?"
    cls = found.get("class", "").strip()
    if cls in ("nocase", "nodecor"):
        return cls
    style = re.sub(r"\s+", "", found.get("style", "")).rstrip(";")
    return _STYLES.get(style, "span?")


def strip_tags(text: str) -> str:
    """``text`` without its rich-text tags (entities left as they are)."""
    return _TAG.sub("", text)
