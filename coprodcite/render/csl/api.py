"""The entry points :mod:`coprodcite.render` calls for ``engine="coprodcite"``: input
checks, one Engine per call, and per-item failures kept as text."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from coprodcite.csl_schema import CSL_LOCATORS
from coprodcite.errors import InvalidInput, StyleError
from coprodcite.render.csl.locale import normalise_locale
from coprodcite.render.csl.rich import Out, leaf
from coprodcite.render.csl.warn import warn

if TYPE_CHECKING:
    from coprodcite.render.csl.processor import Engine
    from coprodcite.render.csl.style import Style

__all__ = ["bibliography", "citations", "load"]


class StyleSource(Hashable, Protocol):
    """A style to load, as :mod:`coprodcite.render.styles` resolves it (the engine does
    not import style management: it takes anything of this shape)."""

    @property
    def label(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def xml(self) -> str | None: ...
    @property
    def default_locale(self) -> str | None: ...
    @property
    def bundled(self) -> bool: ...


def load(source: StyleSource) -> Style:
    try:
        stamp = source.path.stat().st_mtime_ns if source.path else None
    except OSError as exc:
        raise StyleError(f"cannot read style '{source.label}': {exc.strerror}") from None
    return _load(source, stamp)


@functools.lru_cache(maxsize=64)
def _load(source: StyleSource, stamp: int | None) -> Style:
    from coprodcite.render.csl.style import parse_style

    try:
        data = source.path.read_bytes() if source.path else (source.xml or "").encode()
        style = parse_style(data)
    except Exception as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:100]
        raise StyleError(
            f"cannot load style '{source.label}': {reason}",
            hint="check that it is a CSL 1.0 style",
        ) from None
    if not source.bundled and not _valid(data):  # bundled styles are validated upstream
        warn(f"style '{source.label}' does not pass CSL schema validation; its output may be wrong")
    return style


def _valid(data: bytes) -> bool:
    """Whether a style passes the CSL schema (the one citeproc-py ships)."""
    from lxml import etree

    try:
        return bool(_schema().validate(etree.fromstring(data)))
    except etree.XMLSyntaxError:
        return False


@functools.cache
def _schema() -> Any:
    from citeproc import SCHEMA_PATH
    from lxml import etree

    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


def _engine(items: Sequence[Mapping[str, Any]], source: StyleSource, locale: str | None) -> Engine:
    from coprodcite.render.csl.processor import Engine

    style = load(source)
    lang = normalise_locale(locale) if locale else source.default_locale
    seen: set[str] = set()
    checked = []
    for n, item in enumerate(items):
        if not isinstance(item, Mapping) or item.get("id") in (None, ""):
            raise InvalidInput(f"item {n + 1} has no 'id'", hint="give every CSL-JSON item an id")
        key = str(item["id"])
        if key in seen:
            raise InvalidInput(f"two items have the id '{key}'", hint="give every item a unique id")
        seen.add(key)
        if not isinstance(item.get("type"), str) or not item["type"]:
            warn(f"item {key} has no CSL 'type'; it is rendered as an article")
            item = {**item, "type": "article"}
        checked.append(item)
    return Engine(style, checked, lang, source.label)


def _cites(engine: Engine, clusters: Sequence[Sequence[Mapping[str, Any]]]) -> list[list[Any]]:
    from coprodcite.render.csl.context import Cite

    out = []
    unknown: set[str] = set()
    for cluster in clusters:
        cites = []
        for cite in cluster:
            if not isinstance(cite, Mapping) or "id" not in cite:
                raise InvalidInput("a cite has no 'id'", hint="each cite is a dict with an 'id'")
            parsed = Cite.from_json(dict(cite))
            if parsed.label == "sub verbo":  # CSL 1.0's spelling
                parsed.label = "sub-verbo"
            if parsed.label is not None and parsed.label not in CSL_LOCATORS:
                raise InvalidInput(
                    f"unknown locator label '{parsed.label}'",
                    hint=f"use one of: {', '.join(CSL_LOCATORS)}",
                )
            if parsed.id not in engine.refs and parsed.id not in unknown:
                unknown.add(parsed.id)
                warn(f"cited id '{parsed.id}' is not among the items")
            cites.append(parsed)
        out.append(cites)
    return out


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a render runs, and restore it.

    A render allocates hundreds of thousands of small tree nodes without cycles, which
    makes the collector walk the growing heap again and again for nothing (a cold APA
    bibliography of 7,160 records: 14.6 -> 12.8 s CPU; its full collections found no
    garbage). Reference counting still frees everything; anything cyclic is collected
    once the collector runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def bibliography(
    items: Sequence[Mapping[str, Any]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
    cited: Sequence[Sequence[Mapping[str, Any]]] | None,
) -> list[tuple[str, str]]:
    """(item id, entry) in bibliography order."""
    with _collector_paused():
        return _bibliography(items, source, locale=locale, fmt=fmt, cited=cited)


def _bibliography(
    items: Sequence[Mapping[str, Any]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
    cited: Sequence[Sequence[Mapping[str, Any]]] | None,
) -> list[tuple[str, str]]:
    from coprodcite.render.csl.bibliography import substitute_authors
    from coprodcite.render.csl.citations import assign_positions
    from coprodcite.render.csl.disambiguate import disambiguate

    engine = _engine(items, source, locale)
    if engine.style.bibliography is None:
        raise StyleError(
            f"style '{source.label}' has no bibliography",
            hint="use it for citations only, or pick another style",
        )
    clusters = _cites(engine, cited or [])
    engine.register([c.id for cluster in clusters for c in cluster], all_items=True)
    assign_positions(clusters, None, _distance(engine))
    disambiguate(engine, engine.registered, clusters)
    entries = {key: _safe(engine, key, lambda k=key: engine.render_entry(k))
               for key in engine.registered}  # fmt: skip
    # an item the style prints nothing for (APA: personal communications) has no entry
    left_out = [key for key, entry in entries.items() if entry is None or entry.is_empty()]
    if left_out:
        warn(f"{source.label} leaves {', '.join(left_out)} out of the bibliography")
    kept = {k: entry for k, entry in entries.items() if entry is not None and not entry.is_empty()}
    substitute_authors(engine, list(kept.values()))
    return [(k, engine.write(entry, fmt)) for k, entry in kept.items()]


def citations(
    items: Sequence[Mapping[str, Any]],
    clusters: Sequence[Sequence[Mapping[str, Any]]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
    notes: Sequence[int] | None = None,
) -> list[str]:
    with _collector_paused():
        return _citations(items, clusters, source, locale=locale, fmt=fmt, notes=notes)


def _citations(
    items: Sequence[Mapping[str, Any]],
    clusters: Sequence[Sequence[Mapping[str, Any]]],
    source: StyleSource,
    *,
    locale: str | None,
    fmt: str,
    notes: Sequence[int] | None = None,
) -> list[str]:
    from coprodcite.render.csl.citations import assign_positions, render_cluster
    from coprodcite.render.csl.disambiguate import disambiguate

    engine = _engine(items, source, locale)
    parsed = _cites(engine, clusters)
    engine.register([c.id for cluster in parsed for c in cluster], all_items=False)
    assign_positions(parsed, notes, _distance(engine))
    disambiguate(engine, engine.registered, parsed)
    out = []
    for cluster in parsed:
        result = _safe(engine, ",".join(c.id for c in cluster),
                       lambda c=cluster: render_cluster(engine, c))  # fmt: skip
        out.append(engine.write(result, fmt))
    return out


def _distance(engine: Engine) -> int:
    try:
        return int(engine.style.citation.options.get("near-note-distance", "5"))
    except ValueError:
        return 5


def _safe(engine: Engine, what: str, fn: Any) -> Out | None:
    """``fn()``, or the failure text in its place (escaped like any text when written)."""
    try:
        return fn()  # type: ignore[no-any-return]
    except RecursionError:
        reason = "the style recurses too deeply"
    except Exception as exc:  # one item never breaks the list
        reason = f"{type(exc).__name__}: {exc}"[:100]
    return leaf(engine.fail(what, reason))
