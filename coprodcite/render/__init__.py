"""Rendering CSL-JSON items as bibliographies and citations in a CSL style.

The public API is :func:`render_bibliography`, :func:`render_citations`, :data:`FORMATS`
and :class:`RenderWarning`; style lookup is in :mod:`coprodcite.render.styles`. The engine
(citeproc-py today, in :mod:`coprodcite.render.bridge`) is imported only when something
is rendered, so importing this package stays cheap.

Rendering never fails because of one item: an item that the engine cannot render comes
out as ``[coprodcite could not render <id> in <style>: <reason>]`` with a
:class:`RenderWarning`. Errors that concern the whole call raise a
:class:`~coprodcite.errors.CoprodciteError`: :class:`~coprodcite.errors.StyleError` for a
style that is unknown or cannot be loaded, :class:`~coprodcite.errors.InvalidInput` for
an unknown format or locale, items without a unique ``id``, cites without an ``id`` and
unknown locator labels.

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

The engine is citeproc-py 0.11.1 with coprodcite's fixes (see
:mod:`coprodcite.render.citeproc_fixes`); 571 of the 845 CSL test-suite fixtures pass
(``bench/bench_csl_suite.py``). Known limits:

* ``suppress-author`` removes the names the style's citation renders first for the item
  (APA's "Okafor et al.") and the delimiter after them, when the cite starts with them;
  ``author-only`` gives those names alone, before the rest of the cluster. Where this
  cannot be done the cite is rendered in full with a RenderWarning; numeric styles,
  whose citations hold no names, have nothing to suppress.
* Disambiguation adds year-suffixes only (not names or given names); citations are not
  collapsed (``Smith 2000a, 2000b``, ``[1–3]``); ``is-numeric="locator"`` is never
  true (APA drops "Chapter" before a chapter locator); Chicago author-date still
  prints editors who stand in for the author twice ("Edited by ..."); quotes inside
  quoted titles do not flip to inner quotes; ``display`` blocks other than
  second-field-align are ignored.
* ``prefix``, ``suffix`` and ``locator`` of a cite are text like field values, not rich text.
* Renders with one parsed style are serialised (citeproc-py keeps per-render state on
  it); renders in different styles or locales run side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coprodcite.errors import InvalidInput

FORMATS = ("text", "html", "markdown", "rtf", "latex")
#: The rendering engines: coprodcite's own CSL processor and the citeproc-py bridge.
ENGINES = ("citeproc-py", "coprodcite")
DEFAULT_ENGINE = "citeproc-py"

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "FORMATS",
    "RenderWarning",
    "render_bibliography",
    "render_citations",
]


class RenderWarning(UserWarning):
    """An item, cite or style feature that could not be rendered as asked."""


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
    from coprodcite.render import bridge

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
    from coprodcite.render import bridge

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
