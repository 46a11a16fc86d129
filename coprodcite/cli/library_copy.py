"""``library copy``: a whole library between backends (a file and PostgreSQL)."""

from __future__ import annotations

import typer

from coprodcite.cli.common import echo, print_json, state

app = typer.Typer(help="The library as a whole: copy it between backends.", no_args_is_help=True)


@app.command("copy")
def copy(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="SRC", help="A library file or PostgreSQL URL."),
    destination: str = typer.Argument(
        ..., metavar="DEST", help="A new library file, or an empty PostgreSQL database."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Copy a whole library (records, people, roles, tags, kept exports, history) into
    a new one, SQLite to PostgreSQL or back, in one transaction; each table's rows are
    counted in both and must agree. Private roles and notes only ever go to a private
    store on this machine, never to a server."""
    from coprodcite.services.library_copy import copy as service

    settings = state(ctx).settings
    assert settings is not None
    copied = service(
        source,
        destination,
        private_store=settings.private_store,
        user=settings.user,
        lock_timeout=settings.lock_timeout,
    )
    if as_json:
        print_json([c.to_json() for c in copied])
        return
    lines = []
    for c in copied:
        private = ""
        if c.private:
            private = f", {c.private} {'to' if c.copied < c.source else 'from'} the private store"
        lines.append(f"{c.table:<18} {c.source:>7} -> {c.copied:>7}{private}")
    echo("\n".join(lines) + "\ncopied and verified")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="library")
