"""The installed `coprodcite` command, run in a subprocess as a user would."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


def coprodcite_command() -> list[str]:
    script = Path(sys.executable).parent / "coprodcite"
    found = str(script) if script.exists() else shutil.which("coprodcite")
    if not found:
        pytest.fail("the coprodcite command is not installed: run `pip install .` first")
    return [found]


def run(*args, tmp_path, input=None, **env_vars):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_LIBRARY=str(tmp_path / "lib.sqlite"),
        COPRODCITE_CONFIG=str(tmp_path / "none.toml"),
        COPRODCITE_CROSSREF_URL="http://127.0.0.1:9",
        COPRODCITE_DATACITE_URL="http://127.0.0.1:9",
        COPRODCITE_DOI_URL="http://127.0.0.1:9",
        COPRODCITE_OPENLIBRARY_URL="http://127.0.0.1:9",
        COPRODCITE_NCBI_URL="http://127.0.0.1:9",
    )
    env.update(env_vars)
    return subprocess.run(
        coprodcite_command() + list(args),
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_main_job_offline_on_the_examples(tmp_path):
    records = EXAMPLES / "records"
    added = run(
        "add",
        "--record",
        str(records / "10.1093_bjsw_bcad019.crossref.json"),
        "--record",
        str(records / "sealey2022social.csl.json"),
        tmp_path=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    bib = run("bib", "--style", "apa", tmp_path=tmp_path)
    assert bib.returncode == 0, bib.stderr
    assert "Fillingham, J., Smith, J., & Sealey, C. (2023)" in bib.stdout
    listed = json.loads(run("list", "--json", tmp_path=tmp_path).stdout)
    assert len(listed) == 2


def test_errors_are_one_line_without_traceback(tmp_path):
    result = run("add", "definitely not a doi", tmp_path=tmp_path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "not a DOI or other identifier: 'definitely not a doi'" in result.stderr


def test_unreachable_service_is_reported(tmp_path):
    result = run("add", "10.5555/x", tmp_path=tmp_path)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert "127.0.0.1:9" in result.stderr


def test_help_needs_no_readme(tmp_path):
    result = run("add", "--help", tmp_path=tmp_path)
    assert result.returncode == 0
    assert "content negotiation" in result.stdout


def test_match_a_pasted_reference_list(tmp_path, httpserver):
    from tests.matching.works import registry_works
    from tests.registry import Registry, serve_on

    serve_on(httpserver, Registry(registry_works()))
    pasted = (
        "References\n"
        "1. Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making "
        "co-production work', British Journal of Social Work, 53(3), pp. 1593–1601.\n"
        "2. Nobody, N. (1999) A study nobody registered. Unknown Journal, 1, 1–2.\n"
    )
    result = run(
        "match",
        "-",
        "--add",
        tmp_path=tmp_path,
        input=pasted,
        COPRODCITE_CROSSREF_URL=httpserver.url_for("/crossref"),
        COPRODCITE_DATACITE_URL=httpserver.url_for("/datacite"),
    )
    assert result.returncode == 1, result.stderr  # one reference is unmatched
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["matched", "unmatched"]
    assert "1 matched, 1 unmatched, 1 added" in result.stderr
    shown = json.loads(run("show", "fillingham2023reflections", tmp_path=tmp_path).stdout)
    assert shown["provenance"]["method"] == "matched-from-text"
