"""Rendering CSL-JSON items as bibliographies and citations in a CSL style.

The public API is :func:`render_bibliography`, :func:`render_citations`, :data:`FORMATS`,
:data:`ENGINES` and :class:`RenderWarning`; style lookup is in
:mod:`coprodcite.render.styles`. Two engines render behind the same API (``engine=``):

* ``coprodcite``: coprodcite's own CSL 1.0.2 processor (:mod:`coprodcite.render.csl`).
  It evaluates styles over a rich-text tree, so quotes, punctuation-in-quote,
  flip-flop and escaping are done once, when the text is written; it disambiguates
  (add-names, add-givenname with every rule, the ``disambiguate`` condition,
  year-suffix), groups and collapses cites, and does positions (ibid, near-note...),
  subsequent-author-substitute and display. 822 of the 845 CSL test-suite fixtures
  pass (``python3 bench/bench_csl_suite.py --engine both``).
* ``citeproc-py``: citeproc-py 0.11.1 with coprodcite's fixes
  (:mod:`coprodcite.render.citeproc_py`), kept as fallback and second opinion; 582
  fixtures pass. Its known limits: disambiguation
  by year-suffix only, no cite collapsing, ``is-numeric="locator"`` never true,
  Chicago author-date printing editors who stand in for the author twice, quotes in
  quoted titles not flipped, ``display`` other than second-field-align ignored, cite
  affixes as plain text, and renders with one parsed style serialised.

:data:`DEFAULT_ENGINE` is used when none is named. Engines are imported only when
something is rendered, so importing this package stays cheap.

Rendering never fails because of one item: an item that the engine cannot render comes
out as ``[coprodcite could not render <id> in <style>: <reason>]`` with a
:class:`RenderWarning`. Errors that concern the whole call raise a
:class:`~coprodcite.errors.CoprodciteError`: :class:`~coprodcite.errors.StyleError` for a
style that is unknown or cannot be loaded, :class:`~coprodcite.errors.InvalidInput` for
an unknown format, engine or locale, items without a unique ``id`` and cites without an
``id``.

Field values are CSL rich text: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span
class="nocase">`` and small-caps spans become formatting (text inside them keeps its
case), and ``&amp;``, ``&lt;``, ``&gt;`` are decoded, as :mod:`coprodcite.markup` writes
them; straight quotes and apostrophes become typographic ones (``d’Arcus``, ``“...”``).
Everything else in a field is text, escaped for the output format: in ``html`` only the
style's own formatting is markup (``<i>``, ``<b>``, ``<span
style="font-variant:small-caps;">``, ``<sup>``, ``<sub>``, as citeproc-js writes them);
``latex`` escapes ``\\ { } $ & # ^ _ % ~ < >`` and writes ``\\textit{}``,
``\\textbf{}``, ``\\textsc{}``...; ``rtf`` (for pasting into Word) escapes ``\\ { }``,
writes non-ASCII characters as ``\\uN?`` and formatting as ``{\\i ...}``,
``{\\b ...}``, ``{\\scaps ...}``, ``{\\super ...}``. An item without a CSL ``type``
is rendered as an ``article`` with a RenderWarning.

``suppress-author`` leaves out the names the style's citation renders for the item
(or what substitutes for them); ``author-only`` gives them alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coprodcite.errors import InvalidInput

FORMATS = ("text", "html", "markdown", "rtf", "latex")
#: The rendering engines: coprodcite's own CSL processor and the citeproc-py bridge.
ENGINES = ("citeproc-py", "coprodcite")
DEFAULT_ENGINE = "coprodcite"

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FORMATS",
    "RenderWarning",
    "render_bibliography",
    "render_bibliography_keyed",
    "render_citations",
]


from coprodcite.render.csl.warn import RenderWarning  # noqa: E402 - the one warning class


def render_bibliography(
    items: list[dict[str, Any]],
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    cited: list[list[dict[str, Any]]] | None = None,
    engine: str | None = None,
) -> list[str]:
    """The bibliography entries of ``items`` in ``style``, in bibliography order.

    ``items`` are CSL-JSON dicts with unique ``id``s; every item gets an entry. ``style``
    is a style short name, a path to a ``.csl`` file, or CSL XML text. ``locale``
    overrides the style's default locale (else the dependent style's, else the style's
    ``default-locale``, else en-US). ``fmt`` is one of :data:`FORMATS`. ``cited`` are
    citation clusters (lists of cite dicts with an ``id``) in document order: they are
    registered first, which fixes the numbers of numeric styles and the order of
    unsorted bibliographies; items not cited follow in the order given. ``engine`` is
    one of :data:`ENGINES` (default :data:`DEFAULT_ENGINE`).
    """
    keyed = render_bibliography_keyed(
        items, style, locale=locale, fmt=fmt, cited=cited, engine=engine
    )
    return [entry for _, entry in keyed]


def render_bibliography_keyed(
    items: list[dict[str, Any]],
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    cited: list[list[dict[str, Any]]] | None = None,
    engine: str | None = None,
) -> list[tuple[str, str]]:
    """:func:`render_bibliography`, each entry with the ``id`` of its item."""
    _check_format(fmt)
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style)
    if _engine(engine) == "coprodcite":
        from coprodcite.render.csl import api as csl

        return csl.bibliography(
            _items(items),
            source,
            locale=locale,
            fmt=fmt,
            cited=[_cluster(c) for c in cited] if cited else None,
        )
    from coprodcite.render.citeproc_py import bridge

    return bridge.bibliography(
        _items(items),
        source,
        locale=locale,
        fmt=fmt,
        cited=[_cluster(c) for c in cited] if cited else None,
    )


def render_citations(
    items: list[dict[str, Any]],
    clusters: list[list[dict[str, Any]]],
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    engine: str | None = None,
    notes: list[int] | None = None,
) -> list[str]:
    """One in-text citation (or note text) per cluster of ``clusters``.

    Each cluster is a list of cite dicts: ``id`` (an item's id) and optionally
    ``locator``, ``label`` (a CSL locator type, default ``page``), ``prefix``,
    ``suffix``, ``suppress-author`` and ``author-only`` (see the module docstring for
    how far the last two go). A cited id that is not among ``items`` renders as a
    ``[coprodcite could not render ...]`` text with a RenderWarning. ``notes`` gives
    each cluster's note number (default 1, 2, 3...), for note styles' positions
    (``near-note``, ``first-reference-note-number``); the citeproc-py engine ignores it,
    and the cite key ``position`` (``first``, ``subsequent``, ``ibid``,
    ``ibid-with-locator``, or citeproc-js's 0-3), which fixes a cite's position.
    """
    _check_format(fmt)
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style)
    if _engine(engine) == "coprodcite":
        from coprodcite.render.csl import api as csl

        if notes is not None and len(notes) != len(clusters):
            raise InvalidInput("give one note number per citation cluster")
        return csl.citations(
            _items(items),
            [_cluster(c) for c in clusters],
            source,
            locale=locale,
            fmt=fmt,
            notes=notes,
        )
    from coprodcite.render.citeproc_py import bridge

    return bridge.citations(
        _items(items), [_cluster(c) for c in clusters], source, locale=locale, fmt=fmt
    )


def _engine(engine: str | None) -> str:
    engine = engine or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise InvalidInput(
            f"unknown rendering engine '{engine}'", hint=f"choose one of: {', '.join(ENGINES)}"
        )
    return engine


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown output format '{fmt}'", hint=f"choose one of: {', '.join(FORMATS)}"
        )


def _items(items: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(items, (str, bytes, Mapping)):
        raise InvalidInput("items must be a list of CSL-JSON objects")
    return list(items)


def _cluster(cluster: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(cluster, (str, bytes, Mapping)):
        raise InvalidInput(
            "a citation cluster must be a list of cites",
            hint='for example [{"id": "smith2020", "locator": "12"}]',
        )
    return list(cluster)
