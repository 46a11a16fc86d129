"""``coprodcite styles``: list, search, show and add CSL styles."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from coprodcite.cli.common import counted, echo, print_json, progress, state, warn

app = typer.Typer(
    help="Find CSL styles: list, search by name or journal title, show one; add, remove "
    "and export your own.",
    no_args_is_help=True,
)


class CitationFormat(str, Enum):
    author_date = "author-date"
    author = "author"
    numeric = "numeric"
    label = "label"
    note = "note"


JSON = typer.Option(False, "--json", help="Print JSON (keys: see the README).")


def _settings(ctx: typer.Context) -> Any:
    settings = state(ctx).settings
    assert settings is not None
    return settings


def _print_styles(styles: list[Any], as_json: bool) -> None:
    if as_json:
        print_json([m.to_json() for m in styles])
        return
    width = min(45, max((len(m.name) for m in styles), default=0))
    for m in styles:
        parent = f"  (uses {m.parent})" if m.parent else ""
        echo(f"{m.name:<{width}}  {m.title}{parent}")


@app.command("list")
def list_(
    ctx: typer.Context,
    dependent: bool | None = typer.Option(
        None,
        "--dependent/--independent",
        help="Only dependent styles (journals using another style's rules), or only "
        "independent ones.",
        show_default=False,
    ),
    format_kind: CitationFormat | None = typer.Option(
        None, "--format-kind", help="Only styles of this citation format.", show_default=False
    ),
    as_json: bool = JSON,
) -> None:
    """List every available style: name, title, and the parent of dependent styles."""
    from coprodcite.services.styles import list_styles

    kind = format_kind.value if format_kind else None
    with progress() as tell:
        found = list_styles(
            _settings(ctx), dependent=dependent, citation_format=kind, progress=tell
        )
    _print_styles(found, as_json)
    if not as_json:
        warn(counted(len(found), "style"))


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(
        ..., metavar="QUERY", help="Part of a style name, journal title or an ISSN."
    ),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Show at most this many."),
    as_json: bool = JSON,
) -> None:
    """Find styles by name, journal title, short title or ISSN.

    Case and accents are ignored; exact matches come first, then prefixes, whole words
    and parts of words: "British Journal of Social Work" finds
    the-british-journal-of-social-work first.
    """
    from coprodcite.services.styles import search_styles

    with progress() as tell:
        found = search_styles(_settings(ctx), query, limit, progress=tell)
    _print_styles(found, as_json)
    if not found and not as_json:
        warn(f"no style matches '{query}'; try fewer words, or `coprodcite styles list`")


@app.command()
def show(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., metavar="NAME", help="A style short name or a path to a .csl file."
    ),
    as_json: bool = JSON,
) -> None:
    """Show one style: title, parent, locale, citation format and file.

    Also its id, fields and ISSNs; a dependent style shows the parent it renders with.
    """
    from coprodcite.services.styles import show_style

    details = show_style(_settings(ctx), name)
    if as_json:
        print_json(details.to_json())
        return
    m = details.meta
    rows = [
        ("name", m.name),
        ("title", m.title),
        ("short title", m.title_short),
        ("id", m.id),
        ("kind", f"dependent on {m.parent}" if m.dependent else "independent"),
        ("parent title", details.parent.title if details.parent else None),
        ("default locale", m.default_locale),
        ("citation format", m.citation_format),
        ("fields", ", ".join(m.fields)),
        ("ISSN", ", ".join([*m.issn, *m.eissn])),
        ("origin", m.origin),
        ("file", m.path),
        ("parent file", details.parent.path if details.parent else None),
    ]
    for label, value in rows:
        if value:
            echo(f"{label + ':':<17}{value}")


@app.command()
def add(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A CSL style file (independent or dependent)."
    ),
    name: str | None = typer.Option(
        None, "--name", help="Short name to give it (default: file name)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace a user style of that name."),
    as_json: bool = JSON,
) -> None:
    """Check a CSL file and add it to your own styles.

    The file goes to your styles folder (COPRODCITE_STYLES_DIR, default: styles/ in the
    user data folder). It is then used by name, and wins over a bundled style of the same
    name. A file that is not a usable CSL style is not copied.
    """
    from coprodcite.services.styles import add_style

    added = add_style(_settings(ctx), file, name=name, force=force)
    if as_json:
        print_json(added.to_json())
        return
    verb = "replaced" if added.replaced else "added"
    echo(f"{verb} style {added.meta.name}: {added.meta.title} ({added.meta.path})")
    if added.shadows:
        warn(f"style {added.meta.name} now replaces {added.shadows} when used by name")


@app.command()
def remove(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="The short name of one of your styles."),
    as_json: bool = JSON,
) -> None:
    """Remove one of your own styles (added with `styles add`).

    Project and bundled styles stay; where yours hid one of the same name, that one
    is used again.
    """
    from coprodcite.services.styles import remove_style

    removed = remove_style(_settings(ctx), name)
    if as_json:
        print_json(removed.to_json())
        return
    echo(f"removed style {removed.meta.name}: {removed.meta.title} ({removed.meta.path})")
    if removed.now:
        warn(f"style {removed.meta.name} is now {removed.now}")
    for orphan in removed.orphans:
        warn(f"your style {orphan} depends on {removed.meta.name}, which is gone")


@app.command()
def export(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., metavar="NAME", help="A style short name or a path to a .csl file."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead."
    ),
) -> None:
    """Write a style as one standalone .csl file.

    A dependent style (a journal that uses another style's rules) is written as its
    parent's rules under its own title, id and locale, so tools that cannot fetch the
    parent, such as pandoc offline, can use it. An independent style is written as it is.
    """
    from coprodcite.services.styles import export_style

    text = export_style(_settings(ctx), name, output)
    if output is None:
        echo(text, nl=False)
    else:
        warn(f"exported style {name} to {output}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="styles")
