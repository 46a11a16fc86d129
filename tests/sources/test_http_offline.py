"""Offline and refused for ever: a batch fails fast and says what to do (issue 15
item 11, issue 17 item 8). Real sockets on loopback; ``sleep`` is injected so that
waits are recorded, never slept."""

from __future__ import annotations

import socket

import pytest
from pytest_httpserver import HTTPServer

from coprodcite.errors import RateLimited, SourceUnavailable
from tests.sources.test_http import FakeTime, client, closed_port


def test_a_refused_host_is_tried_once_for_the_whole_client() -> None:
    http = client(retries=4)
    port = closed_port()
    for doi in ("10.1000/a", "10.1000/b", "10.1000/c"):
        with pytest.raises(SourceUnavailable, match="connection refused"):
            http.get_json(f"http://127.0.0.1:{port}/works/{doi}", service="crossref")
    assert http.stats["requests"] == 1


@pytest.fixture
def no_dns(monkeypatch):
    """A resolver that knows no name (as offline): the standard library's lookup
    fails for `.invalid` names, without asking any DNS server."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_no_dns_answer_is_not_retried_and_says_how_to_work_offline(no_dns) -> None:
    fake = FakeTime()
    http = client(fake, retries=4)
    with pytest.raises(SourceUnavailable) as caught:
        http.get_json("https://api.crossref.invalid/works/10.1000/a", service="crossref")
    message = str(caught.value)
    assert "cannot reach Crossref at api.crossref.invalid (no answer from DNS)" in message
    assert "you seem to be offline" in message and "coprodcite add --record FILE" in message
    with pytest.raises(SourceUnavailable, match="no answer from DNS"):
        http.get_json("https://api.crossref.invalid/works/10.1000/b", service="crossref")
    assert http.stats["requests"] == 1 and fake.sleeps == []


def test_another_host_is_still_tried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/x").respond_with_json({"ok": True})
    http = client()
    with pytest.raises(SourceUnavailable):
        http.get_json(f"http://127.0.0.1:{closed_port()}/works/x", service="crossref")
    assert http.get_json(httpserver.url_for("/works/x"), service="datacite") == {"ok": True}


def refuse_forever(httpserver: HTTPServer, retry_after: str = "1") -> None:
    httpserver.expect_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": retry_after}
    )


def test_429_retries_stop_when_the_budget_is_spent(httpserver: HTTPServer) -> None:
    refuse_forever(httpserver)
    fake = FakeTime()
    http = client(fake, retries=10, retry_budget=2.5)
    with pytest.raises(RateLimited, match="kept refusing"):
        http.get_json(httpserver.url_for("/busy"), service="crossref")
    assert fake.sleeps == [1.0, 1.0]  # a third wait would go over 2.5 s
    assert len(httpserver.log) == 3
    httpserver.clear_log()
    with pytest.raises(RateLimited):  # the budget is the batch's: nothing left to wait
        http.get_json(httpserver.url_for("/busy"), service="crossref")
    assert fake.sleeps == [1.0, 1.0] and len(httpserver.log) == 1


def test_a_long_retry_after_is_not_waited_beyond_the_budget(httpserver: HTTPServer) -> None:
    refuse_forever(httpserver, retry_after="90")
    fake = FakeTime()
    http = client(fake, retries=4, retry_budget=60)
    with pytest.raises(RateLimited):
        http.get_json(httpserver.url_for("/busy"), service="crossref")
    assert fake.sleeps == [] and len(httpserver.log) == 1


def test_the_first_429_is_told_at_once_and_only_once(httpserver: HTTPServer) -> None:
    refuse_forever(httpserver)
    notices: list[str] = []
    fake = FakeTime()

    def notice(message: str) -> None:
        notices.append(message)
        assert fake.sleeps == [], "told before any wait"

    http = client(fake, retries=2, retry_budget=30, on_notice=notice)
    for _ in range(2):
        with pytest.raises(RateLimited):
            http.get_json(httpserver.url_for("/busy"), service="crossref")
    assert notices == [
        "Crossref is refusing requests (HTTP 429, too many requests); retrying for up to 30 s"
        " in all"
    ]
