"""The format command: a pandoc Markdown manuscript with its citations rendered."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from coprodcite.cli.common import counted, echo, state, stdout_is_terminal, warn, write_binary
from coprodcite.cli.rendering import ENGINE, FULL_CREDIT, LOCALE, NO_CACHE, STYLE, Engine
from coprodcite.errors import UsageError

_HELP = (
    "Format a Markdown manuscript: its citations and bibliography, from the library.\n\n"
    "PAPER.md uses pandoc's citation syntax: [@key], [@key, p. 4], [see @a, chap. 2; @b], "
    "@key or @key [p. 4] in the text, [-@key] without the author, @{10.1000/x} for keys "
    "with other characters. Citations in code, URLs and e-mail addresses are not "
    "citations. They are rendered as one document: numbers, ibid and subsequent forms, "
    "disambiguation and collapsing over the whole paper; in a note style each citation "
    "in the text becomes a footnote. The bibliography goes in a `::: {#refs}` div, else "
    "under a closing References (or Bibliography) heading, else at the end under a new "
    "one. YAML front matter is read: csl: (a style name or .csl file), lang:, nocite: "
    "(@* for the whole library), reference-section-title:, suppress-bibliography:; "
    "--style and --locale win over it.\n\n"
    "Every key the library lacks is named on a line of its own, the exit status is 4 and "
    "nothing is written. With -o the file is written atomically."
)


class Target(str, Enum):
    md = "md"
    html = "html"
    docx = "docx"
    txt = "txt"
    latex = "latex"


def format_command(
    ctx: typer.Context,
    paper: str = typer.Argument(..., metavar="PAPER.md|-"),
    to: Target = typer.Option(Target.md, "--to", "-t", help="What to write."),
    output: Path = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically)."
    ),
    style: str = STYLE,
    locale: str = LOCALE,
    full_credit: bool = FULL_CREDIT,
    no_cache: bool = NO_CACHE,
    engine: Engine = ENGINE,
) -> None:
    from coprodcite.services.interchange import write_document
    from coprodcite.services.manuscript import Rendering, format_paper

    st = state(ctx)
    assert st.settings is not None
    if to is Target.docx and output is None and stdout_is_terminal():
        raise UsageError("a Word file is not for a terminal", hint="give -o FILE.docx")
    how = Rendering(
        style=style or st.settings.style,
        locale=locale,
        engine=engine.value if engine else st.settings.engine,
        styles_dir=st.settings.styles_dir,
        full_credit=full_credit,
        use_cache=not no_cache,
    )
    data = sys.stdin.buffer.read() if paper == "-" else None
    library = st.library()
    result = format_paper(
        library, "<stdin>" if data is not None else paper, to.value, how,
        data=data, style_given=bool(style), locale_given=bool(locale),
    )  # fmt: skip
    if output is not None:
        write_document(library, output, result.output)
        warn(
            f"wrote {output} ({to.value}): {counted(result.citations, 'citation')} of "
            f"{counted(result.works, 'work')}"
        )
    elif isinstance(result.output, bytes):
        write_binary(result.output)
    else:
        echo(result.output, nl=False)


def register(app: typer.Typer) -> None:
    app.command("format", help=_HELP)(format_command)
