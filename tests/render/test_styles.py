"""Style lookup: short names, dependent styles, files, XML text and unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest

import coprodcite
from coprodcite.errors import ExitCode, StyleError
from coprodcite.render.styles import (
    StyleSource,
    bundled_styles_dir,
    closest_styles,
    project_styles_dir,
    resolve_style,
    style_info,
    style_names,
)

TINY_DEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="de-DE">
  <info>
    <title>Journal of Invented Studies</title>
    <id>http://www.zotero.org/styles/journal-of-invented-studies</id>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
</style>
"""


def test_style_names_lists_independent_and_dependent_styles() -> None:
    names = style_names()
    assert {"apa", "chicago-author-date", "nature"} <= set(names)  # independent
    assert "nature-digest" in names  # dependent
    assert names == sorted(set(names))
    assert all(not name.endswith(".csl") for name in names)


def test_independent_short_name_resolves_to_its_bundled_file() -> None:
    source = resolve_style("apa")
    assert source == StyleSource("apa", path=bundled_styles_dir() / "apa.csl")


def test_short_names_ignore_case_and_surrounding_space() -> None:
    assert resolve_style("  APA ").path == bundled_styles_dir() / "apa.csl"


def test_dependent_style_resolves_to_its_parent_keeping_its_locale() -> None:
    source = resolve_style("nature-digest")
    assert source.label == "nature-digest"
    assert source.path == bundled_styles_dir() / "nature.csl"
    assert source.default_locale == "en-GB"


def test_renamed_style_resolves_to_its_new_name() -> None:
    assert resolve_style("apa-5th-edition").path == bundled_styles_dir() / "apa.csl"


def test_path_to_a_csl_file(tmp_path: Path) -> None:
    copy = tmp_path / "house-style.csl"
    copy.write_bytes((bundled_styles_dir() / "apa.csl").read_bytes())
    assert resolve_style(str(copy)) == StyleSource("house-style", path=copy)


def test_path_to_a_dependent_file_follows_its_parent(tmp_path: Path) -> None:
    dependent = tmp_path / "journal-of-invented-studies.csl"
    dependent.write_text(TINY_DEPENDENT, encoding="utf-8")
    source = resolve_style(str(dependent))
    assert source.path == bundled_styles_dir() / "apa.csl"
    assert (source.label, source.default_locale) == ("journal-of-invented-studies", "de-DE")


def test_xml_text_is_kept_as_text_and_named_by_its_id() -> None:
    xml = (bundled_styles_dir() / "apa.csl").read_text(encoding="utf-8")
    source = resolve_style(xml)
    assert (source.label, source.path, source.xml) == ("apa", None, xml)


def test_dependent_xml_text_follows_its_parent() -> None:
    source = resolve_style(TINY_DEPENDENT)
    assert source.path == bundled_styles_dir() / "apa.csl"
    assert source.label == "journal-of-invented-studies"


def test_unknown_name_is_one_line_naming_close_matches() -> None:
    with pytest.raises(StyleError) as caught:
        resolve_style("apaa")
    message = str(caught.value)
    assert message.startswith("unknown style 'apaa'; did you mean: apa, apa-")
    assert "coprodcite styles list" in message
    assert "\n" not in message
    assert caught.value.exit_code == ExitCode.INVALID_INPUT


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("apaa", "apa"),
        ("nature-digset", "nature-digest"),
        ("chicago-autor-date", "chicago-author-date"),
        ("harvard-cite-them", "harvard-cite-them-right"),
    ],
)
def test_closest_styles(query: str, expected_first: str) -> None:
    matches = closest_styles(query)
    assert matches[0] == expected_first
    assert len(matches) <= 5


def test_closest_styles_adds_names_containing_the_query() -> None:
    assert "nature-digest" in closest_styles("digest", n=10)


def test_closest_styles_of_nonsense_is_empty() -> None:
    assert closest_styles("zqxjkvw") == []


def test_missing_file_is_a_style_error(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="style file not found"):
        resolve_style(str(tmp_path / "nowhere.csl"))


def test_missing_file_named_like_a_bundled_style_hints_at_it() -> None:
    with pytest.raises(StyleError, match="did you mean the bundled style 'apa'"):
        resolve_style("./apa.csl")


def test_malformed_xml_is_a_style_error() -> None:
    with pytest.raises(StyleError, match="cannot read style"):
        resolve_style("<style><info>")


def test_empty_style_is_a_style_error() -> None:
    with pytest.raises(StyleError, match="no style given"):
        resolve_style("  ")


def test_style_info_of_a_dependent_style() -> None:
    info = style_info("nature-digest")
    assert (info.name, info.title, info.dependent, info.parent) == (
        "nature-digest",
        "Nature Digest",
        True,
        "nature",
    )
    assert info.path == bundled_styles_dir() / "dependent" / "nature-digest.csl"


def test_style_info_of_an_independent_style() -> None:
    info = style_info("apa")
    assert (info.name, info.dependent, info.parent) == ("apa", False, None)
    assert info.title == "APA Style 7th edition"


def test_project_styles_dir_is_found_in_a_source_checkout() -> None:
    folder = project_styles_dir()
    package = Path(coprodcite.__file__).parent
    assert folder in (package / "_styles", package.parent / "styles")


def test_style_source_holds_exactly_one_of_path_and_xml() -> None:
    with pytest.raises(ValueError):
        StyleSource("x")
    with pytest.raises(ValueError):
        StyleSource("x", path=Path("a.csl"), xml="<style/>")
