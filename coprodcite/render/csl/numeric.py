"""cs:number, cs:label, and the number-like variables (page ranges, locators).

Numbers are formatted by :mod:`.numbers` (ordinals, roman numerals, page-range
formats); a label's plural is taken from its variable's value (``12-14``, ``1 & 3``)
or, for ``number-of-pages`` and ``number-of-volumes``, from the number itself.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from coprodcite.render.csl.rich import Out, leaf
from coprodcite.render.csl.style import Node

if TYPE_CHECKING:
    from coprodcite.render.csl.context import Ctx

__all__ = [
    "is_plural",
    "locator",
    "locator_label",
    "locator_value",
    "number_value",
    "page",
    "page_first",
    "render_label",
    "render_number",
]

EN_DASH = "\u2013"


def page(value: str, ctx: Ctx) -> str:
    """A page value with its ranges in the style's ``page-range-format``, joined by the
    locale's "page-range-delimiter", and "&" as the locale's "and" symbol."""
    from coprodcite.render.csl.numbers import page_range

    delimiter = ctx.locale.term("page-range-delimiter") or EN_DASH
    value = page_range(value, ctx.style.attrs.get("page-range-format"), delimiter)
    return _ampersand(value, ctx)


def _ampersand(value: str, ctx: Ctx) -> str:
    symbol = ctx.locale.term("and", "symbol")
    if not symbol or symbol == "&" or "&" not in value:
        return value
    return _AMPERSAND.sub(f" {symbol} ", value)


_AMPERSAND = re.compile(r"(?<=\w)\s*&\s*(?=\w)")


def page_first(value: str | None) -> str | None:
    """The first page of a page value ("42" of "42-45", "10" of "10–20, 30")."""
    if not value:
        return None
    match = _FIRST.match(value)
    return match.group(1) if match else None


_FIRST = re.compile(r"\s*([^\s,&\-\u2013\u2014]+)")


def number_value(variable: str, ctx: Ctx) -> str | None:
    """The text of a number-like variable (``page-first`` derived from ``page``)."""
    if variable == "locator":
        return locator_value(ctx)
    value = ctx.ref.vars.get(variable)
    if not value and variable == "page-first":
        return page_first(ctx.ref.vars.get("page"))
    return value


def locator_value(ctx: Ctx) -> str | None:
    """The cite's locator without surrounding space, None when there is none."""
    if ctx.cite is None or not ctx.cite.locator:
        return None
    return ctx.cite.locator.strip() or None


def locator_label(ctx: Ctx) -> str:
    """The term of the cite's locator label ("page" by default; CSL 1.0's "sub verbo"
    is the term "sub-verbo")."""
    label = (ctx.cite.label if ctx.cite else None) or "page"
    return "-".join(label.split())


def locator(ctx: Ctx) -> Out | None:
    """The locator as cs:text renders it: a page locator in the page-range format,
    any other with its ranges joined by an en dash."""
    from coprodcite.render.csl.fieldtext import parse_field
    from coprodcite.render.csl.numbers import page_range

    value = locator_value(ctx)
    if value is None:
        return None
    if locator_label(ctx) == "page":
        value = page(value, ctx)
    else:
        value = _ampersand(page_range(value, None, EN_DASH), ctx)
    return Out([parse_field(value)], tag="locator")


def render_number(node: Node, ctx: Ctx) -> Out | None:
    from coprodcite.render.csl import numbers

    variable = node.attrs.get("variable", "")
    if variable in ctx.suppressed:
        return None  # used up by a substitute: not called
    ctx.called += 1
    if variable == "citation-number":
        number = ctx.engine.citation_number(ctx.ref.id)
        value = str(number) if number else None
    else:
        value = number_value(variable, ctx)
    if not value:
        return None
    ctx.rendered(variable)
    form = node.attrs.get("form", "numeric")
    if not numbers.is_numeric(value):
        return _finish(leaf(value), node, ctx)
    from coprodcite.render.csl.locale import gender_of

    gender = gender_of(ctx.locale, variable)
    text = numbers.format_number(value, form, ctx.locale, gender)
    if variable == "citation-number":
        out = leaf(text, tag="citation-number", data=int(value) if value.isdigit() else None)
        return _finish(out, node, ctx)
    return _finish(leaf(text), node, ctx)


_NUMBER = r"[^\W\d_]*\d+[^\W\d_]*"
_ROMAN = r"\b(?:[ivxlcdm]+|[IVXLCDM]+)\b(?!\.)"


@functools.lru_cache(maxsize=64)
def _plural_pattern(and_words: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in and_words if word)
    conjunction = rf"(?:{words})\s+" if words else "(?!)"
    separator = rf"\s*(?:[-\u2013\u2014,&]\s*(?:{conjunction})?|\s{conjunction})"
    item = rf"(?:{_NUMBER}|{_ROMAN})"
    return re.compile(rf"\s*{item}(?:{separator}{item})+(?![^\W\d_])")


def is_plural(variable: str, value: str, and_words: tuple[str, ...] = ("and",)) -> bool:
    """CSL's contextual plural: ``number-of-pages`` and ``number-of-volumes`` are plural
    above 1; other values when they begin with two or more numbers (arabic, with letter
    affixes, or roman) joined by range or list separators ("12-14", "i–ix", "1, 3",
    "1 & 3", "213 and 235", "367-368, fig. 333"; ``and_words`` are the words that join
    numbers). "3-B", "Michaelson-Morely" and "1, fol. 186, 8 April 1544" are singular:
    what follows an embedded label ("fol.") does not count."""
    if variable in ("number-of-pages", "number-of-volumes"):
        match = re.match(r"\s*(\d+)", value)
        return bool(match and int(match.group(1)) > 1)
    return bool(_plural_pattern(and_words).match(value))


def _and_words(ctx: Ctx) -> tuple[str, ...]:
    words = {"and", ctx.locale.term("and") or "", ctx.locale.term("and", "symbol") or ""}
    return tuple(sorted(word for word in words if word and word != "&"))


def render_label(node: Node, ctx: Ctx) -> Out | None:
    """cs:label: the term of the variable (of the locator's label for ``locator``),
    plural as the ``plural`` attribute and the value say."""
    variable = node.attrs.get("variable", "")
    if variable in ctx.suppressed:
        return None
    value = number_value(variable, ctx)
    if not value:
        return None
    term = variable
    if variable == "locator":
        term = locator_label(ctx)
    rule = node.attrs.get("plural", "contextual")
    plural = rule == "always" or (
        rule == "contextual" and is_plural(variable, value, _and_words(ctx))
    )
    text = ctx.locale.term(term, node.attrs.get("form", "long"), plural)
    if not text:
        return None
    return _finish(leaf(text, tag="label"), node, ctx)


def _finish(out: Out | None, node: Node, ctx: Ctx) -> Out | None:
    from coprodcite.render.csl.finish import finish

    return finish(out, node, ctx)
