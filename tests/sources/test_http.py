"""HttpClient against a real HTTP server on loopback (pytest-httpserver).

Timeouts, retries, 429s, bad bodies and rate limits are real here; only ``sleep`` and
``clock`` are sometimes injected so that waits are recorded instead of slept.
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from coprodcite.errors import CoprodciteError, NotFound, RateLimited, SourceUnavailable
from coprodcite.sources.http import HttpClient, RateLimit, default_limits, user_agent

UA = "coprodcite/0.1.0 (https://github.com/coprodcite/coprodcite; mailto:test@example.org)"


@pytest.fixture(scope="module")
def make_httpserver() -> Iterator[HTTPServer]:
    """A threaded server, so concurrent and slow requests are really concurrent."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


class FakeTime:
    """A clock that only moves when slept on; records every sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def client(fake: FakeTime | None = None, **options: object) -> HttpClient:
    fake = fake or FakeTime()
    settings: dict[str, object] = {"retries": 3, "backoff": 0.01, "timeout": 2.0}
    settings.update(options)
    return HttpClient(user_agent=UA, sleep=fake.sleep, clock=fake.clock, **settings)  # type: ignore[arg-type]


def fail(call: object, error: type[CoprodciteError]) -> CoprodciteError:
    """Run ``call``; it must raise exactly ``error`` with a one-line message."""
    with pytest.raises(CoprodciteError) as caught:
        call()  # type: ignore[operator]
    assert type(caught.value) is error
    assert "\n" not in str(caught.value)
    assert "Traceback" not in str(caught.value)
    return caught.value


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- User-Agent and limits -------------------------------------------------------------


@pytest.mark.parametrize(
    ("mailto", "expected"),
    [
        ("test@example.org", UA),
        (None, "coprodcite/0.1.0 (https://github.com/coprodcite/coprodcite)"),
        ("", "coprodcite/0.1.0 (https://github.com/coprodcite/coprodcite)"),
    ],
)
def test_user_agent_is_sent(httpserver: HTTPServer, mailto: str | None, expected: str) -> None:
    agent = user_agent("0.1.0", "https://github.com/coprodcite/coprodcite", mailto)
    assert agent == expected
    httpserver.expect_request(
        "/works", headers={"User-Agent": expected, "Accept": "application/json"}
    ).respond_with_json({"ok": 1})
    with HttpClient(user_agent=agent, retries=0) as http:
        assert http.get_json(httpserver.url_for("/works"), service="crossref") == {"ok": 1}
    httpserver.check_assertions()


@pytest.mark.parametrize(
    ("mailto", "per_second", "concurrency"),
    [("me@example.org", 10.0, 3), (None, 5.0, 1)],
)
def test_default_limits_keep_within_the_published_ones(
    mailto: str | None, per_second: float, concurrency: int
) -> None:
    limits = default_limits(mailto)
    crossref = limits["crossref"]
    assert crossref.per_second is not None
    assert 0.9 * per_second <= crossref.per_second < per_second
    assert crossref.concurrency == concurrency
    datacite = limits["datacite"]
    assert datacite.window is not None
    assert datacite.window[1] == 300.0 and 900 <= datacite.window[0] < 1000
    assert limits["doi"].per_second is not None and limits["doi"].per_second <= 5.0


# --- Success, redirects, headers, text --------------------------------------------------


def test_redirect_is_followed_with_the_callers_accept(httpserver: HTTPServer) -> None:
    csl = "application/vnd.citationstyles.csl+json"
    httpserver.expect_request("/10.1234/abc").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/agency/abc")}
    )
    httpserver.expect_request("/agency/abc", headers={"Accept": csl}).respond_with_json(
        {"DOI": "10.1234/abc"}
    )
    http = client()
    got = http.get_json(httpserver.url_for("/10.1234/abc"), service="doi", headers={"accept": csl})
    assert got == {"DOI": "10.1234/abc"}
    assert [request.path for request, _ in httpserver.log] == ["/10.1234/abc", "/agency/abc"]


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Grüße".encode(), "text/plain; charset=utf-8", "Grüße"),
        ("Grüße".encode(), "text/plain", "Grüße"),
        ("Grüße".encode("latin-1"), "text/plain; charset=ISO-8859-1", "Grüße"),
    ],
)
def test_get_text_decodes(
    httpserver: HTTPServer, body: bytes, content_type: str, expected: str
) -> None:
    httpserver.expect_request("/t").respond_with_data(body, content_type=content_type)
    assert client().get_text(httpserver.url_for("/t"), service="doi") == expected


# --- HTTP errors ------------------------------------------------------------------------


def test_404_is_not_found(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    http = client()
    url = httpserver.url_for("/missing")
    error = fail(lambda: http.get_json(url, service="crossref"), NotFound)
    assert url in str(error)
    assert http.stats["requests"] == 1


@pytest.mark.parametrize("status", [400, 401, 403, 410, 418])
def test_other_4xx_is_unavailable_without_retry(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/x").respond_with_data("no", status=status)
    http = client()
    url = httpserver.url_for("/x")
    error = fail(lambda: http.get_json(url, service="datacite"), SourceUnavailable)
    assert f"HTTP {status}" in str(error)
    assert url in str(error)
    assert http.stats["requests"] == 1


def test_429_forever_is_rate_limited_after_all_retries(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("slow down", status=429)
    http = client(retries=2)
    error = fail(lambda: http.get_json(httpserver.url_for("/x"), service="x"), RateLimited)
    assert "try later" in str(error)
    assert len(httpserver.log) == 3
    stats = http.stats.as_dict()
    assert (stats["requests"], stats["retries"], stats["status_429"]) == (3, 2, 3)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_then_200_is_retried(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_oneshot_request("/x").respond_with_data("oops", status=status)
    httpserver.expect_request("/x").respond_with_json({"ok": True})
    http = client()
    assert http.get_json(httpserver.url_for("/x"), service="x") == {"ok": True}
    assert (http.stats["requests"], http.stats["status_5xx"]) == (2, 1)


@pytest.fixture
def top_of_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the full jitter always pick its upper bound, so backoffs are exact."""
    monkeypatch.setattr(random, "uniform", lambda low, high: high)


