"""What every rendering element does last (CSL 1.0.2, Formatting and Text-case):
``text-case``, ``strip-periods``, then the element's affixes and formatting around the
output. Kept apart from :mod:`.evaluate` so that the modules it calls (names, numbers)
use it without importing the evaluator back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprodcite.render.csl.rich import Formatting, Out
from coprodcite.render.csl.style import Node

if TYPE_CHECKING:
    from coprodcite.render.csl.context import Ctx

__all__ = ["case_language", "finish"]


def finish(out: Out | None, node: Node, ctx: Ctx, *, fmt: Formatting | None = None) -> Out | None:
    """Apply ``node``'s text-case, strip-periods and formatting to ``out``."""
    if out is None or out.is_empty():
        return None
    case = node.attrs.get("text-case")
    strip = node.attrs.get("strip-periods") == "true"
    if case or strip:
        from coprodcite.render.csl import textcase

        if strip:
            textcase.strip_periods(out)
        if case:
            textcase.apply_case(out, case, case_language(node, ctx))
    fmt = node.fmt if fmt is None else fmt
    if fmt.plain:
        return out
    return Out([out], fmt)


def case_language(node: Node, ctx: Ctx) -> str:
    """The language text-case works in: a label, term or literal value is written in the
    style's locale, a variable in the item's language (CSL 1.0.2, Text-case: title case
    is for English text; citeproc-js title-cases an English locale's "Trans." whatever
    the item's language)."""
    if node.name == "label" or (
        node.name == "text" and ("term" in node.attrs or "value" in node.attrs)
    ):
        return ctx.locale.lang
    return ctx.lang
