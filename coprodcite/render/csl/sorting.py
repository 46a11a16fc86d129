"""Sort keys of cs:sort (bibliography and citation order).

A key is a variable or a macro, ascending or descending. Names sort as "family given"
(all names unless names-min/names-use-first say otherwise for a macro), dates as
year, month, day (ranges by their start, then end), numbers by value, text by the
Unicode Collation Algorithm (:mod:`.collation`) with the exact text as tie-breaker.
Items without a value for a key sort after those with one, in either direction.
"""

from __future__ import annotations

import re
from functools import cmp_to_key
from typing import Any

from coprodcite.csl_schema import NAME_ROLES
from coprodcite.render.csl.collation import collation_key, text_key
from coprodcite.render.csl.context import Ctx
from coprodcite.render.csl.style import Node

__all__ = ["sort_items", "text_key"]

_NUMBER = re.compile(r"-?\d+")


def _value_key(key: Node, ctx: Ctx) -> Any:
    from coprodcite.render.csl.evaluate import render, variable_text

    variable = key.attrs.get("variable")
    if variable:
        if variable in ctx.ref.names or variable in _NAME_VARS:
            return _names_key(variable, ctx)
        if variable in ctx.ref.dates:
            return _date_key(ctx.ref.dates[variable])
        if variable == "citation-number":
            return ctx.engine.citation_number(ctx.ref.id)
        value = ctx.ref.vars.get(variable)
        if not value:
            out = variable_text(variable, "long", ctx) if variable in _SPECIAL else None
            return text_key(out.plain_text()) if out is not None else None
        if _is_number_var(variable):
            match = _NUMBER.search(value)
            if match:
                return (int(match.group()), value)
        return text_key(value)
    macro = key.attrs.get("macro")
    if macro and macro in ctx.style.macros:
        ctx.names_min = _int(key.attrs.get("names-min"))
        ctx.names_use_first = _int(key.attrs.get("names-use-first"))
        names_use_last = key.attrs.get("names-use-last")
        ctx.names_use_last = None if names_use_last is None else names_use_last == "true"
        out = render(Node("text", {"macro": macro}), ctx)
        ctx.names_min = ctx.names_use_first = ctx.names_use_last = None
        if out is None:
            return None
        text = out.plain_text()
        if not text:
            return None
        if _NUMBERISH.fullmatch(text):
            return (0, int(_NUMBER.search(text).group()), text)  # type: ignore[union-attr]
        return (1, *text_key(text))
    return None


_NUMBERISH = re.compile(r"\s*-?\d+\s*")
_SPECIAL = {"year-suffix", "locator", "first-reference-note-number", "citation-label"}
_NAME_VARS = frozenset(NAME_ROLES) | {"editor-translator"}


def _is_number_var(variable: str) -> bool:
    return variable in (
        "volume", "issue", "number", "edition", "number-of-pages", "number-of-volumes",
        "chapter-number", "collection-number", "page", "page-first", "part-number",
        "printing-number", "section", "supplement-number", "citation-number",
    )  # fmt: skip


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _names_key(variable: str, ctx: Ctx) -> Any:
    names = ctx.ref.names.get(variable)
    if not names:
        return None
    keys = []
    demote = ctx.style.attrs.get("demote-non-dropping-particle", "display-and-sort")
    for name in names:
        if "literal" in name:
            keys.append(name["literal"])
            continue
        family = (name.get("family"), name.get("non-dropping-particle"))
        if demote == "never":
            family = family[::-1]
        parts = (*family, name.get("dropping-particle"), name.get("given"), name.get("suffix"))
        keys.append(" ".join(p for p in parts if p))
    # name by name: a list that is the start of a longer one sorts first (Doe < Doe, Roe)
    return (tuple(collation_key(k) for k in keys), "\u0001".join(keys))


def _date_key(date: Any) -> Any:
    parts = getattr(date, "parts", None)
    if not parts:
        literal = getattr(date, "literal", None)
        return (1, *text_key(literal)) if literal else None
    first = parts[0]
    last = parts[-1]

    def triple(p: Any) -> tuple[int, int, int]:
        year, month, day = p
        month = month or 0
        if month > 12:
            month = 0
        return (year if year is not None else 0, month, day or 0)

    return (0, triple(first), triple(last))


_UNSET = object()


def sort_items(refs: list[Any], sort: Node | None, make_ctx: Any) -> list[Any]:
    """``refs`` in the order ``sort`` gives (stable: ties keep input order).

    A key is worked out only when the keys before it tie (most items differ on the
    first), each at most once per item, in a fresh context (substitutes suppress).
    """
    if sort is None:
        return list(refs)
    keys = sort.all("key")
    values = [[_UNSET] * len(keys) for _ in refs]
    descending = [key.attrs.get("sort") == "descending" for key in keys]

    def value(index: int, k: int) -> Any:
        found = values[index][k]
        if found is _UNSET:
            found = values[index][k] = _value_key(keys[k], make_ctx(refs[index]))
        return found

    def compare(a: int, b: int) -> int:
        for k, desc in enumerate(descending):
            va, vb = value(a, k), value(b, k)
            if va == vb:
                continue
            if va is None:
                return 1
            if vb is None:
                return -1
            try:
                result = -1 if va < vb else 1
            except TypeError:
                result = -1 if str(va) < str(vb) else 1
            return -result if desc else result
        return a - b

    order = sorted(range(len(refs)), key=cmp_to_key(compare))
    return [refs[i] for i in order]
