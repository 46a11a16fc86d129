"""The processor: a style, a locale and a set of references, rendered as citations and
a bibliography.

:class:`Engine` registers the cited items (citation numbers follow the bibliography's
sort, else the order of first citation), gives every cite its position (first,
subsequent, ibid, ibid-with-locator, near-note), disambiguates (:mod:`.disambiguate`),
sorts, groups and collapses the cites of each cluster (:mod:`.collapse`), and renders
the bibliography with subsequent-author-substitute and second-field-align.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coprodcite.render.csl import evaluate
from coprodcite.render.csl.context import Cite, Ctx, Disamb
from coprodcite.render.csl.disambiguate import implicit_year_suffix
from coprodcite.render.csl.evaluate import render_children
from coprodcite.render.csl.locale import Locale, load_locale
from coprodcite.render.csl.output import Quotes, render
from coprodcite.render.csl.reference import Reference, make_reference
from coprodcite.render.csl.rich import Formatting, Out, span
from coprodcite.render.csl.sorting import sort_items
from coprodcite.render.csl.style import Style
from coprodcite.render.csl.warn import warn as render_warning

__all__ = ["Engine"]

_MISSING = object()


class Engine:
    """One render: a parsed style and locale over a list of CSL-JSON items."""

    #: renders one element; modules the evaluator calls (cs:substitute in names) reach
    #: it through the engine, so they need not import the evaluator back
    render_node = staticmethod(evaluate.render)

    def __init__(
        self,
        style: Style,
        items: Sequence[Mapping[str, Any]],
        lang: str | None = None,
        label: str = "the style",
    ):
        self.style = style
        self.label = label  # the style's name in messages
        self.locale: Locale = load_locale(style, lang)
        self.refs: dict[str, Reference] = {}
        for item in items:
            ref = make_reference(item)
            self.refs.setdefault(ref.id, ref)
        self.disamb: dict[str, Disamb] = {}
        self._numbers: dict[str, int] = {}
        self.registered: list[str] = []
        self._cites: dict[tuple[Any, ...], Any] = {}  # see render_cite
        self.quotes = Quotes(
            self.locale.term("open-quote") or "\u201c",
            self.locale.term("close-quote") or "\u201d",
            self.locale.term("open-inner-quote") or "\u2018",
            self.locale.term("close-inner-quote") or "\u2019",
            self.locale.punctuation_in_quote,
        )

    # -- registration ------------------------------------------------------------------

    def register(self, ids: Sequence[str], *, all_items: bool) -> None:
        order: list[str] = []
        seen: set[str] = set()
        for key in list(ids) + (list(self.refs) if all_items else []):
            if key in self.refs and key not in seen:
                seen.add(key)
                order.append(key)
        bibliography = self.style.bibliography
        # a citation-number sort key reads the order of first citation
        self._numbers = {key: n + 1 for n, key in enumerate(order)}
        if bibliography is not None and bibliography.sort is not None:
            refs = sort_items(
                [self.refs[k] for k in order], bibliography.sort, self._sort_ctx("bibliography")
            )
            order = [r.id for r in refs]
        self.registered = order
        self._numbers = {key: n + 1 for n, key in enumerate(order)}
        self.disamb = {key: Disamb() for key in order}

    def _sort_ctx(self, mode: str) -> Any:
        def make(ref: Reference, cite: Cite | None = None) -> Ctx:
            ctx = Ctx(self, ref, mode, cite, self.disamb.get(ref.id))
            ctx.sort_names = True
            return ctx

        return make

    def fail(self, what: str, reason: str, *, warn: bool = True) -> str:
        """Warn that ``what`` (item ids) could not be rendered; the text in its place."""
        message = f"could not render {what} in {self.label}: {reason}"
        if warn:
            render_warning(message)
        return f"[coprodcite {message}]"

    def citation_number(self, key: str) -> int | None:
        return self._numbers.get(key)

    # -- rendering ---------------------------------------------------------------------

    def write(self, out: Out | None, fmt: str) -> str:
        return render(out, fmt, self.quotes)

    def render_cite(self, cite: Cite, *, disamb: Disamb | None = None) -> Out | None:
        """The cite as rendered by the citation layout (a copy of a memoised render:
        disambiguation renders each cite, then the cluster renders it again)."""
        state = disamb or self.disamb.get(cite.id) or Disamb()
        key = (
            cite.id, cite.locator, cite.label, cite.position, cite.near_note,
            cite.first_note, cite.note, state.add_names, tuple(state.givenname.items()),
            state.givenname_all, state.condition, state.year_suffix,
        )  # fmt: skip
        found = self._cites.get(key, _MISSING)
        if found is _MISSING:
            ref = self.refs[cite.id]
            ctx = Ctx(self, ref, "citation", cite, state)
            found = implicit_year_suffix(
                self, span(render_children(self.style.citation.layout, ctx)), ctx.disamb
            )
            self._cites[key] = found
        if found is None:
            return None
        return Out([found.copy()], tag="cite", data=cite)

    def render_entry(self, key: str) -> Out | None:
        bibliography = self.style.bibliography
        assert bibliography is not None
        ctx = Ctx(self, self.refs[key], "bibliography", None, self.disamb.get(key))
        parts = render_children(bibliography.layout, ctx)
        layout = bibliography.layout.fmt
        suffix = layout.suffix
        if bibliography.options.get("second-field-align") in ("flush", "margin"):
            parts, suffix = _second_field_align(parts, suffix)
        inner = implicit_year_suffix(self, span(parts), ctx.disamb)
        if inner is None:
            return None
        fmt = Formatting(
            prefix=layout.prefix,
            suffix=suffix,
            font_style=layout.font_style,
            font_variant=layout.font_variant,
            font_weight=layout.font_weight,
            text_decoration=layout.text_decoration,
            vertical_align=layout.vertical_align,
        )
        return Out([inner], fmt, tag="entry", data=key)


def _second_field_align(parts: list[Out | None], suffix: str) -> tuple[list[Out | None], str]:
    """The first rendered field in a left-margin block, the rest (and the layout's
    suffix) in a right-inline block."""
    kept = [p for p in parts if p is not None and not p.is_empty()]
    if len(kept) < 2:
        return parts, suffix
    first = Out([kept[0]], Formatting(display="left-margin"))
    rest = Out([Out(kept[1:], Formatting(suffix=suffix))], Formatting(display="right-inline"))
    return [first, rest], ""
