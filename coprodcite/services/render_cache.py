"""Renders kept in the library, so re-rendering an unchanged list is near instant.

The key is a SHA-256 of everything that can change the output: the engine asked for,
the code behind it (citeproc-py version, coprodcite version, and the size and time of
each render module, the own CSL processor's included, which covers a development
checkout), the style's XML text after dependent resolution, the locale asked for and
the dependent style's locale, the output format, what is rendered (bibliography or
citations), the exact CSL items handed to the renderer, and the clusters. A hit
re-emits the warnings the render gave, so a cached result hides none.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from coprodcite import __version__
from coprodcite.errors import StorageError
from coprodcite.library import CachedRender, Library
from coprodcite.render import RenderWarning
from coprodcite.render.styles import StyleSource, find_style_file, resolve_style

# render(style, locale) -> entries: the renderer call, with the style and locale to use
Render = Callable[[str, "str | None"], list[str]]


def render_cached(
    library: Library,
    render: Render,
    *,
    what: Callable[[], dict[str, Any]],
    quick: dict[str, Any],
    style: str,
    locale: str | None,
    styles_dir: Path | None,
    use_cache: bool = True,
) -> list[str]:
    """``render(style, locale)``, or its stored result for the same inputs.

    ``what()`` gives the rest of the inputs (kind, items, clusters, format); ``quick``
    names them without building them (kind, refs, format). A render is stored under
    both keys: the quick one, with the library's generation and the code's stamp,
    finds an unchanged list without reading its records; the full one, of the exact
    items, finds it again after changes elsewhere in the library. Styles are looked up
    in ``styles_dir`` first; the style handed to ``render`` is the given one, or the
    resolved file when it is a user style (the renderer does not know that folder).
    A render that fails stores nothing.
    """
    source = resolve_style(style, user_dir=styles_dir)
    style, locale = _engine_arguments(style, source, locale, styles_dir)
    if not use_cache:
        return _render(render, style, locale)
    # The generation is read before the items are: a change made meanwhile can only
    # make the quick key stale, never file new items under an old generation's key.
    state = {**quick, "generation": library.generation(), "code": _code_stamp()}
    quick_key = render_key(source, locale, state)
    hit = _hit(library, quick_key)
    if hit is not None:
        return hit.entries
    full_key = render_key(source, locale, what())
    hit = _hit(library, full_key)
    if hit is not None:  # known again under today's quick key
        _store(library, [quick_key], hit.entries, hit.warnings)
        return hit.entries
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entries = _render(render, style, locale)
    for w in caught:  # let them through as if never caught
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    messages = [str(w.message) for w in caught if issubclass(w.category, RenderWarning)]
    _store(library, [quick_key, full_key], entries, messages)
    return entries


def _render(render: Render, style: str, locale: str | None) -> list[str]:
    return render(style, locale)


def _hit(library: Library, key: str | None) -> CachedRender | None:
    """The render stored under ``key``, its warnings shown again."""
    hit = library.cached_render(key) if key else None
    for message in hit.warnings if hit else []:
        warnings.warn(message, RenderWarning, stacklevel=4)
    return hit


def _store(
    library: Library, keys: list[str | None], entries: list[str], messages: list[str]
) -> None:
    with suppress(StorageError):  # a library that cannot be written renders uncached
        for key in keys:
            if key:
                library.store_render(key, entries, messages)


def _engine_arguments(
    style: str, source: StyleSource, locale: str | None, styles_dir: Path | None
) -> tuple[str, str | None]:
    text = style.strip()
    if styles_dir is None or source.path is None or text.startswith("<"):
        return style, locale
    if find_style_file(text, styles_dir) != find_style_file(text):  # a user style
        return str(source.path), locale or source.default_locale
    return style, locale


def render_key(source: StyleSource, locale: str | None, what: dict[str, Any]) -> str | None:
    """The cache key of a render, or None when the inputs cannot be hashed (not JSON)."""
    try:
        style_text = source.xml if source.xml is not None else _read(source.path)
        payload = json.dumps(
            {
                "engine": _engine_stamp(),
                "style": style_text,
                "locale": locale,
                "style_locale": source.default_locale,
                **what,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
    except (TypeError, ValueError, OSError):
        return None
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _code_stamp() -> list[Any]:
    """Size and time of every module of coprodcite: the quick key is not made from the
    items, so any change of code that builds them (a development checkout) counts."""
    folder = Path(__file__).resolve().parents[1]
    return [
        [str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns]
        for p in sorted(folder.rglob("*.py"))
    ]


def _read(path: Path | None) -> str:
    assert path is not None
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _engine_stamp() -> list[Any]:
    import coprodcite.render

    folder = Path(coprodcite.render.__file__).parent
    modules = [
        [str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns]
        for p in sorted(folder.rglob("*.py"))
    ]
    return ["citeproc-py", _installed_version("citeproc", "citeproc_py"), __version__, modules]


def _installed_version(module: str, dist: str) -> str:
    """A package's version from its ``.dist-info`` folder name, found beside the module
    without importing it (importlib.metadata scans every installed package: ~0.1 s)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    for folder in spec.submodule_search_locations or [] if spec else []:
        found = sorted(Path(folder).parent.glob(f"{dist}-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix(f"{dist}-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"
