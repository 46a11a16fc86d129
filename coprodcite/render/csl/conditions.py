"""The tests of cs:if and cs:else-if.

Each attribute (``type``, ``variable``, ``is-numeric``, ``is-uncertain-date``,
``locator``, ``position``, ``disambiguate``) holds one or more values; every value is
one test, and ``match`` (all, any, none; default all) combines all the tests of the
element.
"""

from __future__ import annotations

from collections.abc import Callable

from coprodcite.render.csl.context import Ctx
from coprodcite.render.csl.style import Node

__all__ = ["holds"]


def holds(node: Node, ctx: Ctx) -> bool:
    compiled = node.memo.get("tests")
    if compiled is None:
        compiled = node.memo["tests"] = _compile(node)
    match, tests = compiled
    if len(tests) == 1:  # the common case, without a generator
        test, value = tests[0]
        return test(value, ctx) != (match == "none")
    if match == "any":
        return any(test(value, ctx) for test, value in tests)
    if match == "none":
        return not any(test(value, ctx) for test, value in tests)
    return all(test(value, ctx) for test, value in tests)


def _compile(node: Node) -> tuple[str, list[tuple[Callable[[str, Ctx], bool], str]]]:
    """The element's match mode and its tests, one per value of each attribute."""
    tests = [
        (test, value)
        for attr, test in _TESTS.items()
        for value in (node.attrs.get(attr) or "").split()
    ]
    return node.attrs.get("match", "all"), tests


def _type(value: str, ctx: Ctx) -> bool:
    return ctx.ref.type == value


def _variable(value: str, ctx: Ctx) -> bool:
    if value == "locator":
        return bool(ctx.cite and ctx.cite.locator)
    if value == "citation-number":
        return ctx.engine.citation_number(ctx.ref.id) is not None
    if value == "first-reference-note-number":
        return bool(ctx.cite and ctx.cite.first_note is not None and ctx.mode == "citation")
    if value == "year-suffix":
        return ctx.disamb.year_suffix is not None
    return ctx.ref.has(value)


def _is_numeric(value: str, ctx: Ctx) -> bool:
    from coprodcite.render.csl.numbers import is_numeric

    if value == "locator":
        text = ctx.cite.locator if ctx.cite else None
    else:
        text = ctx.ref.vars.get(value)
    return bool(text) and is_numeric(str(text))


def _is_uncertain_date(value: str, ctx: Ctx) -> bool:
    date = ctx.ref.dates.get(value)
    return bool(date is not None and getattr(date, "circa", False))


def _locator(value: str, ctx: Ctx) -> bool:
    if ctx.cite is None or not ctx.cite.locator:
        return False
    label = ctx.cite.label or "page"
    if value == "sub-verbo":
        return label in ("sub-verbo", "sub verbo")
    return label == value


def _position(value: str, ctx: Ctx) -> bool:
    cite = ctx.cite
    if ctx.mode != "citation" or cite is None:
        return False
    position = cite.position
    if value == "first":
        return position == "first"
    if value == "subsequent":
        return position != "first"
    if value == "ibid":
        return position in ("ibid", "ibid-with-locator")
    if value == "ibid-with-locator":
        return position == "ibid-with-locator"
    if value == "near-note":
        return position != "first" and cite.near_note
    return False


def _disambiguate(value: str, ctx: Ctx) -> bool:
    """True for the first ``disamb.condition`` tests met in this rendering (citeproc-js
    adds the disambiguating elements one at a time)."""
    ctx.condition_tests += 1
    return (value == "true") == (ctx.condition_tests <= ctx.disamb.condition)


_TESTS: dict[str, Callable[[str, Ctx], bool]] = {
    "type": _type,
    "variable": _variable,
    "is-numeric": _is_numeric,
    "is-uncertain-date": _is_uncertain_date,
    "locator": _locator,
    "position": _position,
    "disambiguate": _disambiguate,
}
