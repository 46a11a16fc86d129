"""The source chain against a real loopback server: Crossref, then DataCite, then
content negotiation, with DOIs percent-encoded as the DOI Handbook says."""

from __future__ import annotations

import json

import pytest
from werkzeug import Request, Response

from coprodcite.errors import NotFound, SourceUnavailable
from coprodcite.sources import SourceURLs, fetch_record
from coprodcite.sources.http import HttpClient

SICI = "10.1002/(sici)1097-461x(1998)66:4<261::aid-qua1>3.0.co;2-t"


@pytest.fixture
def client():
    with HttpClient(user_agent="coprodcite-test", retries=0, timeout=5) as http:
        yield http


def urls(httpserver) -> SourceURLs:
    return SourceURLs(
        httpserver.url_for("/cr"), httpserver.url_for("/dc"), httpserver.url_for("/doi")
    )


def test_crossref_request_percent_encodes_reserved_characters(httpserver, client):
    seen = []

    def handle(request: Request) -> Response:
        seen.append(request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI"))
        body = {
            "status": "ok",
            "message": {
                "DOI": SICI,
                "type": "journal-article",
                "title": ["Renormalized perturbation theory"],
            },
        }
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(f"/cr/works/{SICI}").respond_with_handler(handle)
    record = fetch_record(client, urls(httpserver), SICI)
    assert record.doi == SICI
    assert seen == ["/cr/works/10.1002/(sici)1097-461x(1998)66:4%3C261::aid-qua1%3E3.0.co;2-t"]


def test_hash_question_mark_and_space_are_encoded(httpserver, client):
    doi = "10.5555/a#b?c d"
    seen = []

    def handle(request: Request) -> Response:
        seen.append(request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI"))
        return Response("", status=404)

    httpserver.expect_request(f"/cr/works/{doi}").respond_with_handler(handle)
    httpserver.expect_request(f"/dc/dois/{doi}").respond_with_handler(handle)
    httpserver.expect_request(f"/doi/{doi}").respond_with_handler(handle)
    with pytest.raises(NotFound):
        fetch_record(client, urls(httpserver), doi)
    assert seen == [
        "/cr/works/10.5555/a%23b%3Fc%20d",
        "/dc/dois/10.5555/a%23b%3Fc%20d",
        "/doi/10.5555/a%23b%3Fc%20d",
    ]


def test_a_crossref_outage_is_not_reported_as_not_found(httpserver, client):
    httpserver.expect_request("/cr/works/10.5555/x").respond_with_data("down", status=503)
    with pytest.raises(SourceUnavailable) as info:
        fetch_record(client, urls(httpserver), "10.5555/x")
    assert "503" in str(info.value)
    assert len(httpserver.log) == 1  # DataCite was not asked


def test_a_record_the_mapping_cannot_read(httpserver, client):
    httpserver.expect_request("/cr/works/10.5555/x").respond_with_json(
        {"status": "ok", "message": ["not", "a work"]}
    )
    with pytest.raises(SourceUnavailable, match="Crossref sent a record for 10.5555/x"):
        fetch_record(client, urls(httpserver), "10.5555/x")