@pytest.mark.usefixtures("top_of_jitter")
def test_5xx_forever_is_unavailable_with_capped_backoff(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("oops", status=500)
    fake = FakeTime()
    http = client(fake, retries=4, backoff=0.01, max_backoff=0.03)
    url = httpserver.url_for("/x")
    error = fail(lambda: http.get_json(url, service="x"), SourceUnavailable)
    assert "HTTP 500" in str(error)
    assert url in str(error)
    assert "try again later" in str(error)
    assert len(httpserver.log) == 5
    assert fake.sleeps == pytest.approx([0.01, 0.02, 0.03, 0.03])


def in_an_hour() -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(hours=1), usegmt=True)


def an_hour_ago() -> str:
    return format_datetime(datetime.now(timezone.utc) - timedelta(hours=1), usegmt=True)


@pytest.mark.usefixtures("top_of_jitter")
@pytest.mark.parametrize(
    ("status", "retry_after", "backoff", "delay"),
    [
        (429, "1", 0.01, 1.0),
        (429, "1", 3.0, 3.0),  # the backoff is longer: keep it
        (503, "2", 0.01, 2.0),
        (429, "600", 0.01, 5.0),  # capped at max_retry_after
        (429, in_an_hour(), 0.01, 5.0),  # HTTP-date, capped
        (429, an_hour_ago(), 0.01, 0.01),  # a date in the past: plain backoff
        (429, "soon", 0.01, 0.01),  # unparseable: plain backoff
        (500, "2", 0.01, 0.01),  # only 429 and 503 carry Retry-After
    ],
)
def test_retry_after_is_honoured(
    httpserver: HTTPServer, status: int, retry_after: str, backoff: float, delay: float
) -> None:
    httpserver.expect_oneshot_request("/x").respond_with_data(
        "", status=status, headers={"Retry-After": retry_after}
    )
    httpserver.expect_request("/x").respond_with_json([1, 2])
    fake = FakeTime()
    http = client(fake, backoff=backoff, max_retry_after=5.0)
    assert http.get_json(httpserver.url_for("/x"), service="x") == [1, 2]
    assert fake.sleeps == pytest.approx([delay])


# --- Network failures -------------------------------------------------------------------


def test_read_timeout_is_retried_then_unavailable(httpserver: HTTPServer) -> None:
    release = threading.Event()
    arrivals: list[float] = []

    def stall(request: Request) -> Response:
        arrivals.append(time.monotonic())
        release.wait(timeout=5)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(stall)
    http = client(timeout=0.2, retries=1)
    url = httpserver.url_for("/slow")
    try:
        error = fail(lambda: http.get_json(url, service="crossref"), SourceUnavailable)
    finally:
        release.set()
    assert "did not answer within 0.2 s" in str(error)
    assert url in str(error)
    assert len(arrivals) == 2
    assert (http.stats["timeouts"], http.stats["retries"]) == (2, 1)


def test_connection_refused_is_not_retried() -> None:
    """Issue 15 item 11: a refused connection will not get better in a second
    (tests/sources/test_http_offline.py has the rest)."""
    http = client(retries=2)
    port = closed_port()
    error = fail(lambda: http.get_json(f"http://127.0.0.1:{port}/works", service="crossref"),
                 SourceUnavailable)  # fmt: skip
    assert f"cannot reach Crossref at 127.0.0.1:{port} (connection refused)" in str(error)
    assert "--record" in str(error)
    assert (http.stats["connection_errors"], http.stats["retries"]) == (1, 0)


