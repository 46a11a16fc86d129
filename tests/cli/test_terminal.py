"""The installed command on a pseudo-terminal: what the screen shows."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli.terminal import base_env, run_on_terminal
from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import EXAMPLES

RECORDS = EXAMPLES / "records"


@pytest.fixture
def env(tmp_path):
    env = base_env(tmp_path)
    added = subprocess.run(
        coprodcite_command()
        + ["add", "--record", str(RECORDS / "10.1093_bjsw_bcad019.crossref.json"),
           "--record", str(RECORDS / "sealey2022social.csl.json")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return env


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_list_on_a_terminal_is_a_table_as_wide_as_the_terminal(env, columns):
    run = run_on_terminal("list", env=env, columns=columns)
    assert run.returncode == 0
    screen = run.screen()
    assert len(screen) == 3  # a header and one line per record: nothing wraps
    assert screen[0].split()[:2] == ["key", "year"]
    assert "title" in screen[0].split()
    assert screen[1].startswith("fillingham2023reflections  2023  ")
    assert screen[2].startswith("sealey2022social           2022  ")
    title = screen[0].index("title")
    assert screen[1][title:].startswith("Reflections on Making")
    assert all(len(line) <= columns for line in screen)
    if columns == 200:  # room for all: nothing is cut
        assert screen[0].split() == ["key", "year", "author", "title", "DOI"]
        assert screen[1].split()[2:4] == ["Fillingham", "et"]
        assert screen[1].endswith("Perspective  10.1093/bjsw/bcad019")
        assert "…" not in "".join(screen)
