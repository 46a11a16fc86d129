"""Values a source sends that only repeat another (a DOI resolver URL, a title copied
into original-title, a publisher that is the container) and a preprint's subject
group are not mapped, so styles do not print them twice or as a journal."""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.sources._common import drop_redundant, tidy_fields
from coprodcite.sources.crossref import map_crossref
from coprodcite.sources.datacite import map_datacite
from coprodcite.sources.negotiation import map_csl


@pytest.mark.parametrize(
    ("fields", "want"),
    [
        ({"DOI": "10.1/x", "URL": "https://doi.org/10.1/X"}, {"DOI": "10.1/x"}),
        ({"DOI": "10.1/x", "URL": "http://dx.doi.org/10.1/x"}, {"DOI": "10.1/x"}),
        (
            {"DOI": "10.1/x", "URL": "https://doi.org/10.1/y"},
            {"DOI": "10.1/x", "URL": "https://doi.org/10.1/y"},
        ),  # another DOI: kept
        (
            {"DOI": "10.1/x", "URL": "https://example.org/10.1/x"},
            {"DOI": "10.1/x", "URL": "https://example.org/10.1/x"},
        ),  # a landing page
        ({"URL": "https://doi.org/10.1/x"}, {"URL": "https://doi.org/10.1/x"}),  # no DOI
        ({"title": "A <i>b</i>", "original-title": "a b "}, {"title": "A <i>b</i>"}),
        (
            {"title": "War and Peace", "original-title": "Война и мир"},
            {"title": "War and Peace", "original-title": "Война и мир"},
        ),
        (
            {"container-title": "Front Matter", "publisher": "Front Matter"},
            {"container-title": "Front Matter"},
        ),
        (
            {"container-title": "eLife", "publisher": "eLife Sciences Publications"},
            {"container-title": "eLife", "publisher": "eLife Sciences Publications"},
        ),
        ({"publisher": "Front Matter"}, {"publisher": "Front Matter"}),
    ],
)
def test_drop_redundant(fields: dict[str, Any], want: dict[str, Any]) -> None:
    assert drop_redundant(dict(fields)) == want


def _work(**extra: Any) -> dict[str, Any]:
    return {"DOI": "10.1101/1", "title": ["T"], "URL": "https://doi.org/10.1101/1", **extra}


@pytest.mark.parametrize(
    ("extra", "container", "publisher"),
    [
        # bioRxiv: the group is a subject, the server is the institution
        (
            {
                "subtype": "preprint",
                "group-title": "Bioinformatics",
                "publisher": "Cold Spring Harbor Laboratory",
                "institution": [{"name": "bioRxiv"}],
            },
            None,
            "bioRxiv",
        ),
        (
            {
                "subtype": "preprint",
                "group-title": "Neuroscience",
                "publisher": "Cold Spring Harbor Laboratory",
            },
            None,
            "Cold Spring Harbor Laboratory",
        ),
        # a blog: the group is the blog, which publishes itself
        (
            {"subtype": "blog", "group-title": "Upstream", "publisher": "Front Matter"},
            "Upstream",
            "Front Matter",
        ),
        (
            {"subtype": "blog", "group-title": "Front Matter", "publisher": "Front Matter"},
            "Front Matter",
            None,
        ),
    ],
)
def test_posted_content(extra: dict[str, Any], container: str | None, publisher: str | None):
    record = map_crossref(_work(type="posted-content", **extra))
    assert record.fields.get("container-title") == container
    assert record.fields.get("publisher") == publisher
    blog = extra["subtype"] == "blog"
    assert record.type == ("post-weblog" if blog else "article")
    # a blog post is a web type: its resolver link stays its URL (IEEE "Available: URL")
    assert ("URL" in record.fields) == blog


@pytest.mark.parametrize(
    ("csl_type", "kept"),
    [("webpage", True), ("post", True), ("post-weblog", True), ("report", False), (None, False)],
)
def test_web_types_keep_the_resolver_url(csl_type: str | None, kept: bool) -> None:
    fields = {"DOI": "10.1/x", "URL": "https://doi.org/10.1/x"}
    assert ("URL" in drop_redundant(fields, csl_type)) == kept


def test_a_journal_keeps_its_container_and_publisher() -> None:
    record = map_crossref(
        _work(
            type="journal-article",
            **{"container-title": ["Bioinformatics"], "group-title": "x", "publisher": "OUP"},
        )
    )
    assert (record.fields["container-title"], record.fields["publisher"]) == (
        "Bioinformatics",
        "OUP",
    )


