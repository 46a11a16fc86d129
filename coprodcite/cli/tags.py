"""Tags: tag, untag, tags; and the --tag/--query options other commands share."""

from __future__ import annotations

from typing import Any

import typer

from coprodcite.cli.common import counted, echo, print_json, state, warn
from coprodcite.errors import UsageError

TAG = typer.Option(None, "--tag", metavar="TAG", help="Only the works under this tag.")
QUERY = typer.Option(
    None,
    "--query",
    "-q",
    metavar="QUERY",
    help="Only the works matching a full-text search over title, names, container, year, "
    'key and DOI: words (prefixes) all match, "a phrase", OR, -word, field:word '
    "(title, author, container, year, key, doi).",
)
JSON = typer.Option(False, "--json", help="Print JSON.")


def selection(tag: str | None, query: str | None) -> Any:
    from coprodcite.services.selection import Selection

    return Selection(tag, query)


def _keys_and_tag(arguments: list[str], verb: str) -> tuple[list[str], str]:
    if len(arguments) < 2:
        raise UsageError(
            f"give the keys and the tag to {verb}", hint=f"coprodcite {verb} KEY... TAG"
        )
    return arguments[:-1], arguments[-1]


def tag(
    ctx: typer.Context,
    arguments: list[str] = typer.Argument(..., metavar="KEY|DOI... TAG"),
    as_json: bool = JSON,
) -> None:
    """Put works under a tag (the last argument), e.g. a manuscript's works."""
    from coprodcite.services import selection as service

    refs, name = _keys_and_tag(arguments, "tag")
    added = service.tag(state(ctx).library(), refs, name)
    if as_json:
        print_json({"tag": name, "added": added})
        return
    warn(f"{counted(len(added), 'work')} tagged {name!r}" + ("" if added else " (all had it)"))


def untag(
    ctx: typer.Context,
    arguments: list[str] = typer.Argument(..., metavar="KEY|DOI... TAG"),
    as_json: bool = JSON,
) -> None:
    """Take works off a tag (the last argument); a tag left empty is gone."""
    from coprodcite.services import selection as service

    refs, name = _keys_and_tag(arguments, "untag")
    removed = service.untag(state(ctx).library(), refs, name)
    if as_json:
        print_json({"tag": name, "removed": removed})
        return
    warn(f"{counted(len(removed), 'work')} no longer tagged {name!r}")


def tags(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List the tags, each with how many works it holds."""
    from coprodcite.services import selection as service

    found = service.tags(state(ctx).library())
    if as_json:
        print_json([{"tag": name, "works": n} for name, n in found])
    elif not found:
        warn("no tags yet; add one with `coprodcite tag KEY... TAG`")
    else:
        echo("\n".join(f"{name}\t{n}" for name, n in found))


def register(app: typer.Typer) -> None:
    app.command()(tag)
    app.command()(untag)
    app.command()(tags)
