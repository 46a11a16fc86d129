"""The one HTTP client of coprodcite: User-Agent, timeouts, retries and rate limits.

This is the only module that imports :mod:`requests`. Every request goes through
:meth:`HttpClient.get_json` (or :meth:`HttpClient.get_text`), which waits for the
service's :class:`RateLimit`, retries transient failures with jittered exponential
backoff, honours ``Retry-After`` and turns every failure into a :class:`CoprodciteError`.
The waits to retry of all requests of one client (one batch) come out of one budget;
a host that cannot be reached (no DNS answer, connection refused) is not retried, nor
asked again by that client.
"""

from __future__ import annotations

import errno
import json
import math
import random
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from coprodcite.errors import NotFound, RateLimited, SourceUnavailable

_EPSILON = 1e-9
_NAMES = {
    "crossref": "Crossref",
    "datacite": "DataCite",
    "doi": "doi.org",
    "openlibrary": "Open Library",
    "ncbi": "NCBI",
}
_TRY_LATER = "check your connection or try again later"
_OFFLINE = (
    "you seem to be offline: `coprodcite add --record FILE` adds a saved record without"
    " the network; otherwise retry when online"
)
# Failures worth another attempt; anything else (a malformed URL, say) will not get better.
_TRANSIENT = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    urllib3.exceptions.ProtocolError,
    urllib3.exceptions.TimeoutError,
)


@dataclass(frozen=True)
class RateLimit:
    """How fast one service may be called; ``None`` fields impose no limit."""

    per_second: float | None = None  # token-bucket rate
    burst: int = 1  # bucket size
    window: tuple[int, float] | None = None  # at most N requests per T seconds (sliding)
    concurrency: int = 1  # requests in flight at once


