"""Shared state and output helpers of the commands."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from coprodcite.config import Settings
    from coprodcite.library import Library


@dataclass
class State:
    debug: bool = False
    settings: Settings | None = None
    _library: Library | None = field(default=None, repr=False)

    def library(self, *, create: bool = False) -> Library:
        """The library; only commands that add records pass ``create`` (the others
        fail naming a missing file rather than leave an empty library behind)."""
        if self._library is None:
            from coprodcite.library import open_library

            assert self.settings is not None
            self._library = open_library(
                self.settings.library,
                key_pattern=self.settings.key_pattern,
                create=create,
                lock_timeout=self.settings.lock_timeout,
            )
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


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def warn(message: str) -> None:
    typer.echo(f"coprodcite: {message}", err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
