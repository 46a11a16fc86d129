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


def test_adding_again_with_force_says_replaced(tmp_path: Path) -> None:
    file = tmp_path / "house.csl"
    file.write_bytes((bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes())
    assert run("styles", "add", str(file)).stdout.startswith("added style house: ")
    again = run("styles", "add", str(file), "--force")
    assert again.exit_code == 0
    assert again.stdout.startswith("replaced style house: ")


INDEPENDENT_CALLING = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>House</title><id>http://example.org/styles/house</id></info>
  <macro name="author"><names variable="author"/></macro>
  <citation><layout><text macro="author"/><text macro="year-date"/></layout></citation>
  <bibliography><sort><key macro="sort-title"/></sort><layout><text macro="author"/></layout>
  </bibliography>
</style>
"""


def test_a_style_calling_an_undefined_macro_is_not_added(tmp_path: Path) -> None:
    file = tmp_path / "house.csl"
    file.write_text(INDEPENDENT_CALLING, encoding="utf-8")
    result = run("styles", "add", str(file))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr == (
        f"coprodcite: error: {file} calls undefined macros 'sort-title', 'year-date'; "
        "define it with <macro name=...>, or fix the name where it is called\n"
    )
    assert not Path(os.environ["COPRODCITE_STYLES_DIR"]).exists()
    fixed = INDEPENDENT_CALLING.replace('macro="year-date"', 'macro="author"').replace(
        'macro="sort-title"', 'macro="author"'
    )
    file.write_text(fixed, encoding="utf-8")
    assert run("styles", "add", str(file)).exit_code == 0


def test_remove_takes_away_a_user_style_and_the_bundled_one_is_used_again(tmp_path: Path) -> None:
    file = tmp_path / "house.csl"
    file.write_bytes((bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes())
    assert run("styles", "add", str(file), "--name", "apa").exit_code == 0
    assert json.loads(run("styles", "show", "apa", "--json").stdout)["origin"] == "user"
    removed = run("styles", "remove", "apa")
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.startswith("removed style apa: ")
    assert removed.stderr == f"coprodcite: style apa is now {bundled_styles_dir() / 'apa.csl'}\n"
    assert json.loads(run("styles", "show", "apa", "--json").stdout)["origin"] == "bundled"
    assert list(Path(os.environ["COPRODCITE_STYLES_DIR"]).iterdir()) == []


def test_remove_refuses_styles_that_are_not_the_users() -> None:
    bundled = run("styles", "remove", "apa")
    assert bundled.exit_code == ExitCode.INVALID_INPUT
    assert bundled.stderr.startswith("coprodcite: error: 'apa' is not one of your styles (")
    assert (bundled_styles_dir() / "apa.csl").is_file()
    unknown = run("styles", "remove", "aap")
    assert unknown.exit_code == ExitCode.INVALID_INPUT
    assert unknown.stderr.startswith("coprodcite: error: unknown style 'aap'; did you mean: apa")


def test_remove_warns_of_user_styles_left_without_their_parent(tmp_path: Path) -> None:
    parent = tmp_path / "house.csl"
    parent.write_bytes((bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes())
    child = tmp_path / "child.csl"
    child.write_text(
        DEPENDENT.replace("the-british-journal-of-social-work", "house"), encoding="utf-8"
    )
    assert run("styles", "add", str(parent)).exit_code == 0
    assert run("styles", "add", str(child)).exit_code == 0
    removed = run("styles", "remove", "house", "--json")
    assert removed.exit_code == 0
    assert json.loads(removed.stdout)["orphans"] == ["child"]
    assert json.loads(removed.stdout)["now"] is None


def _schema_valid(text: str) -> bool:
    from citeproc import SCHEMA_PATH
    from lxml import etree

    return bool(etree.RelaxNG(etree.parse(SCHEMA_PATH)).validate(etree.fromstring(text.encode())))


def test_export_writes_a_dependent_style_as_one_standalone_file(tmp_path: Path, filled) -> None:
    file = tmp_path / "invented.csl"
    valid = DEPENDENT.replace(
        "  </info>", "    <updated>2026-01-01T00:00:00+00:00</updated>\n  </info>"
    )
    assert _schema_valid(valid)
    file.write_text(valid, encoding="utf-8")
    assert run("styles", "add", str(file), "--name", "invented").exit_code == 0
    out = tmp_path / "out" / "standalone.csl"
    out.parent.mkdir()
    result = run("styles", "export", "invented", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"coprodcite: exported style invented to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert _schema_valid(text)
    from lxml import etree

    root = etree.fromstring(text.encode())
    ns = {"c": "http://purl.org/net/xbiblio/csl"}
    assert root.get("default-locale") == "en-GB"  # the dependent style's own
    assert root.findtext("c:info/c:title", namespaces=ns) == "Journal of Invented Practice"
    assert [link.get("rel") for link in root.iterfind("c:info/c:link", ns)] == ["template"]
    assert root.find("c:citation", ns) is not None  # the parent's rules
    # it renders as the dependent style does, with nothing else beside it
    for command in (["bib"], ["cite", "fillingham2023reflections"]):
        by_name = run(*command, "--style", "invented")
        by_file = run(*command, "--style", str(out))
        assert by_name.exit_code == by_file.exit_code == 0
        assert by_name.stdout == by_file.stdout != ""
    # without -o the XML goes to standard output
    printed = run("styles", "export", "invented")
    assert printed.exit_code == 0 and printed.stdout == text


def test_export_of_an_independent_style_is_its_file() -> None:
    result = run("styles", "export", "apa")
    assert result.exit_code == 0
    assert result.stdout == (bundled_styles_dir() / "apa.csl").read_text(encoding="utf-8-sig")


def test_export_errors_are_one_line(tmp_path: Path) -> None:
    unknown = run("styles", "export", "vancuver")
    assert unknown.exit_code == ExitCode.INVALID_INPUT
    assert unknown.stderr.startswith("coprodcite: error: unknown style 'vancuver'; did you mean")
    nowhere = run("styles", "export", "apa", "-o", str(tmp_path / "no" / "such" / "apa.csl"))
    assert nowhere.exit_code == ExitCode.INVALID_INPUT
    assert nowhere.stderr.startswith(f"coprodcite: error: cannot write {tmp_path / 'no'}")
    assert len(nowhere.stderr.splitlines()) == 1
