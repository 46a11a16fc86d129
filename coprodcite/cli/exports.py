"""``coprodcite exports``: the kept exports (``export -o FILE --keep``)."""

from __future__ import annotations

from pathlib import Path

import typer

from coprodcite.cli.common import echo, print_json, state, warn

app = typer.Typer(
    help="Kept exports: files written with `export -o FILE --keep` that every change to "
    "the library keeps in step.",
    no_args_is_help=True,
)


@app.command("list")
def list_exports(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the kept exports: file, format, what they hold, when last written."""
    from coprodcite.services.kept import describe, kept_exports

    kept = kept_exports(state(ctx).library())
    if as_json:
        print_json(
            [
                {
                    "path": k.path,
                    "format": k.format,
                    "selection": k.selection,
                    "include_private": bool(k.options.get("include_private")),
                    "written_at": k.written_at,
                    "exists": Path(k.path).exists(),
                }
                for k in kept
            ]  # fmt: skip
        )
    elif not kept:
        warn("no kept exports; keep one with `coprodcite export -F bibtex -o refs.bib --keep`")
    else:
        for k in kept:
            gone = "" if Path(k.path).exists() else "\t(missing: written at the next change)"
            echo(f"{k.path}\t{k.format}\t{describe(k)}\t{k.written_at or ''}{gone}")


@app.command("remove")
def remove_exports(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., metavar="FILE..."),
) -> None:
    """Stop keeping these exports in step (the files stay as they are)."""
    from coprodcite.services.kept import forget

    library = state(ctx).library()
    for path in paths:
        echo(f"no longer kept: {forget(library, path).path}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="exports")
