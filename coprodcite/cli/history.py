"""history: who changed what in the library, and when."""

from __future__ import annotations

from dataclasses import asdict

import typer

from coprodcite.cli.common import echo, print_json, state, warn


def history(
    ctx: typer.Context,
    key: str = typer.Argument(None, metavar="[KEY]", help="Only this record's changes."),
    since: str = typer.Option(None, "--since", metavar="DATE", help="Only from DATE (YYYY-MM-DD)."),
    user: str = typer.Option(None, "--user", metavar="USER", help="Only the changes USER made."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the library's changes, oldest first: when, who (COPRODCITE_USER, else the
    login name), what (added, updated with each field's old and new value, removed,
    tagged, untagged) and to which record."""
    from coprodcite.services import history as service

    found = service.history(state(ctx).library(), key, since=since, user=user)
    if as_json:
        print_json([asdict(entry) for entry in found])
    elif not found:
        warn("no changes found")
    else:
        echo(
            "\n".join(
                f"{e.at}\t{e.user}\t{e.action}\t{e.key}\t{service.describe(e)}" for e in found
            )
        )


def register(app: typer.Typer) -> None:
    app.command()(history)
