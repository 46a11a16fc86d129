"""Commands that move records in and out as files: import, export."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from coprodcite.cli.common import (
    counted,
    echo,
    input_limit,
    print_json,
    progress,
    read_stdin,
    state,
    warn,
)
from coprodcite.cli.tags import QUERY, TAG, selection
from coprodcite.errors import ExitCode, UsageError

_IMPORT_HELP = (
    "Import .bib, RIS, CSL-JSON, CSL-YAML, MEDLINE (.nbib), EndNote (.enw, XML) files.\n\n"
    "The format is told from each file's content (else its extension) unless --format is "
    "given; - reads standard input. Each file is one transaction: its records are all "
    "saved or none. An entry that cannot be read is reported with file and line and the "
    "rest of the file is imported.\n\n"
    "A record already in the library (same DOI and titles that agree; without a DOI, the "
    "same title, year and first author) is not added twice: it is reported, and --merge "
    "fills in the fields the library lacks. Chapters sharing their book's DOI are kept "
    "apart. Keys from the file are kept when free; a taken key gets a letter. "
    "The .bib files of one command are read as one bibliography: the @string macros and "
    "crossref parents of each serve the others; a file of only @string macros is not "
    "imported itself.\n\n"
    "Exit status: 0 when every entry was read; 3 when any failed (the rest are imported)."
)
_EXPORT_HELP = (
    "Export records (all, or those named by KEY or DOI) as BibTeX, BibLaTeX, RIS, "
    "CSL-JSON, CSL-YAML or coprodcite JSON.\n\n"
    "Without -o the text goes to standard output. With -o the file is written "
    "atomically (a temporary file, then a rename): a failure never leaves half a file, "
    "and an existing file stays as it was. ORCIDs and roles CSL cannot hold are only in "
    "--format json; private roles only with --include-private."
)


class ImportFormat(str, Enum):
    bibtex = "bibtex"
    biblatex = "biblatex"
    ris = "ris"
    csl_json = "csl-json"
    csl_yaml = "csl-yaml"
    json = "json"
    medline = "medline"
    endnote = "endnote"
    endnote_xml = "endnote-xml"
    wos = "wos"


class ExportFormat(str, Enum):
    bibtex = "bibtex"
    biblatex = "biblatex"
    ris = "ris"
    csl_json = "csl-json"
    csl_yaml = "csl-yaml"
    json = "json"


def import_command(
    ctx: typer.Context,
    files: list[str] = typer.Argument(..., metavar="FILE|-...", show_default=False),
    fmt: ImportFormat = typer.Option(
        None, "--format", "-F", help="Read every file as this format (default: detect)."
    ),
    merge: bool = typer.Option(
        False, "--merge", help="Fill in fields that records already in the library lack."
    ),
    macros: list[Path] = typer.Option(
        [], "--macros", metavar="FILE", help="A .bib file of @string macros for the .bib files."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON report: summary and one item per file."
    ),
) -> None:
    from coprodcite.services.interchange import import_files

    library = state(ctx).library(create=True)
    stdin_text = read_stdin(ctx) if "-" in files else None
    with progress() as tell:
        report = import_files(
            library, files, fmt=fmt.value if fmt else None, merge=merge, macros=macros,
            stdin_text=stdin_text, on_file=None if as_json else _print_file, progress=tell,
            limit=input_limit(ctx),
        )  # fmt: skip
    if as_json:
        print_json(report.to_json())
    else:
        totals = report.totals()
        entries = counted(totals.pop("entries"), "entry", "entries")
        warn(", ".join([entries, *(f"{n} {k}" for k, n in totals.items())]))
    if report.exit_code != ExitCode.OK:
        raise typer.Exit(report.exit_code)


def _print_file(one: Any) -> None:
    for line in one.errors:
        warn(f"failed: {line}")
    for line in one.warnings:
        warn(line)
    if one.format == "bibtex-macros":
        warn(f"{one.file}: @string macros, used for the other .bib files")
        return
    counts = f"{one.imported} imported, {one.merged} merged, {one.skipped} skipped"
    kind = one.format or "not read"
    entries = counted(one.entries, "entry", "entries")
    warn(f"{one.file} ({kind}): {entries}: {counts}, {one.failed} failed")


def export_command(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(None, metavar="KEY|DOI...", show_default=False),
    fmt: ExportFormat = typer.Option(..., "--format", "-F", help="Output format."),
    output: Path = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead."
    ),
    include_private: bool = typer.Option(
        False,
        "--include-private",
        help="With --format json: include sensitive roles (lived experience, carer...). "
        "Without it they never leave the library; CRediT roles are always included.",
    ),
    tag: str = TAG,
    query: str = QUERY,
    cited_in: list[Path] = typer.Option(
        [],
        "--cited-in",
        metavar="FILE",
        help="Only the works FILE cites: a pandoc .md, a .tex, a .aux (BibTeX) or a .bcf "
        "(biblatex); give it once per file. A key the library lacks is named; exit 4.",
    ),
    keep: bool = typer.Option(
        False,
        "--keep",
        help="With -o: keep FILE in step with the library. Every later command that "
        "changes the library rewrites it (atomically, and only when its text changed); "
        "see `coprodcite exports`.",
    ),
) -> None:
    from coprodcite.services.interchange import export
    from coprodcite.services.manuscript import cited_in as keys_cited_in
    from coprodcite.services.selection import selected

    st = state(ctx)
    assert st.settings is not None
    library = st.library()
    if keep and output is None:
        raise UsageError("--keep needs -o FILE", hint="export ... -o refs.bib --keep")
    chosen = selection(tag, query)
    if cited_in:
        if refs or chosen:
            raise UsageError("give keys, --tag/--query or --cited-in, not two of them")
        keys: list[str] | None = keys_cited_in(library, cited_in)
    else:
        keys = selected(library, refs or None, chosen)
    if keep:
        from coprodcite.services.kept import keep as keep_export

        spec = {"refs": keys if refs or cited_in else None, "tag": tag, "query": query}
        done = keep_export(library, output, fmt.value, spec, include_private=include_private,
                           extra_roles=st.settings.extra_roles)  # fmt: skip
        warn(f"exported to {done.path} ({fmt.value}); kept in step with the library")
        return
    if keys == [] and chosen:
        warn(f"no works {chosen.describe()}")
    result = export(
        library,
        keys,
        fmt.value,
        output,
        include_private=include_private,
        extra_roles=st.settings.extra_roles,
        everything=keys is None,
    )
    if result.text is not None:
        echo(result.text, nl=False, is_json=result.format in ("json", "csl-json"))
    else:
        warn(f"exported {counted(result.count, 'record')} to {result.path} ({result.format})")


def register(app: typer.Typer) -> None:
    app.command("import", help=_IMPORT_HELP)(import_command)
    app.command("export", help=_EXPORT_HELP)(export_command)
