"""Commands that change or read records: add, list, show, remove."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from coprodcite.cli.common import (
    echo,
    input_limit,
    print_json,
    progress,
    read_input_file,
    read_stdin,
    state,
    stdout_is_terminal,
    warn,
)
from coprodcite.cli.table import Column, print_table, tsv_line
from coprodcite.cli.tags import QUERY, TAG, selection
from coprodcite.errors import ExitCode, InvalidInput, UsageError

_ADD_HELP = (
    "Add works to the library by DOI, ISBN, arXiv id or PubMed id.\n\n"
    "DOIs may be given in any form: 10.1093/bjsw/bcad019, doi:..., https://doi.org/..., "
    "percent-encoded, or inside pasted text; likewise ISBN-10 and ISBN-13 (check digit "
    "verified; looked up at Open Library), arXiv ids (2301.00001v2, hep-th/9901001, "
    "arXiv:...; the published version when arXiv records one) and PMID/PMCID (31452104, "
    "PMC6710286; through NCBI). Use - to read them (or any text holding them) from "
    "standard input, --from-file for a file of them, and --record for a saved Crossref, "
    "DataCite or CSL-JSON response (works offline). A pasted reference that holds no "
    "identifier is reported: `coprodcite match` finds such references by their text.\n\n"
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
    dois: list[str] = typer.Argument(None, metavar="DOI|-...", show_default=False),
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
    arguments = [a for a in dois or [] if a != "-"]
    texts = [read_stdin(ctx)] if "-" in (dois or []) else []
    texts.extend(read_input_file(ctx, path) for path in from_file)
    if not arguments and not texts and not record:
        raise UsageError(
            "no DOI given", hint="give DOIs, - for standard input, --from-file or --record"
        )
    found, failures = services.collect_identifiers(arguments, texts)
    if not found and not failures and not record:
        raise InvalidInput(
            "no DOI or other identifier found in the input", hint="check what was given"
        )
    library = st.library(create=True)
    tell: Any = (lambda item: None) if as_json else _item_printer()
    report = services.add_record_files(
        library, record, refresh=refresh, on_item=tell, limit=input_limit(ctx)
    )
    with progress() as report_progress:
        done = 0
        if len(found) > 1:
            report_progress("fetching", done, len(found))

        def on_item(item: Any) -> None:
            nonlocal done
            done += 1
            tell(item)
            if len(found) > 1:
                report_progress("fetching", done, len(found))

        fetched = services.add_dois(
            library, found, st.settings, refresh=refresh, on_item=on_item, on_notice=warn
        )
    for item in failures:
        tell(item)
    report.items.extend(fetched.items + failures)
    if as_json:
        print_json(report.to_json())
    else:
        _print_summary(report)
    if report.exit_code != ExitCode.OK:
        raise typer.Exit(report.exit_code)


_VERBS = {"added": "added", "exists": "already there", "updated": "updated"}


def _item_printer() -> Any:
    """Prints each item; an error already printed in full (offline: every DOI of the
    batch fails the same way) is named again in short."""
    said: set[str] = set()

    def print_item(item: Any) -> None:
        if item.status != "failed":
            note = f" ({item.note})" if item.note else ""
            echo(f"{_VERBS[item.status]}: {item.key}  {item.title or ''}".rstrip() + note)
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


class Sort(str, Enum):
    key = "key"
    year = "year"
    author = "author"
    added = "added"


def list_records(
    ctx: typer.Context,
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON array of records (see README)."
    ),
    tag: str = TAG,
    query: str = QUERY,
    sort: Sort = typer.Option(
        Sort.key, "--sort", help="Order: key, year, author (first author), added."
    ),
    limit: int = typer.Option(None, "--limit", "-n", min=0, help="At most this many."),
    reverse: bool = typer.Option(False, "--reverse", "-r", help="The other way round."),
) -> None:
    """List the records in the library, by key (or --sort), or those under --tag or
    matching --query.

    On a terminal, a table as wide as the terminal. Piped, one record per line with
    five tab-separated fields: key, year, first author, title and DOI (empty when
    unknown), for grep, cut and awk.
    """
    from coprodcite.services.selection import listing, records_in_order

    library = state(ctx).library()
    chosen = selection(tag, query)
    listed = listing(library, chosen, sort=sort.value, limit=limit, reverse=reverse)
    if as_json:
        print_json([r.to_json() for r in records_in_order(library, [r.key for r in listed])])
        return
    if not listed:
        if chosen:
            warn(f"no works {chosen.describe()}")
        else:
            warn("the library is empty; add works with `coprodcite add DOI`")
        return
    if not stdout_is_terminal():
        echo("\n".join(tsv_line([r.key, r.year, r.first_author, r.title, r.doi]) for r in listed))
        return
    rows = [
        [
            r.key,
            str(r.year or ""),
            r.first_author + (" et al." if r.more_authors else ""),
            r.title,
            r.doi or "",
        ]
        for r in listed
    ]
    print_table(_LIST_COLUMNS, rows)


_LIST_COLUMNS = (
    Column("key", cap=32),
    Column("year", cap=4),
    Column("author", cap=24, drop_order=1),
    Column("title", minimum=30),
    Column("DOI", cap=40, drop_order=0, shrink=False),  # left out before cut to make room
)


def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="KEY|DOI"),
    fmt: ShowFormat = typer.Option(ShowFormat.json, "--format", "-F", help="Output format."),
) -> None:
    """Show one record: coprodcite JSON (with the raw source), CSL-JSON or BibTeX."""
    from coprodcite import services

    text = services.show_record(state(ctx).library(), ref, fmt.value)
    echo(text, is_json=fmt is not ShowFormat.bibtex)


def remove(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(..., metavar="KEY|DOI..."),
) -> None:
    """Remove records from the library."""
    from coprodcite import services

    library = state(ctx).library()
    for ref in refs:
        echo(f"removed: {services.remove(library, ref).key}")


def register(app: typer.Typer) -> None:
    app.command(help=_ADD_HELP)(add)
    app.command("list")(list_records)
    app.command()(show)
    app.command()(remove)
