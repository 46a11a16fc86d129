"""pandoc's citation syntax: what is a citation, what it cites, and where."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.errors import FormatError
from coprodcite.manuscripts.locators import locator_option, parse_locator
from coprodcite.manuscripts.pandoc import Cite, nocite_keys, read_markdown


def cites(text):
    return [(text[c.start : c.end], c.in_text, c.cites) for c in read_markdown(text).citations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[@key]", [("[@key]", False, (Cite("key"),))]),
        ("[@key, p. 4]", [("[@key, p. 4]", False, (Cite("key", locator="4", label="page"),))]),
        (
            "[see @a, chap. 2; also @b]",
            [
                (
                    "[see @a, chap. 2; also @b]",
                    False,
                    (
                        Cite("a", prefix="see ", locator="2", label="chapter"),
                        Cite("b", prefix="also "),
                    ),
                )
            ],
        ),
        ("@key says", [("@key", True, (Cite("key"),))]),
        (
            "@key [p. 4] says",
            [("@key [p. 4]", True, (Cite("key", locator="4", label="page"),))],
        ),
        ("[-@key]", [("[-@key]", False, (Cite("key", suppress_author=True),))]),
        ("as @doe:2020.x.", [("@doe:2020.x", True, (Cite("doe:2020.x"),))]),
        ("@{10.1000/x} has", [("@{10.1000/x}", True, (Cite("10.1000/x"),))]),
        ("[@a, and passim]", [("[@a, and passim]", False, (Cite("a", suffix=", and passim"),))]),
        (
            "[@a, {pp. iv, vi--xi} and more]",
            [
                (
                    "[@a, {pp. iv, vi--xi} and more]",
                    False,
                    (Cite("a", locator="iv, vi--xi", label="page", suffix=" and more"),),
                )
            ],
        ),  # fmt: skip
        # not citations
        ("mail user@example.org now", []),
        ("a <user@example.org> autolink", []),
        ("see https://example.org/@user/1 there", []),
        ("a [link @x](http://example.org/@y)", [("@x", True, (Cite("x"),))]),
        ("`[@code]` and ``@more``", []),
        ("escaped \\@key", []),
        ("\\[@key\\]", [("@key", True, (Cite("key"),))]),  # pandoc: a bracket, in-text
        ("```\n[@fenced]\n```\n", []),
        ("para\n\n    [@indented]\n", []),
        ("<div>[@html]</div>\n", []),
        ("<!-- [@comment] -->", []),
        # a bracket whose parts do not all hold a key: its in-text citations remain
        ("[foo; bar @a]", [("@a", True, (Cite("a"),))]),
    ],
)
def test_citation_syntax(text, expected):
    assert cites(text) == expected


def test_list_continuation_is_text_and_tables_are_read_once():
    text = "- item\n\n    continued [@a]\n\n| x | y |\n|---|---|\n| [@b] | z |\n"
    assert [c[2][0].key for c in cites(text)] == ["a", "b"]


def test_notes_are_numbered_and_met_where_they_are_referenced():
    text = "One [@a] and ^[inline [@b]] two[^n] three [@c].\n\n[^n]: In the note [@d].\n"
    manuscript = read_markdown(text)
    assert [n.label for n in manuscript.notes] == [None, "n"]
    keys = [(c.cites[0].key, c.note) for c in manuscript.citations]
    # the note's citation is met at its reference, before [@c]
    assert keys == [("a", None), ("b", 0), ("d", 1), ("c", None)]


def test_an_unclosed_citation_bracket_is_an_error_with_its_line():
    with pytest.raises(FormatError, match=r"paper.md:3: a citation bracket is never closed"):
        read_markdown("# T\n\nSee [@a, p. 4\n\nnext", "paper.md")


def test_front_matter_and_nocite():
    manuscript = read_markdown('---\ncsl: apa\nnocite: "@a, @{b/c}, @*"\n---\nText\n')
    assert manuscript.metadata["csl"] == "apa"
    assert nocite_keys(manuscript.metadata) == ["a", "b/c", "*"]
    assert manuscript.citations == []
    assert nocite_keys({"nocite": ["@x", "@y"]}) == ["x", "y"]


def test_bad_front_matter_is_a_format_error():
    with pytest.raises(FormatError, match="p.md:3: the YAML front matter"):
        read_markdown("---\ntitle: [unclosed\nx: y\n---\n", "p.md")


def test_refs_div_and_headings():
    text = "# Intro {#intro}\n\n[@a]\n\n::: {#refs}\n:::\n\n```\n::: {#refs}\n```\n"
    manuscript = read_markdown(text)
    start, end = manuscript.refs_div
    assert text[start:end] == ""
    assert text[:start].endswith("::: {#refs}\n")
    assert [h[3] for h in manuscript.headings] == ["Intro"]


@pytest.mark.parametrize(
    ("text", "label", "value", "suffix"),
    [
        (", p. 33", "page", "33", ""),
        (", pp. 33-35, 38-39 and passim", "page", "33-35, 38-39", " and passim"),
        (", chap. 2", "chapter", "2", ""),
        (" p. 4", "page", "4", ""),
        (", 33", "page", "33", ""),
        (", and passim", None, None, ", and passim"),
        (", p. 4, did it", "page", "4", ", did it"),
        (", sec. 3.2", "section", "3.2", ""),
        (", s.v. word, more", "sub-verbo", "word", ", more"),
        (", vol. II", "volume", "II", ""),
        (", p.12", "page", "12", ""),
        (", §3", "section", "3", ""),
        (", see", None, None, ", see"),
        ("page=4", "page", "4", ""),
    ],
)
def test_locators(text, label, value, suffix):
    found = parse_locator(text)
    assert (found.label, found.value, found.suffix) == (label, value, suffix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("p. 4", ("page", "4")), ("page=4", ("page", "4")), ("chap. 2", ("chapter", "2")),
     ("4", ("page", "4")), ("line 12-14", ("line", "12-14"))],
)  # fmt: skip
def test_locator_option(text, expected):
    assert locator_option(text) == expected


@pytest.mark.parametrize("text", ["", "somewhere", "p. 4 and more"])
def test_locator_option_refuses_what_is_no_locator(text):
    with pytest.raises(ValueError):
        locator_option(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab @[]-;,.:`{}^\n*_<>\\p4")), max_size=60))
def test_any_text_reads_or_fails_with_a_format_error(text):
    """Never an exception other than FormatError; every citation lies inside the text."""
    try:
        manuscript = read_markdown(text)
    except FormatError:
        return
    for citation in manuscript.citations:
        assert 0 <= citation.start < citation.end <= len(manuscript.text)
        assert all(c.key for c in citation.cites)
