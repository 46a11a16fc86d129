"""Evaluating a style's rendering elements for one reference: text, number, label,
group, choose and macros (names and dates have modules of their own).

Every function returns a rich-text :class:`~.rich.Out` or None (nothing rendered), never
a string. cs:group follows CSL 1.0.2: it is left out when it calls at least one variable
and every variable it calls is empty (:attr:`Ctx.called` and :attr:`Ctx.nonempty`
count them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coprodcite.render.csl import conditions, numbers, numeric
from coprodcite.render.csl.context import Ctx
from coprodcite.render.csl.finish import finish
from coprodcite.render.csl.rich import Formatting, Out, joined, leaf, span, without_delimiter
from coprodcite.render.csl.style import Node

__all__ = ["finish", "render", "render_children"]

_MAX_DEPTH = 60  # macros calling macros


def render(node: Node, ctx: Ctx) -> Out | None:
    handler = _HANDLERS.get(node.name)
    return handler(node, ctx) if handler else None


def render_children(node: Node, ctx: Ctx) -> list[Out | None]:
    """The outputs of ``node``'s children; a cs:choose is transparent: its branch's
    elements count as children of ``node`` (for the delimiter of a cs:group)."""
    out: list[Out | None] = []
    for child in node.children:
        if child.name == "choose":
            branch = _branch(child, ctx)
            if branch is not None:
                out.extend(render_children(branch, ctx))
        else:
            out.append(render(child, ctx))
    return out


def _opens_capitalized(ctx: Ctx) -> bool:
    """A term printed before any variable of a bibliography entry starts with a capital
    ("N.d.", "In", "No date"), as citeproc-js writes it (its ``term_predecessor``); the
    citation number in a margin does not count as preceding it. (A note citation's
    opening "ibid." is capitalized by the cluster's own rule, after its prefix.)"""
    return ctx.mode == "bibliography" and not ctx.sort_names


# -- cs:text ---------------------------------------------------------------------------


def _text(node: Node, ctx: Ctx) -> Out | None:
    attrs = node.attrs
    if "variable" in attrs:
        variable = attrs["variable"]
        # year-suffix is added by disambiguation, not the item's; a variable a substitute
        # used up is not called at all (as citeproc-js), so the group around it stays
        counted = variable != "year-suffix" and variable not in ctx.suppressed
        ctx.called += counted
        out = variable_text(variable, attrs.get("form", "long"), ctx)
        if out is not None and counted:
            ctx.rendered(variable)
        return finish(out, node, ctx)
    if "macro" in attrs:
        return finish(_macro(attrs["macro"], ctx), node, ctx)
    if "term" in attrs:
        text = ctx.locale.term(
            attrs["term"], attrs.get("form", "long"), attrs.get("plural") == "true"
        )
        if text and not ctx.printed and _opens_capitalized(ctx):
            text = text[:1].upper() + text[1:]
        if text:
            ctx.printed += 1  # only the first term opens the entry ("Preprint at")
        return finish(leaf(text, tag="term") if text else None, node, ctx)
    if "value" in attrs:  # a value may hold rich-text markup, as a field does
        from coprodcite.render.csl.fieldtext import parse_field

        return finish(parse_field(attrs["value"]) if attrs["value"] else None, node, ctx)
    return None


def _macro(name: str, ctx: Ctx) -> Out | None:
    macro = ctx.style.macros.get(name)
    if macro is None or ctx.depth > _MAX_DEPTH:
        return None
    ctx.depth += 1
    called, nonempty = ctx.called, ctx.nonempty
    try:
        parts = render_children(macro, ctx)
    finally:
        ctx.depth -= 1
    if ctx.called > called and ctx.nonempty == nonempty:
        return None  # like cs:group: every variable the macro calls is empty
    _count_constant(parts, called, ctx)
    return span(parts)


def _count_constant(parts: list[Out | None], called: int, ctx: Ctx) -> None:
    """A group or macro that prints only terms and values counts as a non-empty variable
    for the groups around it (citeproc-js: a macro is a group; a group that prints is
    kept by the group around it)."""
    if ctx.called == called and any(p is not None and not p.is_empty() for p in parts):
        ctx.called += 1
        ctx.nonempty += 1


_SHORT = {"title": "title-short", "container-title": "container-title-short"}
# Number variables whose numeric ranges ("3-4", "1-2 & 5") are joined as page ranges are,
# by the locale's "page-range-delimiter" term, an en dash by default (citeproc-js joins
# every numeric range of a number variable so; CMOS 6.78, APA 7 9.25: "23(1–2)"; AMA's
# locale sets a hyphen). "number" is left alone: report and patent numbers are
# identifiers ("2001-12"), as is a range with letters ("3-B").
_RANGED = frozenset(
    ["volume", "issue", "edition", "chapter-number", "collection-number", "part-number",
     "supplement-number", "printing-number", "number-of-volumes"]
)  # fmt: skip
_HYPHEN_RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")


def variable_text(variable: str, form: str, ctx: Ctx) -> Out | None:
    """A text variable of the reference as rich text (None when empty)."""
    if variable in ctx.suppressed:
        return None
    special = _SPECIAL.get(variable)
    if special is not None:
        return special(ctx)
    value = None
    if form == "short":
        value = ctx.ref.vars.get(_SHORT.get(variable, variable + "-short"))
    if not value:
        value = ctx.ref.vars.get(variable)
    if not value:
        return None
    if variable in ("page", "locator"):
        value = numeric.page(value, ctx)
    elif variable in _RANGED and "-" in value and numbers.is_numeric(value):
        value = _HYPHEN_RANGE.sub(ctx.locale.term("page-range-delimiter") or "\u2013", value)
    if variable in ("URL", "DOI", "PMID", "PMCID"):
        return leaf(value, nocase=True, tag="url")
    if variable in _RICH:
        from coprodcite.render.csl.fieldtext import parse_field

        out = parse_field(value)
        if variable in ("title", "container-title", "title-short"):
            out = Out([out], tag="title", data=variable)
        return out
    return leaf(value)


_RICH = frozenset(
    [
        "title",
        "title-short",
        "container-title",
        "container-title-short",
        "collection-title",
        "original-title",
        "event-title",
        "reviewed-title",
        "part-title",
        "volume-title",
        "note",
        "annote",
        "abstract",
        "publisher",
        "medium",
        "genre",
        "event-place",
        "publisher-place",
        "archive",
    ]
)


def _citation_number(ctx: Ctx) -> Out | None:
    number = ctx.engine.citation_number(ctx.ref.id)
    return leaf(str(number), tag="citation-number", data=number) if number else None


def _year_suffix(ctx: Ctx) -> Out | None:
    n = ctx.disamb.year_suffix
    if n is None:
        return None
    return leaf(year_suffix_letters(n), tag="year-suffix", data=n)


def year_suffix_letters(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _first_note(ctx: Ctx) -> Out | None:
    if ctx.cite is None or ctx.cite.first_note is None:
        return None
    return leaf(str(ctx.cite.first_note))


def _citation_label(ctx: Ctx) -> Out | None:
    value = ctx.ref.vars.get("citation-label")
    if value:
        return leaf(value, tag="citation-label")
    from coprodcite.render.csl.names import trigraph

    label = trigraph(ctx)
    return leaf(label, tag="citation-label") if label else None


_SPECIAL: dict[str, Callable[[Ctx], Out | None]] = {
    "locator": numeric.locator,
    "citation-number": _citation_number,
    "year-suffix": _year_suffix,
    "first-reference-note-number": _first_note,
    "citation-label": _citation_label,
}


# -- cs:group and cs:choose ------------------------------------------------------------


def _group(node: Node, ctx: Ctx) -> Out | None:
    called, nonempty = ctx.called, ctx.nonempty
    parts = render_children(node, ctx)
    if ctx.called > called and ctx.nonempty == nonempty:
        return None
    _count_constant(parts, called, ctx)
    delimiter = node.fmt.delimiter
    inner = span(parts, joined(delimiter))
    if inner is not None and ctx.called == called:
        # a group of terms only that rendered counts as a non-empty variable for the
        # groups around it (as citeproc-js): APA's "[Dataset]" after a title that
        # stood in for the author keeps the title group (CSL 1.0.2 cs:group)
        ctx.nonempty += 1
    return finish(inner, node, ctx, fmt=_no_delimiter(node.fmt))


def _no_delimiter(fmt: Formatting) -> Formatting:
    return without_delimiter(fmt) if fmt.delimiter else fmt


def _choose(node: Node, ctx: Ctx) -> Out | None:
    branch = _branch(node, ctx)
    return span(render_children(branch, ctx)) if branch is not None else None


def _branch(node: Node, ctx: Ctx) -> Node | None:
    for branch in node.children:
        if branch.name == "else" or conditions.holds(branch, ctx):
            return branch
    return None


def _names(node: Node, ctx: Ctx) -> Out | None:
    from coprodcite.render.csl.names import render_names

    return render_names(node, ctx)


def _date(node: Node, ctx: Ctx) -> Out | None:
    from coprodcite.render.csl.dates import render_date

    variable = node.attrs.get("variable", "")
    if variable in ctx.suppressed:
        return None  # used up by a substitute: not called (see _text)
    ctx.called += 1
    date = ctx.ref.dates.get(variable)
    if date is None:
        return None
    if ctx.sort_names:  # a macro sort key: dates as sortable text
        from coprodcite.render.csl.dates import sort_key

        key = sort_key(node, date, ctx.locale)
        if key:
            ctx.rendered(variable)
        return leaf(key, tag="date", data=variable) if key else None

    def case(out: Out, text_case: str) -> None:
        from coprodcite.render.csl import textcase

        textcase.apply_case(out, text_case, ctx.lang)

    out = render_date(node, date, ctx.locale, case=case)
    if out is None or out.is_empty():
        return None
    ctx.rendered(variable)
    return out if out.tag == "date" else Out([out], tag="date", data=variable)


_HANDLERS: dict[str, Callable[[Node, Ctx], Out | None]] = {
    "text": _text,
    "number": numeric.render_number,
    "label": numeric.render_label,
    "group": _group,
    "choose": _choose,
    "names": _names,
    "date": _date,
}
