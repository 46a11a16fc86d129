"""The check command: an editor's check of a submitted manuscript's references."""

from __future__ import annotations

import sys
from pathlib import Path
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
from coprodcite.errors import ExitCode, UsageError

_HELP = (
    "Check a manuscript's references: find each entry's record, and report retracted, "
    "withdrawn or corrected works, DOIs that are wrong or not registered, duplicate "
    "entries, citations without an entry and entries never cited, and years, volumes, "
    "pages, authors or titles that disagree with the registry.\n\n"
    "MANUSCRIPT is a .docx (body, tables, footnotes and endnotes), .md, .txt or .tex "
    "(thebibliography) file. The reference list is found by its heading (References, "
    "Bibliography, Literaturverzeichnis...); a file that is only a list is checked as a "
    "list. Citations may be author-date ('(Smith & Jones, 2020)', 'Smith (2020a)') or "
    "numbered ('[1-3]', superscripts in Word).\n\n"
    "Problem codes (error unless marked): retracted, withdrawn, doi-mismatch, "
    "doi-not-found, duplicate, unresolved-citation; warnings: corrected, "
    "expression-of-concern, metadata-mismatch, uncited, unmatched; info: missing-doi.\n\n"
    "--style S -o FILE writes the reference list in style S, one entry per work, in the "
    "style's order, as the extension says (.docx, .md, .html, .rtf, .tex, .txt); an entry "
    "not identified is kept as written and marked; for a numbered style the renumbering "
    "of the text's citations is printed (the manuscript is never changed).\n\n"
    "Exit status: 0 when nothing at or above --fail-on was found; 8 when something was; "
    "3 for a manuscript that cannot be read; 5 (or 6) when a registry stopped answering."
)
_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def check(
    ctx: typer.Context,
    manuscript: Path = typer.Argument(..., metavar="MANUSCRIPT", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    output_format: str = typer.Option(
        "text", "--format", metavar="text|json|html", help="Report as a table, JSON or a web page."
    ),
    fail_on: str = typer.Option(
        "error",
        "--fail-on",
        metavar="error|warning|never",
        help="Exit 8 when a problem of this severity or above is found.",
    ),
    add: bool = typer.Option(
        False, "--add", help="Add the matched works to the library, tagged with the file's name."
    ),
    style: str = typer.Option(
        None, "--style", "-s", metavar="STYLE", help="With -o: write the list in this CSL style."
    ),
    out: Path = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="With --style: the formatted list (.docx, .md, .html, .rtf, .tex or .txt).",
    ),
) -> None:
    from coprodcite.services.check import FAIL_ON, check_manuscript

    st = state(ctx)
    assert st.settings is not None
    output_format = "json" if as_json else output_format
    if output_format not in ("text", "json", "html"):
        raise UsageError(f"unknown --format {output_format!r}", hint="use text, json or html")
    if fail_on not in FAIL_ON:
        raise UsageError(f"unknown --fail-on {fail_on!r}", hint="use error, warning or never")
    if (style is None) != (out is None):
        raise UsageError("--style and -o go together", hint="check PAPER --style apa -o refs.docx")
    if style is not None:
        from coprodcite.services.check_output import check_target

        check_target(style, out, st.settings.styles_dir)
    library = st.library(create=True) if add else None
    with progress() as report_progress:
        done, total = 0, 0

        def on_start(count: int) -> None:
            nonlocal total
            total = count
            report_progress("checking references", 0, count)

        def on_result(_: Any) -> None:
            nonlocal done
            done += 1
            report_progress("checking references", done, total)

        report = check_manuscript(
            manuscript,
            st.settings,
            limit=input_limit(ctx),
            library=library,
            tag=manuscript.stem if add else None,
            on_start=on_start,
            on_result=on_result,
            on_notice=warn,
        )
    if output_format == "json":
        print_json(report.to_json())
    elif output_format == "html":
        from coprodcite.services.check_html import report_page

        echo(report_page(report))
    else:
        _print_report(report)
    if style is not None and report.stopped is None:
        _write_list(report, style, out, st)
    if report.stopped is not None:
        warn(f"error: {report.stopped}; the entries not checked are marked 'unchecked'")
    code = report.exit_code(fail_on)
    if code != ExitCode.OK:
        raise typer.Exit(code)


def _write_list(report: Any, style: str, out: Path, st: Any) -> None:
    from coprodcite.services.check_output import write_formatted

    protected = [Path(st.settings.library)]
    written = write_formatted(
        report, style, out, styles_dir=st.settings.styles_dir, protected=protected
    )
    warn(f"{written.entries} entries in {style} written to {out}")
    if written.renumbering:
        moves = ", ".join(f"[{old}] -> [{new}]" for old, new in written.renumbering)
        warn(f"renumber the citations in the text: {moves}")


def _print_report(report: Any) -> None:
    if sys.stdout.isatty():
        _print_table(report)
    else:
        for number, entry in enumerate(report.entries, 1):
            for p in entry.problems:
                echo(f"{number}\t{p.severity}\t{p.code}\t{clean(p.message)}\t{clean(entry.text)}")
        for citation in report.citations:
            for p in citation.problems:
                echo(f"-\t{p.severity}\t{p.code}\t{clean(p.message)}\t{clean(citation.text)}")
    summary = report.summary()
    warn(
        f"{summary['references']} references, {summary['citations']} citations: "
        f"{summary['matched']} matched; {summary['error']} errors, "
        f"{summary['warning']} warnings, {summary['info']} notes"
    )


def _print_table(report: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", expand=True)  # data as Text: no markup
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("problem", no_wrap=True)
    table.add_column("entry or citation", ratio=3, overflow="fold")
    table.add_column("what", ratio=2, overflow="fold")
    rows = [(str(n), e.text, e.problems) for n, e in enumerate(report.entries, 1)]
    rows += [("-", c.text, c.problems) for c in report.citations]
    for number, text, problems in rows:
        for p in problems:
            colour = _COLOURS[p.severity]
            table.add_row(
                Text(number),
                Text(p.code, style=colour),
                Text(clean(text)),
                Text(clean(p.message)),
            )
    echo_renderable(table)


def register(app: typer.Typer) -> None:
    app.command(help=_HELP)(check)
