"""The installed command on a pseudo-terminal: what the screen shows."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.terminal import base_env, run_on_terminal
from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import BJSW_DOI, EXAMPLES

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


def _bib_file(path, n):
    path.write_text(
        "".join(
            f"@article{{entry{i},\n  author = {{Quill, Ada and Wren, Ida}},\n"
            f"  title = {{Invented study number {i}}},\n  journal = {{Invented Journal}},\n"
            f"  year = {{2020}},\n}}\n\n"
            for i in range(n)
        )
    )
    return path


def test_import_shows_progress_on_a_terminal_and_leaves_only_the_messages(tmp_path):
    env = base_env(tmp_path)
    first = _bib_file(tmp_path / "first.bib", 150)
    second = _bib_file(tmp_path / "second.bib", 150)  # the same works: all skipped
    run = run_on_terminal("import", first.name, second.name, env=env, columns=200, cwd=tmp_path)
    assert run.returncode == 0
    # the display shows each stage (its first and last states are always drawn)
    assert "reading first.bib" in run.text
    assert "second.bib: saving 150 records" in run.text
    # and goes when the work ends: the screen holds the messages, each whole
    screen = [line for line in run.screen() if "is already in the library" not in line]
    assert screen == [
        "coprodcite: first.bib (bibtex): 150 entries: 150 imported, 0 merged, 0 skipped, 0 failed",
        "coprodcite: second.bib (bibtex): 150 entries: 0 imported, 0 merged, 150 skipped, 0 failed",
        "coprodcite: 300 entries, 150 imported, 0 merged, 150 skipped, 0 failed",
    ]


def test_piped_output_has_no_progress(tmp_path):
    env = base_env(tmp_path)
    result = subprocess.run(
        coprodcite_command() + ["import", str(_bib_file(tmp_path / "refs.bib", 150))],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"coprodcite: {tmp_path / 'refs.bib'} (bibtex): 150 entries: 150 imported, 0 merged, "
        "0 skipped, 0 failed",
        "coprodcite: 150 entries, 150 imported, 0 merged, 0 skipped, 0 failed",
    ]


def test_bib_shows_progress_while_rendering(env):
    run = run_on_terminal("bib", "--no-cache", env=env, columns=300)
    assert run.returncode == 0
    assert "reading records" in run.text and "rendering 2 entries" in run.text
    screen = run.screen()  # the display has gone; the entries stay
    assert len(screen) == 2
    assert screen[0].startswith("Fillingham, J., Smith, J., & Sealey, C. (2023).")
    assert screen[1].startswith("Sealey, C., Unwin, P., & Fillingham, J. (Eds.). (2022).")


def test_messages_print_above_the_progress_display(env, httpserver, bjsw_crossref):
    """`add` of four DOIs, one already there: each message is a whole line on the
    screen, never overwritten by the progress bar or run into it."""
    dois = [f"10.5555/invented.{i}" for i in range(3)]
    for i, doi in enumerate(dois):
        work = json.loads(json.dumps(bjsw_crossref))
        work["message"].update(DOI=doi, title=[f"Invented work {i}"], subtitle=[])
        httpserver.expect_request(f"/crossref/works/{doi}").respond_with_json(work)
    env = {**env, "COPRODCITE_CROSSREF_URL": httpserver.url_for("/crossref")}
    run = run_on_terminal("add", *dois, BJSW_DOI, env=env, columns=200)
    assert run.returncode == 0, run.text
    assert "fetching" in run.text  # the display was there
    screen = run.screen()
    assert screen[0] == (
        "already there: fillingham2023reflections  Reflections on Making Co-production Work: "
        "The Reality of Co-production from an Insider Perspective"
    )
    added = sorted(line.split("  ", 1) for line in screen[1:4])  # keys in order of arrival
    assert [key for key, _ in added] == [f"added: fillingham2023invented{x}".strip() for x in " ab"]
    assert sorted(title for _, title in added) == [f"Invented work {i}" for i in range(3)]
    assert screen[4:] == ["coprodcite: 3 added, 1 already there"]


def test_match_on_a_terminal_is_a_coloured_table_with_a_progress_display(env, httpserver, tmp_path):
    from tests.cli.test_match import BJSW_HARVARD, LOOKALIKE_APA, NOT_REGISTERED
    from tests.matching.works import registry_works
    from tests.registry import Registry, serve_on

    serve_on(httpserver, Registry(registry_works()))
    refs = tmp_path / "refs.txt"
    refs.write_text(f"{BJSW_HARVARD}\n{LOOKALIKE_APA}\n{NOT_REGISTERED}\n", encoding="utf-8")
    env = {
        **env,
        "COPRODCITE_CROSSREF_URL": httpserver.url_for("/crossref"),
        "COPRODCITE_DATACITE_URL": httpserver.url_for("/datacite"),
    }
    run = run_on_terminal("match", str(refs), env=env, columns=120, lines=40)
    assert run.returncode == 1  # one reference is unmatched
    screen = "\n".join(run.screen())
    assert "status" in screen and "matched record" in screen
    assert screen.count("matched") >= 3 and "unmatched" in screen
    assert "Reflections on Making" in screen
    assert "no candidate agrees with the text" in screen  # the why of the unmatched one
    assert "\x1b[32m" in run.text or "\x1b[38;5;2m" in run.text or "\x1b[92m" in run.text
    assert "2 matched, 1 unmatched" in screen
