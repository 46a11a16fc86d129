"""pandoc's JSON document (the AST a filter reads and writes): the keys it cites, and
CSL-JSON items as the metadata values pandoc's citeproc reads as ``references``.

Text fields become inlines (``Emph``, ``Strong``, ``Superscript``, ``Subscript``,
``SmallCaps`` and a ``nocase`` span from CSL rich text), so a title's formatting
reaches pandoc's citeproc as formatting, not as tags. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coprodcite.errors import FormatError

#: CSL variables that are codes, not text: kept as plain strings
_CODES = frozenset(["id", "type", "DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "language"])
_WRAP = {"i": "Emph", "b": "Strong", "sup": "Superscript", "sub": "Subscript", "sc": "SmallCaps"}


def check_document(document: Any) -> dict[str, Any]:
    if not (isinstance(document, dict) and "blocks" in document and "meta" in document):
        raise FormatError(
            "not a pandoc JSON document", hint="run it as a filter: pandoc -F coprodcite-pandoc"
        )
    return document


def cited_ids(document: dict[str, Any]) -> list[str]:
    """Every ``citationId`` in the document and its metadata (``nocite``), in order."""
    found: dict[str, None] = {}
    for node in _walk([document.get("meta"), document.get("blocks")]):
        if node.get("t") == "Cite":
            for citation in node["c"][0]:
                found.setdefault(str(citation.get("citationId")), None)
    return list(found)


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def meta_text(value: Any) -> str | None:
    """A metadata value as plain text (``csl: apa`` is MetaInlines or MetaString)."""
    if not isinstance(value, dict):
        return None
    if value.get("t") == "MetaString":
        return str(value.get("c"))
    if value.get("t") in ("MetaInlines", "MetaBlocks"):
        return "".join(
            n["c"] if n.get("t") == "Str" else " " if n.get("t") in ("Space", "SoftBreak") else ""
            for n in _walk(value.get("c"))
        ).strip()
    return None


def meta_string(text: str) -> dict[str, Any]:
    return {"t": "MetaString", "c": text}


def reference_meta(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item as a pandoc metadata map."""
    return {"t": "MetaMap", "c": {k: _meta(k, v) for k, v in item.items()}}


def _meta(key: str, value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    if isinstance(value, (int, float)):
        return meta_string(str(value))
    if isinstance(value, str):
        return meta_string(value) if key in _CODES else {"t": "MetaInlines", "c": inlines(value)}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [_meta(key, v) for v in value]}
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {k: _name_part(k, v) for k, v in value.items()}}
    return meta_string(str(value))


def _name_part(key: str, value: Any) -> dict[str, Any]:
    """Inside names and dates: strings stay strings (family, given, date-parts...)."""
    if isinstance(value, str):
        return meta_string(value)
    return _meta(key, value)


def inlines(rich: str) -> list[dict[str, Any]]:
    """CSL rich text as pandoc inlines."""
    from coprodcite.markup import rich_tokens

    stack: list[tuple[str, list[dict[str, Any]]]] = [("", [])]
    for kind, value in rich_tokens(rich):
        if kind == "open":
            stack.append((value, []))
        elif kind == "close" and len(stack) > 1:
            key, content = stack.pop()
            stack[-1][1].append(_wrapped(key, content))
        elif kind == "text":
            stack[-1][1].extend(_words(value))
    while len(stack) > 1:
        key, content = stack.pop()
        stack[-1][1].append(_wrapped(key, content))
    return stack[0][1]


def _wrapped(key: str, content: list[dict[str, Any]]) -> dict[str, Any]:
    if key == "nocase":
        return {"t": "Span", "c": [["", ["nocase"], []], content]}
    return {"t": _WRAP.get(key, "Span"), "c": content if key in _WRAP else [["", [], []], content]}


def _words(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, word in enumerate(text.split(" ")):
        if n:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out
