"""Commands that format references: cite and bib."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from coprodcite.cli.common import State, echo, print_json, progress, state, warn
from coprodcite.cli.tags import QUERY, TAG, selection
from coprodcite.errors import NotFound, UsageError


class Engine(str, Enum):
    coprodcite = "coprodcite"
    citeproc_py = "citeproc-py"


class OutputFormat(str, Enum):
    text = "text"
    html = "html"
    markdown = "markdown"
    rtf = "rtf"
    latex = "latex"


_STYLE_HELP = (
    "CSL style: a short name (apa, the-british-journal-of-social-work...) or a .csl file. "
    "Default: apa, or COPRODCITE_STYLE."
)
# Options shared by cite and bib (Typer reads these declarations; it never mutates them).
STYLE = typer.Option(None, "--style", "-s", help=_STYLE_HELP)
LOCALE = typer.Option(None, "--locale", help="Locale such as en-GB (default: the style's).")
FORMAT = typer.Option(OutputFormat.text, "--format", "-F", help="Output format.")
FULL_CREDIT = typer.Option(
    False,
    "--full-credit",
    help='List every contributor instead of "et al.": sets the style\'s et-al rules '
    "aside (only when asked; otherwise the style is followed as written).",
)
ENGINE = typer.Option(
    None,
    "--engine",
    help="CSL engine: coprodcite's own processor, or citeproc-py (with coprodcite's "
    "fixes) as a second opinion. Default: COPRODCITE_ENGINE, else coprodcite.",
)
NO_CACHE = typer.Option(
    False, "--no-cache", help="Render afresh, without the library's cache of renders."
)


def cite(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(None, metavar="KEY|DOI...", show_default=False),
    style: str = STYLE,
    locale: str = LOCALE,
    fmt: OutputFormat = FORMAT,
    full_credit: bool = FULL_CREDIT,
    no_cache: bool = NO_CACHE,
    engine: Engine = ENGINE,
    locator: list[str] = typer.Option(
        [],
        "--locator",
        "-l",
        metavar="LOCATOR",
        help="Where in the work: p. 4, pp. 4-6, page=4, chap. 2, sec. 3 ... (a bare number "
        "is a page). Give it once per key: the n-th goes with the n-th key.",
    ),
    prefix: list[str] = typer.Option(
        [], "--prefix", metavar="TEXT", help="Text before a work (see ...); once per key."
    ),
    suffix: list[str] = typer.Option(
        [], "--suffix", metavar="TEXT", help="Text after a work (, emphasis added); once per key."
    ),
    suppress_author: bool = typer.Option(
        False, "--suppress-author", help="Leave the authors out: (2004) after 'Smith says'."
    ),
    author_only: bool = typer.Option(False, "--author-only", help="Only the authors' names."),
    in_file: Path = typer.Option(
        None,
        "--in",
        metavar="FILE.md",
        help="Number and place the citation as in this Markdown manuscript, after its own.",
    ),
    tag: str = TAG,
    query: str = QUERY,
    as_json: bool = typer.Option(
        False, "--json", help='Print [{"keys": [...], "citation": "..."}].'
    ),
) -> None:
    """Print the in-text citation of one or more works, as one citation.

    Numbers and year letters are those of `bib` (the whole library, or --tag/--query),
    or with --in those of the manuscript, where the citation comes after the
    document's own (so it may be "ibid.").
    """
    from coprodcite import services
    from coprodcite.services.manuscript import cite_in_context, read_paper
    from coprodcite.services.selection import selected

    if suppress_author and author_only:
        raise UsageError("--suppress-author and --author-only exclude each other")
    st = state(ctx)
    chosen = selection(tag, query)
    if not refs and not chosen:  # told before the library is opened (it may not exist)
        raise UsageError("no key given", hint="give KEY..., --tag or --query")
    library = st.library()
    keys = selected(library, refs or None, chosen)
    if not keys:
        raise (
            NotFound(f"no works {chosen.describe()}")
            if chosen
            else UsageError("no key given", hint="give KEY..., --tag or --query")
        )
    cites = _cites(keys, locator, prefix, suffix, suppress_author, author_only)
    options = _options(st, style, locale, fmt, full_credit, no_cache, engine)
    how = _rendering(options)
    paper = read_paper(library, in_file) if in_file is not None else None
    context = None if paper is not None or not chosen else keys
    text = cite_in_context(library, keys, cites, how, paper=paper, context=context)
    if as_json:
        print_json([{"keys": [r.key for r in services.records(library, keys)], "citation": text}])
        return
    echo(services.citation_document(text, fmt.value))


def _cites(
    keys: list[str],
    locators: list[str],
    prefixes: list[str],
    suffixes: list[str],
    suppress_author: bool,
    author_only: bool,
) -> list[dict[str, Any]]:
    """Each key's cite options: the n-th --locator, --prefix and --suffix go with the
    n-th key."""
    from coprodcite.services.manuscript import parse_locator_option

    for name, values in (("--locator", locators), ("--prefix", prefixes), ("--suffix", suffixes)):
        if len(values) > len(keys):
            raise UsageError(f"more {name} than keys", hint=f"give {name} at most once per key")
    cites: list[dict[str, Any]] = [{} for _ in keys]
    for cite, text in zip(cites, locators, strict=False):
        cite["label"], cite["locator"] = parse_locator_option(text)
    for cite, text in zip(cites, prefixes, strict=False):
        cite["prefix"] = text if text.endswith(" ") else text + " "
    for cite, text in zip(cites, suffixes, strict=False):
        cite["suffix"] = text
    for cite in cites:
        if suppress_author:
            cite["suppress-author"] = True
        if author_only:
            cite["author-only"] = True
    return cites


def _rendering(options: dict[str, Any]) -> Any:
    from coprodcite.services.manuscript import Rendering

    return Rendering(
        style=options["style"],
        locale=options["locale"],
        fmt=options["fmt"],
        engine=options["engine"],
        styles_dir=options["styles_dir"],
        full_credit=options["full_credit"],
        use_cache=options["use_cache"],
    )


def _options(
    st: State,
    style: str | None,
    locale: str | None,
    fmt: OutputFormat,
    full_credit: bool,
    no_cache: bool,
    engine: Engine | None,
) -> dict[str, Any]:
    """What cite and bib hand to the service: the options, settings filling the gaps."""
    assert st.settings is not None
    return {
        "style": style or st.settings.style,
        "locale": locale,
        "fmt": fmt.value,
        "full_credit": full_credit,
        "styles_dir": st.settings.styles_dir,
        "use_cache": not no_cache,
        "engine": engine.value if engine else st.settings.engine,
    }


def bib(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(None, metavar="KEY|DOI...", show_default=False),
    style: str = STYLE,
    locale: str = LOCALE,
    fmt: OutputFormat = FORMAT,
    full_credit: bool = FULL_CREDIT,
    no_cache: bool = NO_CACHE,
    engine: Engine = ENGINE,
    tag: str = TAG,
    query: str = QUERY,
    as_json: bool = typer.Option(
        False, "--json", help='Print [{"key": ..., "entry": ...}] in the list\'s order.'
    ),
) -> None:
    """Print the reference list of the given works (default: the whole library, or
    the works under --tag or matching --query)."""
    from coprodcite import services
    from coprodcite.services.selection import selected

    st = state(ctx)
    library = st.library()
    chosen = selection(tag, query)
    keys = selected(library, refs or None, chosen)
    if keys == [] and chosen:
        warn(f"no works {chosen.describe()}")
        return
    options = _options(st, style, locale, fmt, full_credit, no_cache, engine)
    with progress() as tell:
        entries = services.bibliography(library, keys, **options, progress=tell, keyed=as_json)
    if as_json:
        pairs = services.keyed_entries(entries)
        print_json([{"key": key, "entry": entry} for key, entry in pairs])
        return
    if not entries:
        if keys or not services.is_empty(library):
            warn("no entries: the style leaves out every work asked for (see the warnings)")
        else:
            warn("nothing to format: the library is empty")
        return
    echo(services.bibliography_document(entries, fmt.value))


def register(app: typer.Typer) -> None:
    app.command()(cite)
    app.command()(bib)