def user_agent(version: str, project_url: str, mailto: str | None) -> str:
    """The User-Agent Crossref and DataCite ask for: tool, version, URL and contact."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"coprodcite/{version} ({project_url}{contact})"


#: Fraction of a published rate the client uses: requests sent exactly at the limit
#: arrive with network jitter, and a server counting a sliding second then sees one
#: too many (bench/bench_add.py met 9 429s in 200 requests at 100%, none at 95%).
RATE_MARGIN = 0.95


def default_limits(mailto: str | None, *, ncbi_key: bool = False) -> dict[str, RateLimit]:
    """Published limits: Crossref (since December 2025: polite pool 10/s and 3 at
    once, public pool 5/s and 1 at once), DataCite (1,000 per 5 minutes), doi.org,
    NCBI E-utilities (3/s, 10/s with an API key) and Open Library (which asks for
    1/s, 3/s from clients that give a contact)."""
    crossref = (
        RateLimit(per_second=10.0 * RATE_MARGIN, concurrency=3)
        if mailto
        else RateLimit(per_second=5.0 * RATE_MARGIN, concurrency=1)
    )
    return {
        "crossref": crossref,
        "datacite": RateLimit(window=(int(1000 * RATE_MARGIN), 300.0), concurrency=3),
        "doi": RateLimit(per_second=5.0 * RATE_MARGIN, concurrency=2),
        "ncbi": RateLimit(per_second=(10.0 if ncbi_key else 3.0) * RATE_MARGIN, concurrency=1),
        "openlibrary": RateLimit(per_second=(3.0 if mailto else 1.0) * RATE_MARGIN),
    }


class Stats:
    """Thread-safe counters of what the client did."""

    FIELDS = ("requests", "retries", "status_429", "status_5xx", "timeouts", "connection_errors")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(self.FIELDS, 0)

    def add(self, field: str, amount: int = 1) -> None:
        with self._lock:
            self._counts[field] += amount

    def __getitem__(self, field: str) -> int:
        with self._lock:
            return self._counts[field]

    def as_dict(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


class _Limiter:
    """Concurrency semaphore, token bucket and sliding window for one service."""

    def __init__(
        self, limit: RateLimit, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self._limit = limit
        self._clock = clock
        self._sleep = sleep
        self._slots = threading.BoundedSemaphore(max(1, limit.concurrency))
        self._lock = threading.Lock()
        self._tokens = float(max(1, limit.burst))
        self._refilled = clock()
        self._sent: deque[float] = deque()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._slots:
            while (delay := self._reserve()) > 0:
                self._sleep(delay)
            yield

    def _reserve(self) -> float:
        """Take a turn now and return 0, or return how long to wait before asking again."""
        with self._lock:
            now = self._clock()
            delay = max(self._bucket_delay(now), self._window_delay(now))
            if delay > 0:
                return delay
            if self._limit.per_second:
                self._tokens -= 1.0
            if self._limit.window:
                self._sent.append(now)
            return 0.0

    def _bucket_delay(self, now: float) -> float:
        rate = self._limit.per_second
        if not rate:
            return 0.0
        elapsed = max(0.0, now - self._refilled)
        self._tokens = min(float(max(1, self._limit.burst)), self._tokens + elapsed * rate)
        self._refilled = now
        return 0.0 if self._tokens + _EPSILON >= 1.0 else (1.0 - self._tokens) / rate

    def _window_delay(self, now: float) -> float:
        if not self._limit.window:
            return 0.0
        count, span = self._limit.window
        while self._sent and self._sent[0] + span <= now + _EPSILON:
            self._sent.popleft()
        return 0.0 if len(self._sent) < count else self._sent[0] + span - now


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _is_timeout(error: Exception) -> bool:
    # A read timeout while streaming the body surfaces as ConnectionError(ReadTimeoutError).
    cause = error.args[0] if error.args else None
    timeouts = (requests.Timeout, urllib3.exceptions.TimeoutError)
    return isinstance(error, timeouts) or isinstance(cause, timeouts)


class HttpClient:
    """One ``requests.Session`` with timeouts, retries and per-service rate limits."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 15.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        max_retry_after: float = 120.0,
        limits: Mapping[str, RateLimit] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        retry_budget: float | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        """``retry_budget``: seconds that all requests of this client together may
        spend waiting to retry (None: no cap); ``on_notice`` is told at once, in one
        line, when a service starts refusing with HTTP 429."""
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.retry_budget = retry_budget
        self.stats = Stats()
        self._sleep = sleep
        self._on_notice = on_notice
        self._budget_lock = threading.Lock()
        self._waited = 0.0  # seconds spent waiting to retry, by all requests
        self._unreachable: dict[str, str] = {}  # host -> why (DNS, refused): not tried again
        self._refusing: set[str] = set()  # services that answered 429
        limits = dict(limits or {})
        self._limiters = {name: _Limiter(lim, clock, sleep) for name, lim in limits.items()}
        pool = max(10, sum(lim.concurrency for lim in limits.values()))
        self._session = requests.Session()
        self._session.mount("http://", HTTPAdapter(pool_maxsize=pool, max_retries=0))
        self._session.mount("https://", HTTPAdapter(pool_maxsize=pool, max_retries=0))
        self._session.headers["User-Agent"] = user_agent

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    def get_json(self, url: str, *, service: str, headers: Mapping[str, str] | None = None) -> Any:
        """GET ``url`` and return its decoded JSON body."""
        response = self._get(url, service, headers)
        try:
            return json.loads(response.content)
        except (ValueError, RecursionError):
            raise SourceUnavailable(
                f"{_name(service)} sent a body that is not JSON for {url}", hint="try again later"
            ) from None

    def get_text(self, url: str, *, service: str, headers: Mapping[str, str] | None = None) -> str:
        """GET ``url`` and return its body as text (e.g. BibTeX by content negotiation)."""
        response = self._get(url, service, headers)
        if "charset=" not in response.headers.get("Content-Type", "").lower():
            response.encoding = "utf-8"  # not requests' ISO-8859-1 guess for text/*
        return response.text

    def _get(self, url: str, service: str, headers: Mapping[str, str] | None) -> requests.Response:
        merged: CaseInsensitiveDict[str] = CaseInsensitiveDict({"Accept": "application/json"})
        merged.update(headers or {})
        host = _host(url)
        if host in self._unreachable:  # once per batch: the next DOIs fail at once
            raise _offline(service, host, self._unreachable[host])
        response: requests.Response | None = None
        error: Exception | None = None
        for attempt in range(self.retries + 1):
            response, error = self._attempt(url, service, merged)
            if error is not None and (why := _unreachable(error)):
                self._unreachable.setdefault(host, why)
                raise _offline(service, host, why) from error
            if response is not None and response.status_code == 429:
                self._notice_refusal(service)
            if attempt == self.retries or not _retryable(response, error):
                break
            delay = self._delay(attempt, response)
            if not self._spend(delay):
                break
            self.stats.add("retries")
            self._sleep(delay)
        return _checked(url, service, response, error, self.timeout)

    def _spend(self, delay: float) -> bool:
        """Take ``delay`` from the retry budget; False (and nothing taken) when it
        would go over: the request then fails with what it got."""
        with self._budget_lock:
            if self.retry_budget is not None and self._waited + delay > self.retry_budget:
                return False
            self._waited += delay
            return True

    def _notice_refusal(self, service: str) -> None:
        with self._budget_lock:
            if service in self._refusing:
                return
            self._refusing.add(service)
        if self._on_notice:
            cap = "" if self.retry_budget is None else f" for up to {self.retry_budget:g} s"
            self._on_notice(
                f"{_name(service)} is refusing requests (HTTP 429, too many requests);"
                f" retrying{cap} in all"
            )

    def _attempt(
        self, url: str, service: str, headers: Mapping[str, str]
    ) -> tuple[requests.Response | None, Exception | None]:
        limiter = self._limiters.get(service)
        with limiter.slot() if limiter else nullcontext():
            self.stats.add("requests")
            try:
                response = self._session.get(
                    url, headers=headers, timeout=(self.timeout, self.timeout)
                )
                _ = response.content  # read the whole body while holding the slot
            except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
                if isinstance(error, _TRANSIENT):
                    self.stats.add("timeouts" if _is_timeout(error) else "connection_errors")
                return None, error
        if response.status_code == 429:
            self.stats.add("status_429")
        elif response.status_code >= 500:
            self.stats.add("status_5xx")
        return response, None

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        delay = random.uniform(0, min(self.max_backoff, self.backoff * 2**attempt))
        if response is not None and response.status_code in (429, 503):
            asked = _retry_after(response.headers.get("Retry-After"))
            if asked is not None:
                delay = max(delay, min(asked, self.max_retry_after))
        return delay


