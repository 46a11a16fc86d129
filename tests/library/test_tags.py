"""Tags and full-text search in the SQLite library."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.errors import InvalidInput
from coprodcite.library import open_library
from coprodcite.library.tags import check_tag, fts_query
from coprodcite.model import Contributor, Record


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("smith 2020", '"smith" * "2020" *'),
        ('"co production" author:quill', '"co production" {names} : "quill" *'),
        ("a OR b", '"a" * OR "b" *'),
        ("OR a OR", '"OR" * "a" *'),
        ("x -y", '"x" * NOT "y" *'),
        ("10.1093/bjsw/bcad019", '"10.1093/bjsw/bcad019" *'),
        ('title:"a b"', '{title} : "a b"'),
        ("journal:lancet", '{container} : "lancet" *'),
        ("note:x", '"note:x" *'),  # not a field: a word
        ('say "hi""', '"say" * "hi"'),  # a phrase, then a lone quote
    ],
)
def test_fts_query(query, expected):
    assert fts_query(query) == expected


@pytest.mark.parametrize("query", ["", "   ", '" "', "-x", "***"])
def test_nothing_to_search_for(query):
    with pytest.raises(InvalidInput):
        fts_query(query)


@pytest.mark.parametrize(("tag", "stored"), [("  my   tag ", "my tag"), ("Ünï", "Ünï")])
def test_tag_names(tag, stored):
    assert check_tag(tag) == stored


@pytest.mark.parametrize("tag", ["", "  ", "a\x1bb", "x\ny"])
def test_bad_tag_names(tag):
    with pytest.raises(InvalidInput):
        check_tag(tag)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = open_library(tmp_path_factory.mktemp("lib") / "library.sqlite")
    fields = {"title": "Notes from nowhere", "issued": {"date-parts": [[2001]]}}
    lib.save(Record(type="book", fields=fields, contributors=[Contributor(family="Vale")]))
    return lib


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_any_query_gives_keys_or_a_one_line_error(library, query):
    try:
        found = library.select(query=query)
    except InvalidInput as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(found, list)
