"""Exit codes are a contract for scripts (README, "For scripts")."""

import pytest

from coprodcite import errors
from coprodcite.errors import ExitCode

CONTRACT = [
    (errors.CoprodciteError, 1),
    (errors.UsageError, 2),
    (errors.InvalidInput, 3),
    (errors.InvalidIdentifier, 3),
    (errors.FormatError, 3),
    (errors.StyleError, 3),
    (errors.NotFound, 4),
    (errors.SourceUnavailable, 5),
    (errors.RateLimited, 6),
    (errors.StorageError, 7),
    (errors.StaleRecord, 7),
]


@pytest.mark.parametrize(("cls", "code"), CONTRACT)
def test_exit_codes(cls, code):
    assert cls.exit_code == code
    assert issubclass(cls, errors.CoprodciteError)


def test_exit_codes_are_distinct_per_kind():
    codes = [
        ExitCode.OK,
        ExitCode.FAILURE,
        ExitCode.USAGE,
        ExitCode.INVALID_INPUT,
        ExitCode.NOT_FOUND,
        ExitCode.SOURCE_UNAVAILABLE,
        ExitCode.RATE_LIMITED,
        ExitCode.STORAGE,
        ExitCode.PROBLEMS,
        ExitCode.INTERRUPTED,
    ]
    assert len(set(codes)) == len(codes)


def test_message_is_one_line_with_hint():
    error = errors.NotFound("no record 'x'", hint="see `coprodcite list`")
    assert str(error) == "no record 'x'; see `coprodcite list`"


def test_format_error_names_file_and_line():
    error = errors.FormatError("unbalanced braces", file="refs.bib", line=12)
    assert str(error) == "refs.bib:12: unbalanced braces"
    assert (error.file, error.line) == ("refs.bib", 12)