def test_negotiation_and_datacite_drop_the_resolver_url() -> None:
    csl = map_csl(
        {
            "type": "article-journal",
            "DOI": "10.1/X",
            "title": "T",
            "URL": "https://doi.org/10.1/X",
            "original-title": "T",
        }
    )
    assert "URL" not in csl.fields and "original-title" not in csl.fields
    dc = map_datacite(
        {
            "doi": "10.5/a",
            "url": "https://doi.org/10.5/a",
            "titles": [{"title": "T"}],
            "types": {"resourceTypeGeneral": "Dataset"},
        }
    )
    assert "URL" not in dc.fields
    kept = map_datacite(
        {
            "doi": "10.5/a",
            "url": "https://zenodo.org/records/1",
            "titles": [{"title": "T"}],
            "types": {"resourceTypeGeneral": "Dataset"},
        }
    )
    assert kept.fields["URL"] == "https://zenodo.org/records/1"


@pytest.mark.parametrize(
    ("fields", "want"),
    [
        ({"page": "431-431"}, {"page": "431"}),  # one page: "p. 431", not "pp. 431–431"
        ({"page": "e1 – e1"}, {"page": "e1"}),
        ({"page": "1-10"}, {"page": "1-10"}),
        ({"page": "iv-v"}, {"page": "iv-v"}),
        ({"page": "no-no"}, {}),
        ({"page": "0-0"}, {}),
        ({"volume": "null", "issue": "None", "number": "n/a"}, {}),
        ({"volume": "0", "issue": "0"}, {"volume": "0", "issue": "0"}),  # volume 0 exists
        ({"edition": "0"}, {}),
        ({"edition": "2"}, {"edition": "2"}),
        ({"title": "null"}, {"title": "null"}),  # only number fields
    ],
)
def test_tidy_fields(fields: dict[str, Any], want: dict[str, Any]) -> None:
    assert tidy_fields(dict(fields)) == want


def test_crossref_placeholders_are_not_mapped() -> None:
    record = map_crossref(_work(type="journal-article", volume="null", issue="3",
                                page="380-380", **{"edition-number": "0"}))  # fmt: skip
    assert {k: record.fields.get(k) for k in ("volume", "issue", "page", "edition")} == {
        "volume": None,
        "issue": "3",
        "page": "380",
        "edition": None,
    }


@pytest.mark.parametrize(
    ("name", "value", "want"),
    [
        (
            "title",
            "Sunset seasonables for present planting /",
            "Sunset seasonables for present planting",
        ),
        ("publisher", "Sunset Seed and Plant Co.,", "Sunset Seed and Plant Co."),
        ("publisher-place", "San Francisco, Calif. :", "San Francisco, Calif."),
        ("title", "Die Gattungen Pupa : in Abbildungen /", "Die Gattungen Pupa : in Abbildungen"),
        ("container-title", "http://isrctn.com/", "http://isrctn.com/"),  # a URL's own /
        ("title", "Rate 1/2", "Rate 1/2"),
        ("title", "A = B", "A = B"),
        ("title", "Why?", "Why?"),
        ("title", "Risk Analysis&amp;nbsp;", "Risk Analysis&amp;nbsp;"),  # an entity's ;
        ("title", ":", ":"),  # nothing would be left
        ("volume", "3,", "3,"),  # only titles and publishers
    ],
)
def test_trailing_catalogue_separators(name: str, value: str, want: str) -> None:
    assert tidy_fields({name: value})[name] == want


def test_an_article_number_deposited_as_the_page_too_stays_the_page() -> None:
    # every style prints a page; five of the ten print no article number
    fields = {"page": "e15141", "number": "e15141"}
    assert drop_redundant(fields) == {"page": "e15141"}
    assert drop_redundant({"page": "1-10", "number": "7"}) == {"page": "1-10", "number": "7"}


@pytest.mark.parametrize(("source", "kept"), [("Crossref", False), ("DataCite", False),
                                              ("PMC", True), ("PubMed", True)])  # fmt: skip
def test_the_agency_is_no_database(source: str, kept: bool) -> None:
    record = map_csl({"type": "article-journal", "DOI": "10.1/x", "title": "T", "source": source})
    assert ("source" in record.fields) == kept
