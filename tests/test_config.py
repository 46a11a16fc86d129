from pathlib import Path

import pytest

from coprodcite.config import DEFAULT_CROSSREF_URL, load_settings
from coprodcite.errors import InvalidInput


def test_defaults(tmp_path):
    settings = load_settings({}, config_path=tmp_path / "none.toml")
    assert settings.crossref_url == DEFAULT_CROSSREF_URL
    assert settings.library.name == "library.sqlite"
    assert settings.mailto is None


def test_file_then_environment(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        '[coprodcite]\nmailto = "file@example.org"\ncrossref-url = "http://127.0.0.1:1/"\n'
        "timeout = 3\n"
    )
    env = {
        "COPRODCITE_CONFIG": str(config),
        "COPRODCITE_MAILTO": "env@example.org",
        "COPRODCITE_LIBRARY": "~/refs.sqlite",
    }
    settings = load_settings(env)
    assert settings.mailto == "env@example.org"  # the environment wins
    assert settings.crossref_url == "http://127.0.0.1:1"  # trailing slash dropped
    assert settings.timeout == 3.0
    assert settings.library == Path("~/refs.sqlite").expanduser()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"COPRODCITE_TIMEOUT": "soon"}, "COPRODCITE_TIMEOUT"),
        ({"COPRODCITE_RETRIES": "1.5"}, "COPRODCITE_RETRIES"),
    ],
)
def test_bad_values_are_named(tmp_path, env, message):
    with pytest.raises(InvalidInput, match=message):
        load_settings({**env, "COPRODCITE_CONFIG": str(tmp_path / "none.toml")})


def test_broken_config_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("mailto = [unclosed")
    with pytest.raises(InvalidInput, match="config.toml"):
        load_settings({"COPRODCITE_CONFIG": str(config)})
