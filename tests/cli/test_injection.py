"""Injection payloads through every output format (issue 17 item 5 and the fault
suite): data never reaches a terminal as control sequences, never becomes rich
markup, and every writer keeps data apart from its own markup."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from tests.cli.terminal import base_env, run_on_terminal

runner = CliRunner()

TITLE = (
    "Evil\x1b]0;pwned\x07 \x1b[2J\x1b[31mred\x1b[0m \x9b31m \x07bell\x7f "
    "[link=https://evil.invalid]click[/link] [bold red]loud[/] "
    "\\input{/etc/passwd} }{\\field{\\*\\fldinst HYPERLINK evil}} [x](javascript:alert(1))"
)
ITEM = {
    "id": "evil2024",
    "type": "book",
    "title": TITLE,
    "author": [{"family": "Evil\x1b[2JDoer", "given": "[bold]Eve[/bold]"}],
    "publisher": "<script>alert(1)</script> Press\x1b]8;;https://evil.invalid\x07",
    "issued": {"date-parts": [[2024]]},
    "DOI": "10.5555/evil.1",
}
# What a terminal would act on: C0 controls but tab and newline, DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

FORMATS = ["text", "html", "markdown", "rtf", "latex"]
EXPORTS = ["bibtex", "biblatex", "ris", "csl-json", "csl-yaml", "json"]
COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["show", "evil2024"],
    ["show", "evil2024", "--format", "csl-json"],
    ["show", "evil2024", "--format", "bibtex"],
    *(["bib", "--format", f] for f in FORMATS),
    *(["cite", "evil2024", "--format", f] for f in FORMATS),
    *(["export", "--format", f] for f in EXPORTS),
    ["credits", "evil2024"],
    ["credits", "evil2024", "--format", "markdown"],
    ["credits", "evil2024", "--json"],
    ["people", "list"],
    ["people", "list", "--json"],
    ["contributors", "evil2024", "list"],
    ["contributors", "evil2024", "list", "--json"],
    ["show", "nokey\x1b]0;pwned\x07\x1b[2J"],  # an error message naming the input
    ["bib", "--style", "apa\x1b[2J"],
]


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def evil(tmp_path):
    file = tmp_path / "evil.json"
    file.write_text(json.dumps([ITEM]), encoding="utf-8")
    result = run("add", "--record", str(file))
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.output)
    return file


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_output_carries_terminal_control(evil, args):
    result = run(*args)
    assert not CONTROL.search(result.stdout), repr(CONTROL.findall(result.stdout))
    assert not CONTROL.search(result.stderr), repr(CONTROL.findall(result.stderr))
    out = result.stdout
    fmt = args[args.index("--format") + 1] if "--format" in args else None
    if fmt == "html":
        assert "<script" not in out
        assert "&lt;script&gt;" in out or args[0] == "cite"  # a citation shows no publisher
    if fmt in ("latex", "bibtex", "biblatex"):
        assert "\\input{" not in out  # \textbackslash{}input\{ at most
    if fmt == "rtf":
        assert "{\\field" not in out and out.startswith("{\\rtf1")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["show", "evil2024"],
        ["show", "evil2024", "--format", "csl-json"],
        ["export", "--format", "csl-json"],
        ["export", "--format", "json"],
    ],
    ids=" ".join,
)
def test_json_keeps_the_data_whole_escaped(evil, args):
    result = run(*args)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    item = data[0] if isinstance(data, list) else data
    title = item.get("title") or item["fields"]["title"]
    assert "\x1b]0;pwned\x07" in title and "\x9b31m" in title and "\x7f" in title
    assert "\\u009b" in result.stdout and "\\u007f" in result.stdout


@pytest.mark.parametrize("args", [["list"], ["bib"], ["show", "evil2024", "--format", "bibtex"]])
def test_a_terminal_shows_the_payload_as_text(evil, tmp_path, args):
    env = base_env(tmp_path)
    env["COPRODCITE_LIBRARY"] = str(tmp_path / "library.sqlite")  # the one `evil` filled
    run_ = run_on_terminal(*args, env=env, columns=250)
    assert run_.returncode == 0, run_.text
    for sequence in ("\x1b]0;", "\x1b[2J", "\x1b]8;", "\x1b[31m", "\x9b", "\x07"):
        assert sequence not in run_.text
    screen = "\n".join(run_.screen())
    assert "[link=https://evil.invalid]click[/link]" in screen  # rich markup left as written
    assert "[bold red]loud[/]" in screen


def test_the_commands_print_only_through_the_cleaning_helpers():
    """cli.common.echo/warn/print_json (and the table's bold header) are the only ways
    out, so every command's output is cleaned the same way."""
    import ast
    from pathlib import Path

    import coprodcite.cli

    folder = Path(coprodcite.cli.__file__).parent
    direct = []
    for path in sorted(folder.glob("*.py")):
        if path.name in ("common.py", "table.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in (
                    "print",
                    "typer.echo",
                    "click.echo",
                    "sys.stdout.write",
                    "sys.stderr.write",
                ) or name.endswith((".print", "console.print")):
                    direct.append(f"{path.name}:{node.lineno}: {name}")
    assert direct == []


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("plain text\twith tab\nand newline", "plain text\twith tab\nand newline"),
        ("set title \x1b]0;pwned\x07 here", "set title  here"),
        ("st-ended \x1b]8;;https://x.invalid\x1b\\link", "st-ended link"),
        ("clear \x1b[2J\x1b[H screen", "clear  screen"),
        ("colour \x1b[38;5;197mred\x1b[0m", "colour red"),
        ("lone escape \x1b at the end \x1b", "lone escape  at the end "),
        ("C1 \x9b31m and DEL \x7f", "C1 31m and DEL "),
        ("carriage\rreturn and bell\x07", "carriagereturn and bell"),
    ],
)
def test_clean_leaves_no_terminal_control(value, cleaned):
    from coprodcite.cli.common import clean, safe_json

    assert clean(value) == cleaned
    assert not CONTROL.search(clean(value))
    text = safe_json(json.dumps({"v": value}, ensure_ascii=False))
    assert not CONTROL.search(text)
    assert json.loads(text) == {"v": value}
