"""Commands that format references: cite and bib."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer

from coprodcite.cli.common import State, echo, progress, state, warn


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
    refs: list[str] = typer.Argument(..., metavar="KEY|DOI..."),
    style: str = STYLE,
    locale: str = LOCALE,
    fmt: OutputFormat = FORMAT,
    full_credit: bool = FULL_CREDIT,
    no_cache: bool = NO_CACHE,
    engine: Engine = ENGINE,
) -> None:
    """Print the in-text citation of one or more works, as one citation."""
    from coprodcite import services

    st = state(ctx)
    options = _options(st, style, locale, fmt, full_credit, no_cache, engine)
    echo(services.citation_document(services.citation(st.library(), refs, **options), fmt.value))


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
) -> None:
    """Print the reference list of the given works (default: the whole library)."""
    from coprodcite import services

    st = state(ctx)
    options = _options(st, style, locale, fmt, full_credit, no_cache, engine)
    with progress() as tell:
        entries = services.bibliography(st.library(), refs or None, **options, progress=tell)
    if not entries:
        if refs or not services.is_empty(st.library()):
            warn("no entries: the style leaves out every work asked for (see the warnings)")
        else:
            warn("nothing to format: the library is empty")
        return
    echo(services.bibliography_document(entries, fmt.value))


def register(app: typer.Typer) -> None:
    app.command()(cite)
    app.command()(bib)
