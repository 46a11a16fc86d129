"""The match command: references written as free text -> their records."""

from __future__ import annotations

import sys
from typing import Any

import typer

from coprodcite.cli.common import (
    clean,
    echo,
    echo_renderable,
    input_limit,
    print_json,
    progress,
    state,
    warn,
)
from coprodcite.errors import ExitCode, InvalidInput, UsageError

_HELP = (
    "Find the record of each reference in a reference list written as free text.\n\n"
    "Give .txt, .md or .docx files (one reference per line or paragraph; numbering and "
    "bullets are ignored, a reference broken over two lines is joined again), or - for "
    "standard input. A DOI, ISBN, arXiv id or PubMed id written in a reference is checked "
    "against its text (one that belongs to another work is reported, not trusted); other "
    "references are looked up in Crossref (and DataCite, for data, software and reports) "
    "and every candidate is checked against the text: year, names, title, volume, issue "
    "and pages.\n\n"
    "Each reference is matched (strong evidence), uncertain (a close call: its candidates "
    "are listed for you to choose) or unmatched. --add adds the matched works to the "
    "library; uncertain ones are listed with their candidates' DOIs, for `coprodcite add`.\n\n"
    "Exit status: 0 when every reference matched; 1 when some are uncertain or unmatched; "
    "5 (or 6) when a registry stopped answering (the references done are shown)."
)
_COLOURS = {"matched": "green", "uncertain": "yellow", "unmatched": "red"}


def _read_references(ctx: typer.Context, files: list[str]) -> list[str]:
    from coprodcite.services.manuscripts import read_references, read_stdin_bytes

    limit = input_limit(ctx)
    found: list[str] = []
    for name in files:
        if name != "-":
            found.extend(read_references(name, limit=limit))
        elif sys.stdin.isatty():
            raise InvalidInput(
                "standard input is a terminal", hint="pipe the references in, or give a file"
            )
        else:
            data = read_stdin_bytes(sys.stdin.buffer, limit=limit)
            found.extend(read_references("-", data, limit=limit))
    return found


def match(
    ctx: typer.Context,
    files: list[str] = typer.Argument(None, metavar="FILE|-...", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON report (see README)."),
    add: bool = typer.Option(False, "--add", help="Add the matched works to the library."),
    tag: str = typer.Option(
        None,
        "--tag",
        metavar="TAG",
        help="With --add: put the matched works (added or already there) under TAG.",
    ),
    min_confidence: float = typer.Option(
        0.9,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Confidence (0-1) from which a reference counts as matched.",
    ),
) -> None:
    from coprodcite.services.match import match_references

    st = state(ctx)
    assert st.settings is not None
    if not files:
        raise UsageError("no references given", hint="give FILE... or - for standard input")
    if tag is not None and not add:
        raise UsageError("--tag needs --add", hint="match FILE --add --tag TAG")
    texts = _read_references(ctx, files)
    library = st.library(create=True) if add else None
    with progress() as report_progress:
        done = 0

        def on_result(_: Any) -> None:
            nonlocal done
            done += 1
            report_progress("matching", done, len(texts))

        if len(texts) > 1:
            report_progress("matching", 0, len(texts))
        report = match_references(
            texts,
            st.settings,
            library=library,
            min_confidence=min_confidence,
            on_result=on_result if len(texts) > 1 else None,
            on_notice=warn,
        )
    if tag is not None and library is not None:
        from coprodcite.services.selection import tag as tag_works

        kept = [r.key for r in report.results if r.key and r.added in ("added", "exists")]
        tagged = tag_works(library, kept, tag) if kept else []
        if not as_json:
            warn(f"{len(tagged)} tagged {tag!r} ({len(kept) - len(tagged)} had it)")
    if as_json:
        print_json(report.to_json())
    else:
        _print_report(report)
    if report.stopped is not None:
        done = len(report.results)
        warn(
            f"error: {report.stopped}; stopped after {done} of {report.total} references "
            "(those done are shown above); run it again for the rest"
        )
    if report.exit_code != ExitCode.OK:
        raise typer.Exit(report.exit_code)


def _print_report(report: Any) -> None:
    if sys.stdout.isatty():
        _print_table(report)
    else:
        for r in report.results:
            cells = [r.status, f"{r.confidence:.3f}", r.doi or "", r.reference, r.title]
            echo("\t".join(c.replace("\t", " ") for c in cells))
    for r in report.results:
        if r.status == "uncertain" and r.candidates:
            choices = ", ".join(f"{c.doi} ({c.confidence:.2f})" for c in r.candidates[:3] if c.doi)
            warn(f"uncertain: {clean(r.reference[:60])}...: candidates {choices}")
        if r.added and r.added.startswith("failed"):
            warn(f"not added: {clean(r.reference[:60])}...: {r.added[len('failed: ') :]}")
    counts = report.counts()
    warn(", ".join(f"{n} {name}" for name, n in counts.items() if n) or "nothing matched")
    if any(r.status == "uncertain" for r in report.results):
        warn("add the right one of an uncertain reference's candidates with `coprodcite add DOI`")


def _print_table(report: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", expand=True)  # data as Text: no markup
    table.add_column("status", no_wrap=True)
    table.add_column("conf.", no_wrap=True, justify="right")
    table.add_column("reference", ratio=3, overflow="fold")
    table.add_column("matched record", ratio=2, overflow="fold")
    for r in report.results:
        colour = _COLOURS[r.status]
        match = Text(clean(r.title or (r.candidates[0].title + " ?" if r.candidates else "")))
        if r.key:
            match.append(f" [{r.key}]", style="bold")
        if r.status != "matched":
            match.stylize("dim")
            match.append(("\n" if match.plain else "") + clean(r.why), style="italic")
        table.add_row(
            Text(r.status, style=colour),
            Text(f"{r.confidence:.3f}", style=colour),
            Text(clean(r.reference)),
            match,
        )
    echo_renderable(table)


def register(app: typer.Typer) -> None:
    app.command(help=_HELP)(match)
