"""Shared state and output helpers of the commands.

Everything the commands print goes through :func:`echo`, :func:`warn` or
:func:`print_json`: control characters found in data (a title holding ``ESC ] 0 ;``
or ``ESC [ 2 J``) never reach the terminal, and while a progress display is live,
messages print above it instead of over it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from coprodcite.config import Settings
    from coprodcite.services import Library


@dataclass
class State:
    debug: bool = False
    settings: Settings | None = None
    _library: Library | None = field(default=None, repr=False)
    generation: int = 0  # the library's when the command opened it

    def library(self, *, create: bool = False) -> Library:
        """The library; only commands that add records pass ``create`` (the others
        fail naming a missing file rather than leave an empty library behind)."""
        if self._library is None:
            from coprodcite.services import open_library

            assert self.settings is not None
            self._library = open_library(
                self.settings.library,
                key_pattern=self.settings.key_pattern,
                create=create,
                lock_timeout=self.settings.lock_timeout,
                user=self.settings.user,
                private_store=self.settings.private_store,
            )
            self.generation = self._library.generation()
        return self._library

    def changed_library(self) -> Library | None:
        """The library, if the command opened it and changed it."""
        if self._library is None or self._library.generation() == self.generation:
            return None
        return self._library


def input_limit(ctx: typer.Context) -> int:
    """The most bytes read from one file or from standard input."""
    settings = state(ctx).settings
    assert settings is not None
    return round(settings.max_input_mb * 2**20)


def read_stdin(ctx: typer.Context) -> str:
    """Standard input as text, up to the input limit (FormatError beyond it)."""
    from coprodcite.services import read_input

    return read_input(sys.stdin.buffer, limit=input_limit(ctx))


def read_input_file(ctx: typer.Context, path: Path) -> str:
    """A regular file's text, up to the input limit; anything else is refused."""
    from coprodcite.services import read_input

    return read_input(path, limit=input_limit(ctx))


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


# -- printing -------------------------------------------------------------------------

# A whole escape sequence (CSI such as ESC [ 2 J, OSC such as ESC ] 0 ; title BEL, and
# two-character ones), then any control character left: C0 but tab and newline, DEL, C1.
_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without terminal control: escape sequences and control characters
    (tab and newline stay)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def safe_json(text: str) -> str:
    """JSON text with its control characters escaped (``\\u009b``): it carries every
    value unchanged and no terminal control. (``json.dumps`` escapes C0 itself, not DEL
    or C1; JSON allows raw control characters nowhere but, escaped, in strings.)"""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: str, *, err: bool = False, nl: bool = True, is_json: bool = False) -> None:
    """Print ``text`` to stdout, or stderr with ``err``, without terminal control:
    removed, or escaped in JSON text (``is_json``), whose values stay whole."""
    text = safe_json(text) if is_json else clean(text)
    if _live is not None and (err or sys.stdout.isatty()):
        from rich.text import Text

        _live.console.print(Text(text), soft_wrap=True, end="\n" if nl else "")
        return
    typer.echo(text, err=err, nl=nl)


def echo_renderable(renderable: Any) -> None:
    """Print a rich renderable (a table of :class:`rich.text.Text` cells whose data went
    through :func:`clean`) to stdout, with markup, highlighting and emoji off."""
    from rich.console import Console

    console = _live.console if _live is not None else None
    console = console or Console(markup=False, highlight=False, emoji=False)
    console.print(renderable)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``: ``n`` and the word in the number it takes."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def print_json(data: Any) -> None:
    echo(json.dumps(data, ensure_ascii=False, indent=2), is_json=True)


def write_binary(data: bytes) -> None:
    """A binary file (a Word document) to standard output, which is not a terminal."""
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def warn(message: str) -> None:
    echo(f"coprodcite: {message}", err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


# -- progress ---------------------------------------------------------------------------

# (what is being done, how much is done, how much in all or None) -> None
Reporter = Callable[[str, int, "int | None"], None]
_live: Any = None  # the rich Progress on screen, if any


def _ignore(what: str, done: int, total: int | None) -> None:
    return None


@contextmanager
def progress() -> Iterator[Reporter]:
    """A reporter for long work: on a terminal, a transient display on stderr that
    appears at the first report (what, done, total: None when unknown) and goes when
    the work ends; messages printed meanwhile go above it. Piped, nothing."""
    global _live
    if _live is not None or not stderr_is_terminal():
        yield _ignore
        return
    display: Any = None
    task: Any = None

    def report(what: str, done: int, total: int | None) -> None:
        nonlocal display, task
        global _live
        count = f"{done:,}/{total:,}" if total is not None else (f"{done:,}" if done else "")
        if display is None:
            display = _display()
            task = display.add_task(clean(what), total=total, completed=done, count=count)
            display.start()
            _live = display
            return
        display.update(task, description=clean(what), completed=done, total=total, count=count)

    try:
        yield report
    finally:
        if display is not None:
            display.stop()
        _live = None


def _display() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.fields[count]}", markup=False),
        TimeElapsedColumn(),
        console=Console(stderr=True, markup=False, highlight=False, emoji=False),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
