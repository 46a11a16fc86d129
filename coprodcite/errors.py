"""The one exception tree of coprodcite.

Every error a user can meet is a :class:`CoprodciteError`. Each class carries the
process exit code the command line uses for it, so exit codes are a contract that
lives in one place (see ``tests/test_errors.py`` and the README's table).
"""

from __future__ import annotations


class ExitCode:
    """Exit codes of the ``coprodcite`` command; stable for scripts."""

    OK = 0
    FAILURE = 1  # generic failure, or a batch where some items failed
    USAGE = 2  # bad command-line usage (also Typer/Click's own code)
    INVALID_INPUT = 3  # an identifier, style, file or value that cannot be used
    NOT_FOUND = 4  # the DOI, key or style does not exist
    SOURCE_UNAVAILABLE = 5  # a metadata service failed, timed out or sent garbage
    RATE_LIMITED = 6  # a service kept refusing with 429 after every retry
    STORAGE = 7  # the library could not be read or written
    PROBLEMS = 8  # `check` found problems at or above --fail-on (the report says which)
    INTERRUPTED = 130  # Ctrl-C


class CoprodciteError(Exception):
    """Base class. ``str(error)`` is the one line shown to the user."""

    exit_code = ExitCode.FAILURE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(CoprodciteError):
    """The command line lacks something it needs, or asks for two things that exclude
    each other (exit 2, as for any usage error)."""

    exit_code = ExitCode.USAGE


class InvalidInput(CoprodciteError):
    exit_code = ExitCode.INVALID_INPUT


class InvalidIdentifier(InvalidInput):
    """Text that is not a DOI (or other identifier) in any form we accept."""


class FormatError(InvalidInput):
    """A file or response body that cannot be parsed."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.file = file
        self.line = line


class StyleError(InvalidInput):
    """A CSL style that is unknown or cannot be parsed."""


class NotFound(CoprodciteError):
    exit_code = ExitCode.NOT_FOUND


class MissingKeys(NotFound):
    """Keys a document cites that the library does not hold; ``missing`` names each
    (with where it is cited), for one line each."""

    def __init__(self, message: str, missing: list[str], *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.missing = missing


class SourceUnavailable(CoprodciteError):
    """A metadata service could not be reached or answered with an error."""

    exit_code = ExitCode.SOURCE_UNAVAILABLE


class RateLimited(SourceUnavailable):
    exit_code = ExitCode.RATE_LIMITED


class StorageError(CoprodciteError):
    exit_code = ExitCode.STORAGE


class StaleRecord(StorageError):
    """An update based on a version of a record that another client has changed (or
    removed) since it was read: refused, never written over the other change."""
