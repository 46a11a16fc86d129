"""Settings: defaults, then the config file, then environment variables.

Only the command line calls :func:`load_settings`; everything below it receives
the values it needs as arguments.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coprodcite.errors import InvalidInput

APP_NAME = "coprodcite"
DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_DATACITE_URL = "https://api.datacite.org"
DEFAULT_DOI_URL = "https://doi.org"
DEFAULT_OPENLIBRARY_URL = "https://openlibrary.org"
DEFAULT_NCBI_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


def default_library_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "library.sqlite"


def default_private_store() -> Path:
    """Where a shared library's private roles and notes are kept on this machine."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "private.sqlite"


def default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without one)
        return "unknown"


def library_location(value: Any) -> Path | str:
    """A library given as text: a PostgreSQL address kept as it is, else a path."""
    from coprodcite.library.pg_connect import is_postgres

    if is_postgres(value):
        return str(value).strip()
    return Path(value).expanduser()


def default_styles_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "styles"


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME)


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


@dataclass(frozen=True)
class Settings:
    #: a file, or a PostgreSQL database (a ``postgresql://`` URL or libpq keywords)
    library: Path | str = field(default_factory=default_library_path)
    crossref_url: str = DEFAULT_CROSSREF_URL
    datacite_url: str = DEFAULT_DATACITE_URL
    doi_url: str = DEFAULT_DOI_URL
    openlibrary_url: str = DEFAULT_OPENLIBRARY_URL
    ncbi_url: str = DEFAULT_NCBI_URL
    #: an NCBI API key raises E-utilities' limit from 3 to 10 requests a second
    ncbi_api_key: str | None = None
    mailto: str | None = None
    timeout: float = 15.0
    retries: int = 4
    retry_budget: float = 60.0  # seconds a batch may spend waiting to retry, in all
    lock_timeout: float = 60.0  # seconds a write waits for another process's write
    max_input_mb: float = 200.0  # largest file (or standard input) read, in MB
    #: ``check`` takes a library record fetched fewer days ago than this instead of asking
    #: the registry again (0: always ask)
    check_max_age_days: float = 7.0
    style: str = "apa"
    #: The CSL engine: None for the default (coprodcite.render.DEFAULT_ENGINE).
    engine: str | None = None
    #: Roles added to the vocabulary by the config's ``[roles] extra = [...]``.
    extra_roles: tuple[Any, ...] = ()
    key_pattern: str = "{family}{year}{word}"
    #: who changes the library, for its history (COPRODCITE_USER, else the login name)
    user: str = field(default_factory=lambda: default_user())
    #: a PostgreSQL library's private roles and notes, on this machine only
    private_store: Path = field(default_factory=default_private_store)
    #: list every contributor, no "et al." (the pandoc filter; bib and cite: --full-credit)
    full_credit: bool = False
    styles_dir: Path = field(default_factory=default_styles_dir)  # `styles add` puts files here
    cache_dir: Path = field(default_factory=default_cache_dir)  # the style index


# environment variable -> (setting, converter)
_ENVIRONMENT: dict[str, tuple[str, Any]] = {
    "COPRODCITE_LIBRARY": ("library", lambda v: library_location(v)),
    "COPRODCITE_CROSSREF_URL": ("crossref_url", str),
    "COPRODCITE_DATACITE_URL": ("datacite_url", str),
    "COPRODCITE_DOI_URL": ("doi_url", str),
    "COPRODCITE_OPENLIBRARY_URL": ("openlibrary_url", str),
    "COPRODCITE_NCBI_URL": ("ncbi_url", str),
    "COPRODCITE_NCBI_API_KEY": ("ncbi_api_key", str),
    "COPRODCITE_MAILTO": ("mailto", str),
    "COPRODCITE_TIMEOUT": ("timeout", float),
    "COPRODCITE_RETRIES": ("retries", int),
    "COPRODCITE_RETRY_BUDGET": ("retry_budget", float),
    "COPRODCITE_LOCK_TIMEOUT": ("lock_timeout", float),
    "COPRODCITE_MAX_INPUT_MB": ("max_input_mb", float),
    "COPRODCITE_CHECK_MAX_AGE_DAYS": ("check_max_age_days", float),
    "COPRODCITE_STYLE": ("style", str),
    "COPRODCITE_ENGINE": ("engine", lambda v: _engine(v)),
    "COPRODCITE_KEY_PATTERN": ("key_pattern", lambda v: _key_pattern(v)),
    "COPRODCITE_STYLES_DIR": ("styles_dir", Path),
    "COPRODCITE_CACHE_DIR": ("cache_dir", Path),
    "COPRODCITE_FULL_CREDIT": ("full_credit", lambda v: _bool(v)),
    "COPRODCITE_USER": ("user", str),
    "COPRODCITE_PRIVATE_STORE": ("private_store", Path),
}
_FILE_KEYS = {name: conv for name, conv in _ENVIRONMENT.values()}


def _list(value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return tuple(value)


_FILE_KEYS["extra_roles"] = _list


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise ValueError(value)
    return text in ("1", "true", "yes", "on")


def _engine(value: Any) -> str:
    from coprodcite.render import ENGINES

    if str(value) not in ENGINES:
        raise InvalidInput(
            f"unknown rendering engine '{value}'", hint=f"use one of: {', '.join(ENGINES)}"
        )
    return str(value)


def _key_pattern(value: Any) -> str:
    from coprodcite.library.keys import check_key_pattern

    return check_key_pattern(str(value))


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            f"cannot read config file {path}: {exc}", hint="fix or remove it"
        ) from exc
    section = data.get("coprodcite", data)
    values = {k.replace("-", "_"): v for k, v in section.items()}
    roles = data.get("roles")
    if isinstance(roles, dict) and "extra" in roles:
        values["extra_roles"] = roles["extra"]
    return values


def load_settings(
    env: Mapping[str, str] | None = None, config_path: Path | None = None
) -> Settings:
    env = os.environ if env is None else env
    path = Path(env["COPRODCITE_CONFIG"]) if env.get("COPRODCITE_CONFIG") else config_path
    values: dict[str, Any] = {}
    for key, value in _read_config_file(path or default_config_path()).items():
        if key in _FILE_KEYS:
            values[key] = _convert(_FILE_KEYS[key], value, f"config key {key!r}")
    for var, (name, conv) in _ENVIRONMENT.items():
        if env.get(var):
            values[name] = _convert(conv, env[var], var)
    settings = replace(Settings(), **values)
    return replace(
        settings,
        crossref_url=settings.crossref_url.rstrip("/"),
        datacite_url=settings.datacite_url.rstrip("/"),
        doi_url=settings.doi_url.rstrip("/"),
        openlibrary_url=settings.openlibrary_url.rstrip("/"),
        ncbi_url=settings.ncbi_url.rstrip("/"),
        library=library_location(settings.library),
        styles_dir=settings.styles_dir.expanduser(),
        cache_dir=settings.cache_dir.expanduser(),
    )


def _convert(conv: Any, value: Any, where: str) -> Any:
    try:
        return conv(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"{where}: cannot use {value!r}", hint="fix its value") from exc
