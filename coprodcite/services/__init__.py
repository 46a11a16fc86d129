"""Use cases: what the commands do, as functions returning result objects.

Nothing here prints, prompts or exits; the command line turns results into
output and exit codes. Settings arrive as arguments.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from coprodcite.errors import InvalidInput
from coprodcite.formats.documents import bibliography_document as bibliography_document
from coprodcite.formats.documents import citation_document as citation_document
from coprodcite.library import Library, Listed
from coprodcite.library import open_library as open_library  # the CLI opens libraries here
from coprodcite.model import Record, cited_as
from coprodcite.services.adding import BatchReport as BatchReport
from coprodcite.services.adding import ItemResult as ItemResult
from coprodcite.services.adding import add_dois as add_dois
from coprodcite.services.adding import add_record_files as add_record_files
from coprodcite.services.adding import collect_identifiers as collect_identifiers
from coprodcite.services.adding import read_input as read_input
from coprodcite.services.adding import read_record_file as read_record_file
from coprodcite.services.clients import http_client as http_client
from coprodcite.services.clients import source_urls as source_urls

# Told how long work is going: (what is being done, how much is done, how much in all
# or None when unknown). The command line shows it on a terminal.
Progress = Callable[[str, int, "int | None"], None]


def no_progress(what: str, done: int, total: int | None) -> None:
    return None


# -- reading and rendering --------------------------------------------------------


def records(library: Library, refs: list[str] | None = None) -> list[Record]:
    return library.records(refs=refs or None)


def is_empty(library: Library) -> bool:
    return library.count() == 0


def listing(library: Library) -> list[Listed]:
    """Key, year, first author, title and DOI of every record (``list``), by key."""
    return library.listing()


def remove(library: Library, ref: str) -> Record:
    """Remove the record named by key or DOI ``ref``; the record removed."""
    return library.remove(ref)


def csl_items(
    recs: list[Record], names: Mapping[int, dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON items, with each linked person's preferred name (``names``, from
    :meth:`Library.preferred_names`) in place of the name as published."""
    if names:
        recs = [with_preferred_names(r, names) for r in recs]
    return [r.to_csl() for r in recs]


def with_preferred_names(record: Record, names: Mapping[int, dict[str, str]]) -> Record:
    """``record`` as it is cited: linked people under their preferred names."""
    if not any(c.person_id in names for c in record.contributors):
        return record
    return record.copy_with(contributors=[cited_as(c, names) for c in record.contributors])


def _items_to_render(
    library: Library, refs: list[str] | None
) -> tuple[list[Record], list[dict[str, Any]]]:
    recs = records(library, refs)
    return recs, csl_items(recs, library.preferred_names())


def _style_to_render(
    style: str, locale: str | None, full_credit: bool, styles_dir: Path | None
) -> tuple[str, str | None]:
    """The style (and locale) to render with: with ``full_credit``, the style's
    independent parent as XML with its et-al rules taken out, keeping the locale a
    dependent style asks for."""
    if not full_credit:
        return style, locale
    from coprodcite.render.credit import full_credit_style
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style, user_dir=styles_dir)
    xml = source.xml if source.xml is not None else _read_style(source.path)
    return full_credit_style(xml), locale or source.default_locale


def _read_style(path: Path | None) -> str:
    assert path is not None
    return path.read_text(encoding="utf-8")


