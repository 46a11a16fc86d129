"""Every test runs with its own library and no reachable metadata service unless
it starts one on loopback: nothing here can touch the internet or the user's
own library and config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI (CI=true) runs every property derandomised: the same examples each run, so a
# failure there reproduces locally with HYPOTHESIS_PROFILE=ci; elsewhere examples vary.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"
CSL_SUITE = REPO.parent / "shared" / "csl-test-suite"
BJSW_DOI = "10.1093/bjsw/bcad019"


@pytest.fixture(scope="session")
def style_cache_dir(tmp_path_factory) -> Path:
    """One style index for the whole run (building it reads ~10,800 files)."""
    return tmp_path_factory.mktemp("style-cache")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session (see tests/pg_server.py); on CI it must run."""
    from tests.pg_server import Server

    try:
        server = Server()
    except Exception as exc:
        reason = f"PostgreSQL could not be started: {str(exc).strip()[:300]}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture
def pg_database(pg_server):
    """A new database holding an empty library, dropped after the test."""
    url = pg_server.database()
    yield url
    pg_server.drop(url)


@pytest.fixture(params=["sqlite", "postgres"])
def library_location(request, tmp_path):
    """Where a test's library is: a new SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "lib.sqlite")
    return request.getfixturevalue("pg_database")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch, style_cache_dir):
    for name in list(__import__("os").environ):
        if name.startswith("COPRODCITE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COPRODCITE_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("COPRODCITE_LIBRARY", str(tmp_path / "library.sqlite"))
    monkeypatch.setenv("COPRODCITE_PRIVATE_STORE", str(tmp_path / "private" / "private.sqlite"))
    monkeypatch.setenv("COPRODCITE_STYLES_DIR", str(tmp_path / "user-styles"))
    monkeypatch.setenv("COPRODCITE_CACHE_DIR", str(style_cache_dir))
    # Port 9 (discard) on loopback: a test that forgets to start a server fails fast.
    for var in (
        "COPRODCITE_CROSSREF_URL",
        "COPRODCITE_DATACITE_URL",
        "COPRODCITE_DOI_URL",
        "COPRODCITE_OPENLIBRARY_URL",
        "COPRODCITE_NCBI_URL",
    ):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("COPRODCITE_TIMEOUT", "5")


@pytest.fixture
def bjsw_crossref() -> dict:
    return json.loads((EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json").read_text())


@pytest.fixture
def services_on(httpserver, monkeypatch):
    """Point every service at one loopback server, under distinct prefixes."""
    monkeypatch.setenv("COPRODCITE_CROSSREF_URL", httpserver.url_for("/crossref"))
    monkeypatch.setenv("COPRODCITE_DATACITE_URL", httpserver.url_for("/datacite"))
    monkeypatch.setenv("COPRODCITE_DOI_URL", httpserver.url_for("/doi"))
    monkeypatch.setenv("COPRODCITE_OPENLIBRARY_URL", httpserver.url_for("/openlibrary"))
    monkeypatch.setenv("COPRODCITE_NCBI_URL", httpserver.url_for("/ncbi"))
    monkeypatch.setenv("COPRODCITE_RETRIES", "1")
    return httpserver


def corpus_dir(name: str) -> Path:
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"the shared corpus is not at {path} (CI has it beside the repository)")
    return path
