"""Only commands that add records create a library; every other one names the
missing file and fails, leaving no file or folder behind (issue 15, item 6)."""

import os
import stat

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from tests.conftest import EXAMPLES

runner = CliRunner()

NOT_CREATING = [
    ["list"],
    ["list", "--json"],
    ["show", "fillingham2023reflections"],
    ["cite", "fillingham2023reflections"],
    ["bib"],
    ["export", "--format", "bibtex"],
    ["export", "--format", "csl-json", "-o", "out.json"],
    ["people", "list"],
    ["people", "show", "1"],
    ["credits", "fillingham2023reflections"],
    ["contributors", "fillingham2023reflections", "list"],
    ["remove", "fillingham2023reflections"],
    ["people", "forget", "1"],
    ["history"],
    ["history", "fillingham2023reflections", "--json"],
]


@pytest.mark.parametrize("args", NOT_CREATING, ids=" ".join)
def test_a_command_that_does_not_add_names_the_missing_library(tmp_path, args):
    folder = tmp_path / "no" / "such" / "folder"
    args = [str(tmp_path / a) if a == "out.json" else a for a in args]
    result = runner.invoke(app, ["--library", str(folder / "typo.sqlite"), *args])
    assert result.exit_code == ExitCode.STORAGE
    assert result.stderr.startswith(f"coprodcite: error: no library at {folder / 'typo.sqlite'}")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "no").exists()
    assert not (tmp_path / "out.json").exists()


def test_add_creates_the_library_owner_only(tmp_path):
    path = tmp_path / "new" / "lib.sqlite"
    record = EXAMPLES / "records" / "sealey2022social.csl.json"
    old = os.umask(0o022)
    try:
        result = runner.invoke(app, ["--library", str(path), "add", "--record", str(record)])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_import_creates_the_library(tmp_path):
    path = tmp_path / "lib.sqlite"
    bib = tmp_path / "one.bib"
    bib.write_text("@book{quill2024, title = {An invented book}, year = 2024}\n")
    result = runner.invoke(app, ["--library", str(path), "import", str(bib)])
    assert result.exit_code == 0, result.output
    assert path.is_file()
