"""How the commands present themselves: help texts, usage lines, usage errors and
the wording of counts (issue 15 item 16)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from coprodcite.cli import app, reflow
from coprodcite.errors import ExitCode
from tests.cli.terminal import base_env, run_on_terminal

runner = CliRunner()


def run(*args: str, **env: str):
    return runner.invoke(app, list(args), env=env or None, prog_name="coprodcite")


def commands(command=None, path=("coprodcite",)):
    """Every command and group of the app, with its path."""
    command = command or typer.main.get_command(app)
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One line.", "One line."),
        ("Two lines\n    of one paragraph.", "Two lines of one paragraph."),
        ("First.\n\n    Second\n    paragraph.", "First.\n\nSecond paragraph."),
        ("Kept:\n\n\b\nline one\nline two", "Kept:\n\n\b\nline one\nline two"),
    ],
)
def test_reflow_joins_the_lines_of_each_paragraph(text, expected):
    assert reflow(text) == expected


def test_no_help_text_breaks_a_paragraph_where_the_source_did():
    for path, command in commands():
        for paragraph in (command.help or "").split("\n\n"):
            assert "\n" not in paragraph, f"{' '.join(path)}: {paragraph!r}"


def test_help_fills_the_terminal_width():
    result = run("styles", "search", "--help", COLUMNS="110")
    assert result.exit_code == 0
    assert "then prefixes, whole words and parts of words" in result.stdout


def test_usage_lines_show_arguments_that_take_many():
    taking_many = []
    for path, command in commands():
        for param in command.params:
            if isinstance(param, typer.core.TyperArgument) and param.nargs == -1:
                taking_many.append(" ".join(path))
                assert param.metavar, " ".join(path)
                assert param.metavar.endswith(("...", "... TAG")), " ".join(path)
    assert "coprodcite remove" in taking_many and "coprodcite bib" in taking_many
    usage = run("remove", "--help", COLUMNS="100").stdout
    assert "Usage: coprodcite remove [OPTIONS] {KEY|DOI...}" in usage


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["remove"], "missing argument 'KEY|DOI...'; see `coprodcite remove --help`"),
        (["cite"], "no key given; give KEY..., --tag or --query"),
        (["show"], "missing argument 'KEY|DOI'; see `coprodcite show --help`"),
        (["import"], "missing argument 'FILE|-...'; see `coprodcite import --help`"),
        (["add"], "no DOI given; give DOIs, - for standard input, --from-file or --record"),
        (["people", "note", "1"], "give the notes' TEXT or --clear"),
        (["people", "role", "1"], "give one of --add ROLE or --remove ROLE"),
        (["people", "rename", "1"], "give the name once: NAME, --literal, or --given/--family"),
        (["people", "merge", "1"], "give at least two people to merge"),
        (["contributors", "k", "add"], "give the name once: NAME, --literal, or --given/--family"),
        (["styles", "export"], "missing argument 'NAME'; see `coprodcite styles export --help`"),
        (["bib", "--format", "docx"], "invalid value for '--format' / '-F': 'docx' is not one"),
        (["nosuch"], "no such command 'nosuch'; see `coprodcite --help`"),
        # the root's own options (the README: errors are one line on stderr)
        (["--bogus", "list"], "no such option: --bogus; see `coprodcite --help`"),
        (["--library"], "option '--library' requires an argument; see `coprodcite --help`"),
    ],
)
def test_a_missing_argument_is_a_usage_error_whatever_the_command(args, message):
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.startswith(f"coprodcite: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_a_group_without_a_command_shows_its_help():
    result = run("people")
    assert result.exit_code == ExitCode.USAGE
    assert "Usage: coprodcite people" in result.output


def test_counts_take_the_number_they_need(tmp_path):
    one = tmp_path / "one.bib"
    one.write_text("@article{quill2024, title = {An invented study}, year = {2024}}\n")
    result = run("import", str(one))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"coprodcite: {one} (bibtex): 1 entry: 1 imported, 0 merged, 0 skipped, 0 failed",
        "coprodcite: 1 entry, 1 imported, 0 merged, 0 skipped, 0 failed",
    ]
    exported = run("export", "--format", "ris", "-o", str(tmp_path / "out.ris"))
    assert exported.stderr == f"coprodcite: exported 1 record to {tmp_path / 'out.ris'} (ris)\n"


ACCENTED = [
    {
        "id": "zed2024accents",
        "type": "article-journal",
        "title": "Invented names with accents",
        "author": [
            {"family": "Zed", "given": "Zoe"},
            {"family": "Élan", "given": "Émile"},
            {"family": "Adams", "given": "Ann"},
            {"family": "Eliot", "given": "Eve"},
        ],
        "issued": {"date-parts": [[2024]]},
    }
]


@pytest.fixture
def accented(tmp_path):
    file = tmp_path / "accents.json"
    file.write_text(json.dumps(ACCENTED), encoding="utf-8")
    return file


def test_people_list_sorts_accented_names_among_the_others(accented):
    assert run("add", "--record", str(accented)).exit_code == 0
    result = run("people", "list")
    assert result.exit_code == 0
    names = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert names == ["Ann Adams", "Émile Élan", "Eve Eliot", "Zoe Zed"]
    assert all(line.count("\t") == 3 for line in result.stdout.splitlines())


def test_people_list_on_a_terminal_has_a_header(tmp_path, accented):
    env = base_env(tmp_path)
    added = run_on_terminal("add", "--record", str(accented), env=env)
    assert added.returncode == 0
    screen = run_on_terminal("people", "list", env=env, columns=100).screen()
    assert screen[0].split() == ["id", "name", "ORCID", "works"]
    assert [line.split("  ")[1].strip() for line in screen[1:]] == [
        "Ann Adams",
        "Émile Élan",
        "Eve Eliot",
        "Zoe Zed",
    ]
