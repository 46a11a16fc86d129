"""`coprodcite styles` and the render cache options of bib/cite, as whole commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from coprodcite.render.styles import bundled_styles_dir
from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import EXAMPLES

runner = CliRunner()
STYLE_KEYS = {
    "name",
    "id",
    "title",
    "title_short",
    "dependent",
    "parent",
    "default_locale",
    "citation_format",
    "fields",
    "issn",
    "eissn",
    "origin",
    "path",
}
DEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info>
    <title>Journal of Invented Practice</title>
    <id>http://www.zotero.org/styles/journal-of-invented-practice</id>
    <link href="http://www.zotero.org/styles/the-british-journal-of-social-work"
          rel="independent-parent"/>
    <category citation-format="author-date"/>
  </info>
</style>
"""


def run(*args: str):
    return runner.invoke(app, list(args))


def test_search_finds_a_journal_by_its_title() -> None:
    result = run("styles", "search", "British Journal of Social Work", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[0] == "the-british-journal-of-social-work"


def test_search_json_is_the_documented_schema() -> None:
    result = run("styles", "search", "apa", "--json", "-n", "2")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [s["name"] for s in found][:1] == ["apa"] and len(found) == 2
    assert all(set(s) == STYLE_KEYS for s in found)


def test_search_without_matches_says_so() -> None:
    result = run("styles", "search", "qqqzzzxxx")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "no style matches 'qqqzzzxxx'" in result.stderr


def test_list_filters_by_kind_and_citation_format() -> None:
    result = run("styles", "list", "--independent", "--format-kind", "note", "--json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    names = [s["name"] for s in found]
    assert "chicago-notes-bibliography" in names and names == sorted(names)
    assert {(s["dependent"], s["citation_format"]) for s in found} == {(False, "note")}
    dependent = json.loads(run("styles", "list", "--dependent", "--json").stdout)
    assert dependent and all(s["parent"] for s in dependent)


def test_list_rejects_an_unknown_format_kind() -> None:
    result = run("styles", "list", "--format-kind", "footnotes")
    assert result.exit_code == ExitCode.USAGE


def test_show_a_dependent_style_names_its_parent() -> None:
    result = run("styles", "show", "nature-digest", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert set(shown) == STYLE_KEYS | {"parent_title", "parent_path"}
    assert (shown["parent"], shown["parent_title"]) == ("nature", "Nature")
    assert shown["parent_path"] == str(bundled_styles_dir() / "nature.csl")
    assert (shown["default_locale"], shown["citation_format"]) == ("en-GB", "numeric")
    text = run("styles", "show", "nature-digest").stdout
    assert "dependent on nature" in text and "numeric" in text


def test_show_an_unknown_style_is_one_line_with_suggestions() -> None:
    result = run("styles", "show", "apa-7th-editon-typo")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "unknown style" in result.stderr


def test_add_then_use_a_dependent_style_by_name(tmp_path: Path) -> None:
    file = tmp_path / "journal-of-invented-practice.csl"
    file.write_text(DEPENDENT, encoding="utf-8")
    added = run("styles", "add", str(file), "--json")
    assert added.exit_code == 0, added.output
    data = json.loads(added.stdout)
    assert (data["name"], data["origin"], data["replaced"], data["shadows"]) == (
        "journal-of-invented-practice",
        "user",
        False,
        None,
    )
    assert Path(data["path"]).parent == Path(os.environ["COPRODCITE_STYLES_DIR"])
    found = run("styles", "search", "invented practice", "--json")
    assert json.loads(found.stdout)[0]["origin"] == "user"
    record = EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json"
    assert run("add", "--record", str(record)).exit_code == 0
    bib = run("bib", "--style", "journal-of-invented-practice")
    assert bib.exit_code == 0, bib.output
    assert bib.stdout.startswith("Fillingham, J., Smith, J., and Sealey, C. (2023)")


def test_adding_a_bad_file_copies_nothing(tmp_path: Path) -> None:
    file = tmp_path / "broken.csl"
    file.write_text("<style><info>", encoding="utf-8")
    result = run("styles", "add", str(file))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.count("\n") == 1 and "not well-formed XML" in result.stderr
    assert not Path(os.environ["COPRODCITE_STYLES_DIR"]).exists()


def test_adding_over_a_bundled_name_warns(tmp_path: Path) -> None:
    file = tmp_path / "house.csl"
    file.write_bytes((bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes())
    result = run("styles", "add", str(file), "--name", "apa")
    assert result.exit_code == 0
    assert result.stdout.startswith("added style apa: ")
    assert "replaces" in result.stderr and "apa.csl" in result.stderr


@pytest.fixture
def filled() -> None:
    for name in ("10.1093_bjsw_bcad019.crossref.json", "sealey2022social.csl.json"):
        assert run("add", "--record", str(EXAMPLES / "records" / name)).exit_code == 0


def test_bib_and_cite_give_the_same_output_with_and_without_the_cache(filled: None) -> None:
    for command in (["bib"], ["cite", "fillingham2023reflections", "sealey2022social"]):
        fresh = run(*command, "--style", "nature-digest", "--no-cache")
        cold = run(*command, "--style", "nature-digest")
        warm = run(*command, "--style", "nature-digest")
        assert fresh.exit_code == cold.exit_code == warm.exit_code == 0
        assert fresh.stdout == cold.stdout == warm.stdout != ""


def test_installed_command_searches_styles(tmp_path: Path, style_cache_dir: Path) -> None:
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_CONFIG=str(tmp_path / "none.toml"),
        COPRODCITE_CACHE_DIR=str(style_cache_dir),
        COPRODCITE_STYLES_DIR=str(tmp_path / "styles"),
    )
    result = subprocess.run(
        [*coprodcite_command(), "styles", "search", "0045-3102", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "the-british-journal-of-social-work"