def test_body_cut_short_is_retried_then_unavailable(httpserver: HTTPServer) -> None:
    cut = Response(b'{"DOI": "10.1', content_type="application/json")
    cut.headers["Content-Length"] = "100"  # promise more than is sent, then close
    httpserver.expect_request("/x").respond_with_response(cut)
    http = client(retries=1)
    fail(lambda: http.get_json(httpserver.url_for("/x"), service="x"), SourceUnavailable)
    assert len(httpserver.log) == 2


@pytest.mark.parametrize(
    "url", ["example.org/works", "htp://example.org/works", "http://", "http://[::1/x"]
)
def test_unusable_url_is_unavailable_without_retry(url: str) -> None:
    http = client()
    error = fail(lambda: http.get_json(url, service="x"), SourceUnavailable)
    assert url in str(error)
    assert http.stats["requests"] == 1


# --- Bad bodies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>Service Unavailable</body></html>", "text/html"),
        (b"", "application/json"),
        (b'{"message": {"DOI": "10.1234/abc", "title": ["A', "application/json"),
        (b"\xff\xfe\xfa not text", "application/json"),
        (b"[" * 100_000, "application/json"),
    ],
    ids=["html", "empty", "truncated", "binary", "too-deep"],
)
def test_body_that_is_not_json(httpserver: HTTPServer, body: bytes, content_type: str) -> None:
    httpserver.expect_request("/x").respond_with_data(body, content_type=content_type)
    http = client()
    url = httpserver.url_for("/x")
    error = fail(lambda: http.get_json(url, service="crossref"), SourceUnavailable)
    assert str(error).startswith(f"Crossref sent a body that is not JSON for {url}")
    assert http.stats["requests"] == 1


# --- Rate limits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "requests", "sleeps"),
    [
        (RateLimit(per_second=2.0), 4, [0.5, 0.5, 0.5]),
        (RateLimit(per_second=2.0, burst=3), 5, [0.5, 0.5]),
        (RateLimit(window=(2, 10.0)), 5, [10.0, 10.0]),
        (RateLimit(per_second=1.0, window=(3, 10.0)), 4, [1.0, 1.0, 8.0]),
    ],
)
def test_limiter_waits_on_the_injected_clock(
    httpserver: HTTPServer, limit: RateLimit, requests: int, sleeps: list[float]
) -> None:
    httpserver.expect_request("/x").respond_with_json({})
    fake = FakeTime()
    http = client(fake, limits={"crossref": limit})
    for _ in range(requests):
        http.get_json(httpserver.url_for("/x"), service="crossref")
    assert fake.sleeps == pytest.approx(sleeps)
    http.get_json(httpserver.url_for("/x"), service="datacite")  # unknown here: no limit
    assert fake.sleeps == pytest.approx(sleeps)


def test_limiter_applies_to_retries(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/x").respond_with_data("", status=500)
    httpserver.expect_request("/x").respond_with_json({})
    fake = FakeTime()
    http = client(fake, limits={"doi": RateLimit(per_second=1.0)})
    http.get_json(httpserver.url_for("/x"), service="doi")
    assert len(fake.sleeps) == 2  # the backoff, then the rest of the limiter's second
    assert sum(fake.sleeps) == pytest.approx(1.0)


class Recorder:
    """Records when requests arrive and how many are in the handler at once."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.lock = threading.Lock()
        self.arrivals: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.arrivals.append(time.monotonic())
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                threading.Event().wait(self.latency)  # simulated service latency
        finally:
            with self.lock:
                self.in_flight -= 1
        return Response(json.dumps({"ok": True}), content_type="application/json")

    def busiest_second(self) -> int:
        times = sorted(self.arrivals)
        return max(sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times))


@pytest.mark.parametrize(
    ("limit", "per_thread", "latency", "in_flight"),
    [
        # Fast service: only the token bucket holds 30 requests back.
        (RateLimit(per_second=20.0, concurrency=3), 10, 0.0, None),
        # Slow service: three threads want three requests in flight; two are allowed.
        (RateLimit(per_second=20.0, concurrency=2), 4, 0.15, 2),
    ],
    ids=["rate", "concurrency"],
)
def test_limiter_under_threads_in_real_time(
    httpserver: HTTPServer,
    limit: RateLimit,
    per_thread: int,
    latency: float,
    in_flight: int | None,
) -> None:
    recorder = Recorder(latency)
    httpserver.expect_request("/x").respond_with_handler(recorder)
    total = 3 * per_thread
    with HttpClient(user_agent=UA, retries=0, limits={"crossref": limit}) as http:
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=3) as pool:
            urls = [httpserver.url_for("/x")] * total
            results = list(pool.map(lambda u: http.get_json(u, service="crossref"), urls))
        elapsed = time.monotonic() - start
    assert results == [{"ok": True}] * total
    assert http.stats["requests"] == total
    assert recorder.max_in_flight <= limit.concurrency
    if in_flight is not None:
        assert recorder.max_in_flight == in_flight
    assert recorder.busiest_second() <= 20 + limit.burst
    assert elapsed >= (total - limit.burst) / 20.0 - 0.05