def bibliography(
    library: Library,
    refs: list[str] | None,
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    full_credit: bool = False,
    styles_dir: Path | None = None,
    use_cache: bool = True,
    engine: str | None = None,
    progress: Progress | None = None,
    keyed: bool = False,
) -> list[str]:
    """Reference list entries; a render of the same items, style, locale, format and
    engine is taken from the library's render cache (``use_cache=False`` skips it).
    ``progress`` hears of reading and rendering, which a cached render skips. With
    ``keyed`` each entry is a JSON ``[key, entry]`` pair (see :func:`keyed_entries`)."""
    from coprodcite.render import render_bibliography_keyed
    from coprodcite.services.render_cache import render_cached

    style, locale = _style_to_render(style, locale, full_credit, styles_dir)
    report = progress or no_progress
    kind = "bibliography-keyed" if keyed else "bibliography"

    @cache
    def built() -> tuple[list[Record], list[dict[str, Any]]]:  # only when the cache misses
        report("reading records", 0, None)
        return _items_to_render(library, refs)

    def render(style: str, locale: str | None) -> list[str]:
        items = built()[1]
        report(f"rendering {len(items):,} entries", 0, None)
        pairs = render_bibliography_keyed(items, style, locale=locale, fmt=fmt, engine=engine)
        # with their keys: each entry kept as a JSON pair (the cache keeps strings)
        return (
            [json.dumps(p, ensure_ascii=False) for p in pairs] if keyed else [e for _, e in pairs]
        )

    return render_cached(
        library,
        render,
        what=lambda: {
            "kind": kind,
            "items": built()[1],
            "clusters": None,
            "fmt": fmt,
            "engine": engine,
        },
        quick={"kind": kind, "refs": refs, "fmt": fmt, "engine": engine},
        style=style,
        locale=locale,
        styles_dir=styles_dir,
        use_cache=use_cache,
    )


def keyed_entries(entries: list[str]) -> list[tuple[str, str]]:
    """The (key, entry) pairs of a ``bibliography(..., keyed=True)``."""
    return [tuple(json.loads(e)) for e in entries]  # type: ignore[misc]


def citation(
    library: Library,
    refs: list[str],
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    full_credit: bool = False,
    styles_dir: Path | None = None,
    use_cache: bool = True,
    engine: str | None = None,
) -> str:
    from coprodcite.render import render_citations
    from coprodcite.services.render_cache import render_cached

    style, locale = _style_to_render(style, locale, full_credit, styles_dir)
    built = cache(lambda: _items_to_render(library, refs))  # only when the cache misses

    def clusters() -> list[list[dict[str, Any]]]:
        return [[{"id": r.key} for r in built()[0]]]

    return render_cached(
        library,
        lambda s, loc: render_citations(
            built()[1], clusters(), s, locale=loc, fmt=fmt, engine=engine
        ),
        what=lambda: {
            "kind": "citations",
            "items": built()[1],
            "clusters": clusters(),
            "fmt": fmt,
            "engine": engine,
        },
        quick={"kind": "citations", "refs": refs, "fmt": fmt, "engine": engine},
        style=style,
        locale=locale,
        styles_dir=styles_dir,
        use_cache=use_cache,
    )[0]


def show_record(library: Library, ref: str, fmt: str) -> str:
    """The record named by key or DOI ``ref``, in ``fmt`` (see :func:`show`)."""
    return show(library.get(ref), fmt, library.preferred_names())


def show(record: Record, fmt: str, names: Mapping[int, dict[str, str]] | None = None) -> str:
    """One record in ``fmt``. CSL-JSON and BibTeX cite linked people by their preferred
    ``names``; JSON keeps the name as published and adds ``preferred-name``."""
    if fmt == "json":
        data = record.to_json(include_source=True)
        for out, c in zip(data["contributors"], record.contributors, strict=True):
            if c.person_id is not None and c.person_id in (names or {}):
                out["preferred-name"] = cited_as(c, names or {}).to_csl()
        return json.dumps(data, ensure_ascii=False, indent=2)
    cited = with_preferred_names(record, names or {})
    if fmt == "csl-json":
        return json.dumps(cited.to_csl(), ensure_ascii=False, indent=2)
    if fmt == "bibtex":
        from coprodcite.formats.bibtex import to_bibtex

        return to_bibtex([cited]).rstrip("\n")
    raise InvalidInput(f"unknown format {fmt!r}", hint="use json, csl-json or bibtex")
