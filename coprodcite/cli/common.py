"""Shared state and output helpers of the commands."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
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
