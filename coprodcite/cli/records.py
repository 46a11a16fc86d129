"""Commands that change or read records: add, list, show, remove."""

from __future__ import annotations

from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from coprodcite.cli.common import (
    input_limit,
    print_json,
    read_input_file,
    read_stdin,
    state,
    stderr_is_terminal,
    warn,
)
from coprodcite.errors import ExitCode, InvalidInput

_ADD_HELP = (
    "Add works to the library by DOI.\n\n"
    "DOIs may be given in any form: 10.1093/bjsw/bcad019, doi:..., https://doi.org/..., "
    "percent-encoded, or inside pasted text. Use - to read DOIs (or any text holding them) "
    "from standard input, --from-file for a file of them, and --record for a saved Crossref, "
    "DataCite or CSL-JSON response (works offline).\n\n"
    "Metadata comes from Crossref; DOIs Crossref does not know are looked up at DataCite, "
    "then by DOI content negotiation (set COPRODCITE_MAILTO to your email to use Crossref's "
    "faster polite pool). A DOI already in the library is left as it is unless --refresh.\n\n"
    "Exit status: 0 when every DOI was added or already there; non-zero when any failed "
    "(the others are kept)."
)


class ShowFormat(str, Enum):
    json = "json"
    csl_json = "csl-json"
    bibtex = "bibtex"


def add(
    ctx: typer.Context,
    dois: list[str] = typer.Argument(None, metavar="DOI|-", show_default=False),
    from_file: list[Path] = typer.Option(
        [],
        "--from-file",
        "-f",
        help="Read DOIs from this text file (any text; DOIs are found in it).",
    ),
    record: list[Path] = typer.Option(
        [], "--record", "-r", help="Add a saved Crossref, DataCite or CSL-JSON response, offline."
    ),
    refresh: bool = typer.Option(
        False, "--refresh", help="Fetch again and update records already there."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON report: summary and one item per DOI."
    ),
) -> None:
    from coprodcite import services

    st = state(ctx)
    assert st.settings is not None
    texts = [a for a in dois or [] if a != "-"]
    if "-" in (dois or []):
        texts.append(read_stdin(ctx))
    texts.extend(read_input_file(ctx, path) for path in from_file)
    if not texts and not record:
        raise InvalidInput(
            "no DOI given", hint="give DOIs, - for standard input, --from-file or --record"
        )
    found, failures = services.collect_dois(texts)
    if not found and not failures and not record:
        raise InvalidInput("no DOI found in the input", hint="check what was given")
    library = st.library(create=True)
    echo: Any = (lambda item: None) if as_json else _item_printer()
    report = services.add_record_files(
        library, record, refresh=refresh, on_item=echo, limit=input_limit(ctx)
    )
    with _progress(len(found)) as advance:

        def on_item(item: Any) -> None:
            advance()
            echo(item)

        fetched = services.add_dois(
            library, found, st.settings, refresh=refresh, on_item=on_item, on_notice=warn
        )
    for item in failures:
        echo(item)
    report.items.extend(fetched.items + failures)
    if as_json:
        print_json(report.to_json())
    else:
        _print_summary(report)
    if report.exit_code != ExitCode.OK:
        raise typer.Exit(report.exit_code)


def _progress(total: int) -> Any:
    """A rich progress bar on a terminal; nothing when piped."""
    if total < 2 or not stderr_is_terminal():
        return nullcontext(lambda: None)
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    @contextmanager
    def bar() -> Any:
        with Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("fetch", total=total)
            yield lambda: progress.advance(task)

    return bar()


_VERBS = {"added": "added", "exists": "already there", "updated": "updated"}


def _item_printer() -> Any:
    """Prints each item; an error already printed in full (offline: every DOI of the
    batch fails the same way) is named again in short."""
    said: set[str] = set()

    def print_item(item: Any) -> None:
        if item.status != "failed":
            typer.echo(f"{_VERBS[item.status]}: {item.key}  {item.title or ''}".rstrip())
        elif item.error in said:
            warn(f"failed: {item.input}: the same error")
        else:
            said.add(item.error)
            warn(f"failed: {item.error}")

    return print_item


def _print_summary(report: Any) -> None:
    counts = report.counts()
    text = ", ".join(f"{n} {_VERBS.get(k, k)}" for k, n in counts.items() if n)
    warn(text or "nothing to do")


def list_records(
    ctx: typer.Context,
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON array of records (see README)."
    ),
) -> None:
    """List the records in the library."""
    from coprodcite import services

    recs = services.records(state(ctx).library())
    if as_json:
        print_json([r.to_json() for r in recs])
        return
    if not recs:
        warn("the library is empty; add works with `coprodcite add DOI`")
        return
    from rich.console import Console
    from rich.table import Table

    from coprodcite.markup import plain_text

    table = Table(box=None, header_style="bold")
    table.add_column("key", no_wrap=True)
    table.add_column("year", no_wrap=True)
    table.add_column("authors", overflow="fold", max_width=30)
    table.add_column("title", overflow="fold", ratio=1)
    table.add_column("DOI", overflow="fold")
    for r in recs:
        people = r.names("author") or r.names("editor")
        names = ", ".join(p.family or p.literal or p.given or "" for p in people[:2])
        if len(people) > 2:
            names += " et al."
        table.add_row(r.key, str(r.year or ""), names, plain_text(r.title), r.doi or "")
    Console().print(table)


def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="KEY|DOI"),
    fmt: ShowFormat = typer.Option(ShowFormat.json, "--format", "-F", help="Output format."),
) -> None:
    """Show one record: coprodcite JSON (with the raw source), CSL-JSON or BibTeX."""
    from coprodcite import services

    library = state(ctx).library()
    typer.echo(services.show(library.get(ref), fmt.value, library.preferred_names()))


def remove(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(..., metavar="KEY|DOI"),
) -> None:
    """Remove records from the library."""
    library = state(ctx).library()
    for ref in refs:
        record = library.remove(ref)
        typer.echo(f"removed: {record.key}")


def register(app: typer.Typer) -> None:
    app.command(help=_ADD_HELP)(add)
    app.command("list")(list_records)
    app.command()(show)
    app.command()(remove)
