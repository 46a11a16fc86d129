"""Citation clusters: positions, cite order, affixes, suppress-author, and joining.

Positions follow CSL 1.0.2: a cite is *ibid* when it follows a cite of the same item in
the same citation, or opens a citation whose previous citation was a single cite of
that item; *ibid-with-locator* when the locators differ; *near-note* when the item was
cited at most ``near-note-distance`` notes before. Citations at note 0 are in the text:
the previous citation of one of them is the previous one in the text; the previous
citation of the first citation in a note is the previous note, all its cites (citeproc-js).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coprodcite.render.csl.context import Cite, Ctx
from coprodcite.render.csl.rich import Formatting, Out, joined, leaf, span
from coprodcite.render.csl.sorting import sort_items

if TYPE_CHECKING:
    from coprodcite.render.csl.processor import Engine

__all__ = ["assign_positions", "render_cluster"]


def assign_positions(
    clusters: Sequence[Sequence[Cite]], notes: Sequence[int] | None, distance: int
) -> None:
    last_note: dict[str, int] = {}
    first_note: dict[str, int] = {}
    # by stream (in the text or in notes): the previous citation, its note, and the
    # cites of that note
    last: dict[bool, tuple[list[Cite], int, list[Cite]]] = {}
    for index, cluster in enumerate(clusters):
        note = notes[index] if notes else index + 1
        in_text = bool(notes) and note == 0
        previous = _previous(last.get(in_text), note)
        for position, cite in enumerate(cluster):
            cite.note = note
            if cite.id not in first_note:
                cite.position = "first"
                first_note[cite.id] = note
            else:
                if position > 0:
                    before = cluster[position - 1]
                    same = before.id == cite.id
                else:
                    same = len(previous) == 1 and previous[0].id == cite.id
                    before = previous[0] if previous else None  # type: ignore[assignment]
                if same and before is not None:
                    cite.position = _ibid(before, cite)
                else:
                    cite.position = "subsequent"
                cite.near_note = note - last_note[cite.id] <= distance
                cite.first_note = first_note[cite.id]
            last_note[cite.id] = note
            if cite.given_position:
                cite.position = cite.given_position
        if cluster:
            stream = last.get(in_text)
            cites = stream[2] if stream and stream[1] == note else []
            last[in_text] = (list(cluster), note, cites + list(cluster))


def _previous(last: tuple[list[Cite], int, list[Cite]] | None, note: int) -> list[Cite]:
    """The cites an opening cite may be ibid to: the previous citation in the same note,
    or all the cites of the previous note (citeproc-js)."""
    if last is None:
        return []
    citation, last_note, in_note = last
    return citation if last_note == note else in_note


def _ibid(before: Cite, cite: Cite) -> str:
    if cite.locator is None:
        return "ibid" if before.locator is None else "subsequent"
    if before.locator is None:
        return "ibid-with-locator"
    if (before.locator, before.label or "page") == (cite.locator, cite.label or "page"):
        return "ibid"
    return "ibid-with-locator"


def render_cluster(engine: Engine, cluster: Sequence[Cite]) -> Out | None:
    """The citation of ``cluster``. An ``author-only`` cite gives its names before the
    citation of the other cites (``Brennan (2021)`` with a suppress-author cite of the
    same item); a cite of an unknown id, or one that fails, becomes a
    ``[coprodcite could not render ...]`` text in its place (with a RenderWarning)."""
    leading = [out for out in map(lambda c: _author_only(engine, c), cluster) if out]
    body = _citation(engine, [c for c in cluster if not c.author_only])
    if not leading:
        return body
    names = Out(leading, joined(", "))
    return Out([names, body], joined(" ")) if body is not None else names


def _author_only(engine: Engine, cite: Cite) -> Out | None:
    if not cite.author_only or cite.id not in engine.refs:
        return None
    out = _render(engine, cite)
    return _author_rules(cite, out) if out is not None and out.tag == "cite" else out


def _render(engine: Engine, cite: Cite) -> Out | None:
    if cite.id not in engine.refs:
        # (the caller has warned that the id is not among the items)
        return leaf(engine.fail(cite.id, "not among the items", warn=False), tag="failed")
    try:
        return engine.render_cite(cite)
    except Exception as exc:  # one cite never breaks the citation
        reason = f"{type(exc).__name__}: {exc}"[:100]
        return leaf(engine.fail(cite.id, reason), tag="failed")


def _citation(engine: Engine, cluster: Sequence[Cite]) -> Out | None:
    citation = engine.style.citation
    cites = [c for c in cluster if c.id in engine.refs]
    if citation.sort is not None and len(cites) > 1:
        by_ref = sort_items(
            list(range(len(cites))),
            citation.sort,
            lambda i: _sort_ctx(engine, cites[i]),
        )
        cites = [cites[i] for i in by_ref]
    cites += [c for c in cluster if c.id not in engine.refs]  # their failure texts last
    rendered: list[tuple[Cite, Out]] = []
    for cite in cites:
        out = _render(engine, cite)
        if out is None:
            out = _empty(engine, cite)
        if out.tag == "failed":
            rendered.append((cite, out))
            continue
        out = _author_rules(cite, out)
        if out is None:
            continue
        if engine.style.attrs.get("class") == "note":
            _capitalize_term(cite, out, first=not rendered)
        rendered.append((cite, _affixes(cite, out)))
    if not rendered:
        return None
    from coprodcite.render.csl.collapse import join_cites

    body = join_cites(engine, rendered)
    if body is None:
        return None
    layout = citation.layout.fmt
    affixed = Out([body], Formatting(prefix=layout.prefix, suffix=layout.suffix))
    fmt = Formatting(  # the layout's formatting covers its affixes too (citeproc-js)
        font_style=layout.font_style,
        font_variant=layout.font_variant,
        font_weight=layout.font_weight,
        text_decoration=layout.text_decoration,
        vertical_align=layout.vertical_align,
    )
    return Out([affixed], fmt, tag="citation")


def _empty(engine: Engine, cite: Cite) -> Out:
    """What stands for a cite the style renders as nothing (an item with none of the
    variables the citation prints: no author, title or date): the item id in brackets,
    with a RenderWarning, so the reader still sees that a work is cited there (citeproc-js
    writes "[CSL STYLE ERROR: reference with no printed form.]")."""
    from coprodcite.render.csl.warn import warn

    warn(
        f"the citation of {cite.id} in {engine.label} is empty (the item has nothing "
        "the style cites, such as an author, title or date): its id is shown instead"
    )
    return leaf(f"[{cite.id}]", tag="failed")


def _sort_ctx(engine: Engine, cite: Cite) -> Ctx:
    ref = engine.refs[cite.id]
    ctx = Ctx(engine, ref, "citation", cite, engine.disamb.get(cite.id))
    ctx.sort_names = True
    return ctx


def _affixes(cite: Cite, out: Out) -> Out:
    from coprodcite.render.csl.fieldtext import parse_field

    if not cite.prefix and not cite.suffix:
        return out
    prefix = parse_field(cite.prefix) if cite.prefix else None
    suffix = parse_field(cite.suffix) if cite.suffix else None
    joined = span([prefix, out, suffix])
    return Out([joined] if joined else [], tag="cite-affixed", data=cite)


def _author_rules(cite: Cite, out: Out) -> Out | None:
    if not (cite.suppress_author or cite.author_only):
        return out
    names = next(out.find("names"), None)
    if names is None:
        return None if cite.author_only else out
    if cite.author_only:
        return Out([names.copy()], tag="cite", data=cite)
    names.children = []
    names.text = None
    return out


def _capitalize_term(cite: Cite, out: Out, *, first: bool) -> None:
    """In a note, a cite that opens with a term ("ibid.") starts with a capital when it
    opens the citation or follows a prefix of more than one word that ends a sentence
    (citeproc-js)."""
    prefix = (cite.prefix or "").rstrip().rstrip("\"'\u201d\u2019)")
    if prefix:
        if not (prefix[-1] in ".!?" and " " in prefix.strip(" .,;:")):
            return
    elif not first:
        return
    lead = next(out.leaves(), None)
    if lead is not None and lead.tag == "term" and lead.text and lead.text[0].islower():
        lead.text = lead.text[0].upper() + lead.text[1:]
