"""ISBN (Open Library), arXiv (DataCite), PMID/PMCID (NCBI E-utilities): the mappings,
and the fetches against a loopback server. The answers are shaped as each API documents
its answers; the works and people in them are invented."""

import json

import pytest

from coprodcite.config import load_settings
from coprodcite.errors import NotFound
from coprodcite.identifiers import ARXIV, ISBN, PMCID, PMID, Identifier
from coprodcite.services.clients import http_client, source_urls
from coprodcite.sources.openlibrary import map_openlibrary
from coprodcite.sources.pubmed import article_ids, map_pubmed
from coprodcite.sources.resolve import fetch_identifier, published_doi
from tests.conftest import EXAMPLES

ISBN13 = "9780306406157"
BOOK = {
    f"ISBN:{ISBN13}": {
        "url": "https://openlibrary.org/books/OL0000000M/invented",
        "key": "/books/OL0000000M",
        "title": "Doing research together",
        "subtitle": "an invented handbook",
        "authors": [{"url": "https://openlibrary.org/authors/OL1A", "name": "Avery Quill"},
                    {"name": "Tamsin Wren"}],
        "number_of_pages": 320,
        "publishers": [{"name": "Invented Press"}],
        "publish_places": [{"name": "Bristol"}],
        "publish_date": "March 2022",
        "identifiers": {"isbn_13": [ISBN13]},
    }
}  # fmt: skip
PUBMED = {
    "header": {"type": "esummary", "version": "0.3"},
    "result": {
        "uids": ["99000001"],
        "99000001": {
            "uid": "99000001",
            "pubdate": "2019 Aug 26",
            "source": "Invented J",
            "authors": [
                {"name": "Quill A", "authtype": "Author"},
                {"name": "Wren TB", "authtype": "Author"},
                {"name": "Invented Peer Research Collective", "authtype": "CollectiveName"},
            ],
            "title": "Peer research in practice.",
            "volume": "10",
            "issue": "1",
            "pages": "3834",
            "fulljournalname": "Invented journal of peer research",
            "issn": "0000-0019",
            "articleids": [
                {"idtype": "pubmed", "idtypen": 1, "value": "99000001"},
                {"idtype": "pmc", "idtypen": 8, "value": "PMC9900001"},
            ],
        },
    },
}


def test_map_openlibrary():
    record = map_openlibrary(BOOK, ISBN13)
    assert record.type == "book"
    assert record.fields["title"] == "Doing research together: an invented handbook"
    assert record.fields["publisher"] == "Invented Press"
    assert record.fields["publisher-place"] == "Bristol"
    assert record.fields["issued"] == {"date-parts": [[2022, 3]]}
    assert record.fields["ISBN"] == ISBN13
    assert [(c.given, c.family) for c in record.contributors] == [
        ("Avery", "Quill"),
        ("Tamsin", "Wren"),
    ]


def test_map_pubmed():
    item = PUBMED["result"]["99000001"]
    record = map_pubmed(item)
    assert record.type == "article-journal"
    assert record.fields["title"] == "Peer research in practice"
    assert record.fields["container-title"] == "Invented journal of peer research"
    assert record.fields["issued"] == {"date-parts": [[2019, 8, 26]]}
    assert (record.fields["PMID"], record.fields["PMCID"]) == ("99000001", "PMC9900001")
    assert [c.display_name() for c in record.contributors] == [
        "A. Quill",
        "T. B. Wren",
        "Invented Peer Research Collective",
    ]
    assert article_ids(item) == {"pmid": "99000001", "pmcid": "PMC9900001"}


def test_published_doi_of_an_arxiv_record():
    attributes = {"relatedIdentifiers": [
        {"relationType": "IsVersionOf", "relatedIdentifierType": "DOI",
         "relatedIdentifier": "10.1093/BJSW/bcad019"},
    ]}  # fmt: skip
    assert published_doi({"attributes": attributes}) == "10.1093/bjsw/bcad019"
    assert published_doi({"attributes": {"relatedIdentifiers": []}}) is None


@pytest.fixture
def client_and_urls(services_on):
    settings = load_settings()
    with http_client(settings) as client:
        yield client, source_urls(settings), services_on


