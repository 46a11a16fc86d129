"""A library of five invented works (tests/fixtures/manuscripts/works.json) and
manuscripts written to a temporary folder, for the format, cite --in, export
--cited-in and pandoc filter tests (fixtures: tests/cli/conftest.py)."""

from pathlib import Path

from typer.testing import CliRunner

from coprodcite.cli import app

WORKS = Path(__file__).resolve().parents[1] / "fixtures" / "manuscripts" / "works.json"
KEYS = ["council2020", "quill2004", "quill2004b", "tarn1999", "uncited2010"]
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def import_works() -> list[str]:
    result = run("import", WORKS)
    assert result.exit_code == 0, result.output
    return list(KEYS)
