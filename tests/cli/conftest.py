"""Fixtures of the manuscript tests: the invented works and a manuscript writer."""

import pytest

from tests.cli.manuscript_fixtures import import_works


@pytest.fixture
def works():
    """The library holds the five invented works; their keys."""
    return import_works()


@pytest.fixture
def write(tmp_path):
    """write(text, name="paper.md") -> the path of a file holding ``text``."""

    def write(text, name="paper.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