def _name(service: str) -> str:
    return _NAMES.get(service, service)


def _unreachable(error: Exception) -> str | None:
    """Why a failed connection cannot get better by retrying now: no DNS answer, or
    the connection refused (no network, a service down). None for other failures."""
    seen: set[int] = set()
    todo: list[Any] = [error]
    while todo:
        cause = todo.pop()
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return "no answer from DNS"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "no route to it"
        todo += [getattr(cause, "reason", None), cause.__cause__, cause.__context__]
        todo += [a for a in getattr(cause, "args", ()) if isinstance(a, BaseException)]
    return None


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:  # not a URL: requests reports it
        return url


def _offline(service: str, host: str, why: str) -> SourceUnavailable:
    return SourceUnavailable(f"cannot reach {_name(service)} at {host} ({why})", hint=_OFFLINE)


def _retryable(response: requests.Response | None, error: Exception | None) -> bool:
    """Whether an attempt's outcome is transient: a network failure, 429 or 5xx."""
    if response is None:
        return isinstance(error, _TRANSIENT)
    return response.status_code == 429 or response.status_code >= 500


def _checked(
    url: str,
    service: str,
    response: requests.Response | None,
    error: Exception | None,
    timeout: float,
) -> requests.Response:
    """Return a successful response, or raise the error the user should see."""
    name = _name(service)
    if response is None:
        if error is not None and _is_timeout(error):
            reason = f"{name} did not answer within {timeout:g} s for {url}"
        elif isinstance(error, _TRANSIENT):
            reason = f"the connection to {name} failed or broke off for {url}"
        else:
            reason = f"could not request {url} from {name} ({type(error).__name__})"
        raise SourceUnavailable(reason, hint=_TRY_LATER) from error
    status = response.status_code
    if 200 <= status < 300:
        return response
    if status == 404:
        raise NotFound(f"{name} has nothing at {url} (HTTP 404)", hint="check the identifier")
    if status == 429:
        raise RateLimited(
            f"{name} kept refusing {url} with HTTP 429 (too many requests)",
            hint="wait a few minutes and try later",
        )
    if status >= 500:
        raise SourceUnavailable(f"{name} failed with HTTP {status} for {url}", hint=_TRY_LATER)
    raise SourceUnavailable(
        f"{name} refused {url} with HTTP {status}",
        hint="check the input; if it looks right, please report a bug",
    )
