"""The HTTP client and service addresses the use cases share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coprodcite import PROJECT_URL, __version__
from coprodcite.config import Settings


def http_client(settings: Settings, on_notice: Callable[[str], None] | None = None) -> Any:
    from coprodcite.sources.http import HttpClient, default_limits, user_agent

    return HttpClient(
        user_agent=user_agent(__version__, PROJECT_URL, settings.mailto),
        timeout=settings.timeout,
        retries=settings.retries,
        limits=default_limits(settings.mailto, ncbi_key=bool(settings.ncbi_api_key)),
        retry_budget=settings.retry_budget,
        on_notice=on_notice,
    )


def source_urls(settings: Settings) -> Any:
    """Where each registry is (every one configurable, so tests use loopback)."""
    from coprodcite.sources import SourceURLs

    return SourceURLs(
        settings.crossref_url,
        settings.datacite_url,
        settings.doi_url,
        openlibrary=settings.openlibrary_url,
        ncbi=settings.ncbi_url,
        mailto=settings.mailto,
        ncbi_api_key=settings.ncbi_api_key,
    )
