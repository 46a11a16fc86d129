"""The ``coprodcite`` command line: a thin Typer app over :mod:`coprodcite.services`.

Errors are mapped to one stderr line and an exit code in one place,
:class:`_ErrorHandlingGroup`; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any, NoReturn, TextIO

import typer
from typer._click.exceptions import NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from coprodcite import __version__
from coprodcite.cli import (
    check,
    contributors,
    exports,
    history,
    interchange,
    library_copy,
    manuscript,
    match,
    people,
    records,
    rendering,
    styles,
    tags,
)
from coprodcite.cli.common import State, echo, warn
from coprodcite.errors import CoprodciteError, ExitCode, MissingKeys


class _ErrorHandlingGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _reflow(self)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # the root's own options: `coprodcite --library` without a path
            return super().make_context(*args, **kwargs)
        except NoArgsIsHelpError:  # `coprodcite`: the help
            raise
        except ClickUsageError as exc:
            _usage_error(exc)

    def invoke(self, ctx: Any) -> Any:  # typer.Context; the base class types it privately
        with warnings.catch_warnings():  # render warnings and the like: one line each
            warnings.showwarning = _show_warning
            return self._invoke(ctx)

    def _invoke(self, ctx: Any) -> Any:
        try:
            return self._invoke_and_keep(ctx)
        except NoArgsIsHelpError:  # `coprodcite people`: its help
            raise
        except ClickUsageError as exc:  # one line, like every other error
            if _debug(ctx):
                raise
            _usage_error(exc)
        except (typer.TyperException, typer.Exit, typer.Abort):  # exits, --help
            raise
        except BrokenPipeError:  # `coprodcite list | head`: click exits quietly
            raise
        except CoprodciteError as exc:
            if _debug(ctx):
                raise
            for line in exc.missing if isinstance(exc, MissingKeys) else []:
                warn(line)  # each key a document cites that the library lacks
            warn(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            if _debug(ctx):
                raise
            warn("interrupted; the library keeps what was saved")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as exc:  # a bug: say so in one line, traceback with --debug
            if _debug(ctx):
                raise
            warn(f"internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it")
            raise typer.Exit(ExitCode.FAILURE) from None

    def _invoke_and_keep(self, ctx: Any) -> Any:
        """The command, then the kept exports brought in step if it changed the
        library (also when it failed after saving some of its work)."""
        try:
            return super().invoke(ctx)
        finally:
            if isinstance(ctx.obj, State):
                _keep_exports_in_step(ctx.obj)


def _keep_exports_in_step(st: State) -> None:
    library = st.changed_library()
    if library is None:
        return
    from coprodcite.services.kept import refresh

    assert st.settings is not None
    try:
        done = refresh(library, extra_roles=st.settings.extra_roles)
    except CoprodciteError as exc:
        warn(f"warning: kept exports not brought in step: {exc}")
        return
    for one in done:
        if one.status == "written":
            warn(f"kept export {one.path} written again")
        elif one.status == "failed":
            warn(f"warning: kept export {one.path} not written: {one.error}")


def _usage_error(exc: ClickUsageError) -> NoReturn:
    """A usage error as one line, ``coprodcite: error: ...; see `... --help```, exit 2."""
    where = exc.ctx.command_path if exc.ctx else "coprodcite"
    message = exc.format_message().rstrip(".")
    warn(f"error: {message[:1].lower()}{message[1:]}; see `{where} --help`")
    raise typer.Exit(ExitCode.USAGE)


def _reflow(command: Any) -> None:
    """Help texts (docstrings included) as paragraphs without hard line breaks, so the
    help fills any terminal's width instead of breaking where the source did."""
    if command.help:
        command.help = reflow(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow(sub)


def reflow(text: str) -> str:
    """``text`` with the lines of each paragraph joined (a paragraph starting with
    ``\\b`` keeps its lines, as in Click)."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines())
        for p in paragraphs
    )


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning as ``coprodcite: warning: ...``, without Python's file, line and source."""
    warn(f"warning: {message}")


def _debug(ctx: typer.Context) -> bool:
    return isinstance(ctx.obj, State) and ctx.obj.debug


app = typer.Typer(
    cls=_ErrorHandlingGroup,
    help="Citation and metadata manager that credits every contributor.\n\n"
    "Add works by DOI, keep them in a local library and format them in any CSL style.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        echo(f"coprodcite {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    library: str = typer.Option(
        None,
        "--library",
        "-L",
        metavar="PATH|URL",
        help="Library file, or PostgreSQL URL (postgresql://user@host/db), to use"
        " (default: $COPRODCITE_LIBRARY, else a file in the user data folder).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    from coprodcite.config import load_settings

    ctx.obj = State(debug=debug)  # set first, so that --debug covers a bad config too
    settings = load_settings()
    if library is not None:
        from dataclasses import replace

        from coprodcite.config import library_location

        settings = replace(settings, library=library_location(library))
    ctx.obj.settings = settings


records.register(app)
match.register(app)
check.register(app)
rendering.register(app)
manuscript.register(app)
people.register(app)
contributors.register(app)
interchange.register(app)
exports.register(app)
styles.register(app)
tags.register(app)
history.register(app)
library_copy.register(app)


def main() -> None:
    app(prog_name="coprodcite")


if __name__ == "__main__":  # pragma: no cover
    main()