def bjsw_crossref():
    return json.loads((EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json").read_text())


def test_isbn_through_open_library(client_and_urls):
    client, urls, server = client_and_urls
    server.expect_request(
        "/openlibrary/api/books",
        query_string={"bibkeys": f"ISBN:{ISBN13}", "format": "json", "jscmd": "data"},
    ).respond_with_json(BOOK)
    resolved = fetch_identifier(client, urls, Identifier(ISBN, ISBN13))
    assert resolved.record.fields["title"].startswith("Doing research together")


def test_an_isbn_open_library_does_not_know(client_and_urls):
    client, urls, server = client_and_urls
    server.expect_request("/openlibrary/api/books").respond_with_json({})
    with pytest.raises(NotFound, match=f"ISBN {ISBN13} is not known to Open Library"):
        fetch_identifier(client, urls, Identifier(ISBN, ISBN13))


def test_arxiv_gives_the_published_version_when_arxiv_records_one(client_and_urls):
    client, urls, server = client_and_urls
    preprint = {"data": {"id": "10.48550/arxiv.2301.00001", "type": "dois", "attributes": {
        "doi": "10.48550/arxiv.2301.00001",
        "titles": [{"title": "Reflections on making co-production work"}],
        "creators": [{"name": "Fillingham, J.", "familyName": "Fillingham", "givenName": "J."}],
        "publisher": "arXiv", "publicationYear": 2023,
        "types": {"resourceTypeGeneral": "Preprint"},
        "relatedIdentifiers": [{"relationType": "IsVersionOf", "relatedIdentifierType": "DOI",
                                "relatedIdentifier": "10.1093/bjsw/bcad019"}],
    }}}  # fmt: skip
    server.expect_request("/crossref/works/10.48550/arxiv.2301.00001").respond_with_data(
        "Resource not found.", status=404
    )
    server.expect_request("/datacite/dois/10.48550/arxiv.2301.00001").respond_with_json(preprint)
    server.expect_request("/crossref/works/10.1093/bjsw/bcad019").respond_with_json(bjsw_crossref())
    resolved = fetch_identifier(client, urls, Identifier(ARXIV, "2301.00001"))
    assert resolved.record.doi == "10.1093/bjsw/bcad019"
    assert resolved.note == "the published version of arXiv:2301.00001"


def test_pmid_fetches_the_linked_doi_and_keeps_the_pubmed_ids(client_and_urls):
    client, urls, server = client_and_urls
    summary = json.loads(json.dumps(PUBMED))
    summary["result"]["99000001"]["articleids"].append(
        {"idtype": "doi", "value": "10.1093/bjsw/bcad019"}
    )
    server.expect_request(
        "/ncbi/esummary.fcgi", query_string={"db": "pubmed", "id": "99000001",
                                             "retmode": "json", "tool": "coprodcite"}
    ).respond_with_json(summary)  # fmt: skip
    server.expect_request("/crossref/works/10.1093/bjsw/bcad019").respond_with_json(bjsw_crossref())
    record = fetch_identifier(client, urls, Identifier(PMID, "99000001")).record
    assert record.source == "crossref"
    assert (record.fields["PMID"], record.fields["PMCID"]) == ("99000001", "PMC9900001")


def test_pmcid_without_a_doi_is_mapped_from_pubmed(client_and_urls):
    client, urls, server = client_and_urls
    pmc = {
        "result": {
            "uids": ["9900001"],
            "9900001": {
                "uid": "9900001",
                "articleids": [
                    {"idtype": "pmid", "value": "99000001"},
                    {"idtype": "pmcid", "value": "PMC9900001"},
                ],
            },
        }
    }
    server.expect_request("/ncbi/esummary.fcgi", query_string={
        "db": "pmc", "id": "9900001", "retmode": "json", "tool": "coprodcite"}
    ).respond_with_json(pmc)  # fmt: skip
    server.expect_request("/ncbi/esummary.fcgi").respond_with_json(PUBMED)
    record = fetch_identifier(client, urls, Identifier(PMCID, "PMC9900001")).record
    assert record.source == "pubmed"
    assert record.fields["title"] == "Peer research in practice"


def test_an_unknown_pmid(client_and_urls):
    client, urls, server = client_and_urls
    server.expect_request("/ncbi/esummary.fcgi").respond_with_json(
        {"result": {"uids": ["1"], "1": {"uid": "1", "error": "cannot get document summary"}}}
    )
    with pytest.raises(NotFound, match="PMID 1 is not known to PubMed"):
        fetch_identifier(client, urls, Identifier(PMID, "1"))
