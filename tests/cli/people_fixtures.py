"""Invented records and helpers shared by the people, contributors and privacy tests."""

import json
from pathlib import Path

from typer.testing import CliRunner

from coprodcite.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"
BOOK = FIXTURES / "quill2024invented.csl.json"  # 21 invented authors, Ada Quill with an ORCID
ARTICLE = FIXTURES / "wren2025second.csl.json"  # T. Wren, then A. Quill with the same ORCID
ORCID = "https://orcid.org/0000-0002-1825-0097"

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def ok(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def ok_json(*args):
    return json.loads(ok(*args, "--json").stdout)


def fill():
    ok("add", "--record", BOOK, "--record", ARTICLE)
    people = ok_json("people", "list")
    by_name = {p["name"]: p["id"] for p in people}
    return by_name
