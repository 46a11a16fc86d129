"""Style lookup: short names, dependent styles, files, XML text and unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest

import coprodcite
from coprodcite.errors import ExitCode, StyleError
from coprodcite.render.styles import (
    StyleSource,
    bundled_styles_dir,
    catalogue,
    closest_styles,
    project_styles_dir,
    resolve_style,
    style_info,
    style_meta,
    style_names,
)
from coprodcite.render.styles.index import load_index, read_meta, search
from coprodcite.render.styles.user import add_user_style

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
    assert message.startswith("unknown style 'apaa'; did you mean: apa, ")
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
        # ranked by edit distance on the name first (before: jaapa, aaps-open...)
        ("aap", "apa"),  # two letters swapped count as one slip
        ("vancuver", "vancouver"),  # an old name that still works (renamed-styles.json)
        ("Vancuver", "vancouver"),
        ("the-lancett", "the-lancet"),
        ("chicgo-author-date", "chicago-author-date"),
        ("british-journal-social-work", "the-british-journal-of-social-work"),
    ],
)
def test_closest_styles(query: str, expected_first: str) -> None:
    matches = closest_styles(query)
    assert matches[0] == expected_first
    assert len(matches) <= 5


def test_closest_styles_names_the_leading_words_a_slip_away() -> None:
    assert "harvard-cite-them-right" in closest_styles("harvrd")
    assert closest_styles("modern-languag-association")[0] == "modern-language-association"


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


# -- metadata, the index and search ------------------------------------------------------


def test_read_meta_reads_the_whole_info_of_a_bundled_style() -> None:
    meta = read_meta(bundled_styles_dir() / "the-british-journal-of-social-work.csl", "bundled")
    assert meta.to_json() == {
        "name": "the-british-journal-of-social-work",
        "id": "http://www.zotero.org/styles/the-british-journal-of-social-work",
        "title": "The British Journal of Social Work",
        "title_short": "BJSW",
        "dependent": False,
        "parent": None,
        "default_locale": "en-GB",
        "citation_format": "author-date",
        "fields": ["social_science"],
        "issn": ["0045-3102"],
        "eissn": ["1468-263X"],
        "origin": "bundled",
        "path": str(bundled_styles_dir() / "the-british-journal-of-social-work.csl"),
    }


def test_read_meta_of_a_dependent_style(tmp_path: Path) -> None:
    path = tmp_path / "journal-of-invented-studies.csl"
    path.write_text(TINY_DEPENDENT, encoding="utf-8")
    meta = read_meta(path, "user")
    assert (meta.dependent, meta.parent, meta.default_locale) == (True, "apa", "de-DE")


def test_catalogue_holds_every_bundled_style_once(style_cache_dir: Path) -> None:
    styles = catalogue(None, style_cache_dir)
    names = [m.name for m in styles]
    assert len(names) == len(set(names)) == len(style_names()) > 10_000
    assert {m.origin for m in styles} <= {"project", "bundled"}
    assert next(m for m in styles if m.name == "nature-digest").parent == "nature"


class Heard(list):
    def append_pair(self, done: int, total: int) -> None:
        self.append((done, total))


def _fake_folder(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        text = TINY_DEPENDENT.replace("Journal of Invented Studies", f"Title of {name}")
        (folder / f"{name}.csl").write_text(text, encoding="utf-8")
    return folder


def test_the_index_is_saved_and_rebuilt_when_its_inputs_change(tmp_path: Path) -> None:
    project = _fake_folder(tmp_path / "project", "one")
    cache = tmp_path / "cache"
    first = load_index([(project, "project")], cache, "0.1.6")
    assert [m.name for m in first] == ["one"]
    saved = next(cache.glob("style-index-*.json"))
    before = saved.read_text(encoding="utf-8")
    assert load_index([(project, "project")], cache, "0.1.6") == first
    assert saved.read_text(encoding="utf-8") == before  # read, not rebuilt

    _fake_folder(project, "two")  # a project style added
    assert [m.name for m in load_index([(project, "project")], cache, "0.1.6")] == ["one", "two"]
    (project / "two.csl").unlink()
    assert [m.name for m in load_index([(project, "project")], cache, "0.1.7")] == ["one"]


def test_building_the_index_tells_how_far_it_is(tmp_path: Path) -> None:
    names = [f"style-{i:03}" for i in range(250)]
    project = _fake_folder(tmp_path / "project", *names)
    heard = Heard()
    styles = load_index([(project, "project")], tmp_path / "cache", "x", heard.append_pair)
    assert len(styles) == 250
    assert heard == [(100, 250), (200, 250), (250, 250)]
    heard.clear()
    load_index([(project, "project")], tmp_path / "cache", "x", heard.append_pair)
    assert heard == []  # read from the cache: nothing to tell


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    project = _fake_folder(tmp_path / "project", "one")
    cache = tmp_path / "cache"
    load_index([(project, "project")], cache, "x")
    next(cache.glob("style-index-*.json")).write_text("{not json", encoding="utf-8")
    assert [m.name for m in load_index([(project, "project")], cache, "x")] == ["one"]


def test_earlier_folders_hide_styles_of_the_same_name(tmp_path: Path) -> None:
    first = _fake_folder(tmp_path / "a", "same", "only-a")
    second = _fake_folder(tmp_path / "b", "same", "only-b")
    styles = load_index([(first, "user"), (second, "bundled")], None, "")
    assert [(m.name, m.origin) for m in styles] == [
        ("only-a", "user"),
        ("same", "user"),
        ("only-b", "bundled"),
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("British Journal of Social Work", "the-british-journal-of-social-work"),
        ("the british journal of social work", "the-british-journal-of-social-work"),
        ("BJSW", "the-british-journal-of-social-work"),
        ("1468-263X", "the-british-journal-of-social-work"),
        ("0045 3102", "the-british-journal-of-social-work"),
        ("apa", "apa"),
        ("APA", "apa"),
        ("nature", "nature"),
        ("Zeitschrift für Soziologie", "zeitschrift-fur-soziologie"),
        ("zeitschrift fur soziologie", "zeitschrift-fur-soziologie"),
        ("chicago author date", "chicago-author-date"),
    ],
)
def test_search_ranks_the_obvious_style_first(
    style_cache_dir: Path, query: str, first: str
) -> None:
    found = search(catalogue(None, style_cache_dir), query, limit=5)
    assert found[0].name == first


def test_search_orders_exact_then_prefix_then_words(tmp_path: Path) -> None:
    folder = tmp_path / "styles"
    for name, title in [
        ("social-work-review", "Review of Social Work"),
        ("social-work", "Social Work"),
        ("social-work-abstracts", "Social Work Abstracts"),
        ("unrelated", "Studies of Asocial Workers"),
    ]:
        _fake_folder(folder, name)
        path = folder / f"{name}.csl"
        path.write_text(path.read_text().replace(f"Title of {name}", title), encoding="utf-8")
    styles = load_index([(folder, "user")], None, "")
    assert [m.name for m in search(styles, "Social Work")] == [
        "social-work",  # exact
        "social-work-abstracts",  # prefix
        "social-work-review",  # whole words
        "unrelated",  # substring
    ]
    assert search(styles, "social work", limit=1)[0].name == "social-work"
    assert search(styles, "no such journal") == []


def test_empty_search_is_an_error() -> None:
    with pytest.raises(StyleError, match="empty style search"):
        search([], "  ")


# -- user styles -------------------------------------------------------------------------


def test_an_added_dependent_style_resolves_by_name(tmp_path: Path) -> None:
    source_file = tmp_path / "journal-of-invented-studies.csl"
    source_file.write_text(TINY_DEPENDENT, encoding="utf-8")
    user_dir = tmp_path / "user-styles"
    added = add_user_style(source_file, user_dir)
    assert (added.meta.name, added.meta.origin, added.replaced) == (
        "journal-of-invented-studies",
        "user",
        False,
    )
    assert (user_dir / "journal-of-invented-studies.csl").read_bytes() == source_file.read_bytes()
    source = resolve_style("journal-of-invented-studies", user_dir=user_dir)
    assert (source.path, source.default_locale) == (bundled_styles_dir() / "apa.csl", "de-DE")
    assert "journal-of-invented-studies" in style_names(user_dir)
    assert style_meta("journal-of-invented-studies", user_dir=user_dir).origin == "user"
    with pytest.raises(StyleError, match="unknown style"):
        resolve_style("journal-of-invented-studies")  # not without the folder


def test_a_user_style_wins_over_the_bundled_one_of_that_name(tmp_path: Path) -> None:
    house = tmp_path / "house.csl"
    house.write_bytes((bundled_styles_dir() / "harvard-cite-them-right.csl").read_bytes())
    user_dir = tmp_path / "user-styles"
    added = add_user_style(house, user_dir, name="apa")
    assert added.shadows == str(bundled_styles_dir() / "apa.csl")
    assert resolve_style("apa", user_dir=user_dir).path == user_dir / "apa.csl"
    assert catalogue(user_dir)[0].name == "apa"
    with pytest.raises(StyleError, match="exists already"):
        add_user_style(house, user_dir, name="apa")
    assert add_user_style(house, user_dir, name="apa", force=True).replaced
    assert add_user_style(house, user_dir, name="House.csl").meta.name == "house"


_NOT_CSL = '<style xmlns="http://example.org/other"><info><id>x</id></info></style>'
_NO_ID = '<style xmlns="http://purl.org/net/xbiblio/csl"><info/><citation/></style>'
_NO_CITATION = '<style xmlns="http://purl.org/net/xbiblio/csl"><info><id>x</id></info></style>'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<style><info>", "not well-formed XML"),
        (_NOT_CSL, "is not a CSL style"),
        (_NO_ID, r"has no <info><id>"),
        (_NO_CITATION, "has no <citation>"),
        (TINY_DEPENDENT.replace("/apa", "/no-such-parent"), "'no-such-parent', which is not"),
        (TINY_DEPENDENT.replace("/apa", "/nature-digest"), "itself a dependent style"),
    ],
)
def test_a_bad_style_file_is_refused_and_not_copied(
    tmp_path: Path, text: str, message: str
) -> None:
    bad = tmp_path / "bad.csl"
    bad.write_text(text, encoding="utf-8")
    user_dir = tmp_path / "user-styles"
    with pytest.raises(StyleError, match=message) as caught:
        add_user_style(bad, user_dir)
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.exit_code == ExitCode.INVALID_INPUT
    assert not user_dir.exists() or not any(user_dir.iterdir())


@pytest.mark.parametrize("name", ["Bad Name", "../escape", ""])
def test_style_names_must_be_plain(tmp_path: Path, name: str) -> None:
    good = tmp_path / "good.csl"
    good.write_text(TINY_DEPENDENT, encoding="utf-8")
    with pytest.raises(StyleError, match="as a style name"):
        add_user_style(good, tmp_path / "user-styles", name=name or " ")
