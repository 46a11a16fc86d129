"""Files on the command line: only regular files or standard input are read, up to a
documented limit; `export -o` never replaces the library or a device (issue 15
item 18, issue 17 items 3 and 4)."""

import json
import os
import resource
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from coprodcite.cli import app
from coprodcite.errors import ExitCode
from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import EXAMPLES
from tests.faults.test_failing_machine import cmd

runner = CliRunner()
RECORD = EXAMPLES / "records" / "sealey2022social.csl.json"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def one_line_error(result, code, *words):
    assert result.exit_code == code, result.output
    assert len(result.stderr.splitlines()) >= 1
    assert "Traceback" not in result.output
    line = next(x for x in result.stderr.splitlines() if all(w in x for w in words))
    return line


def installed(*args):
    """The installed command, in this test's environment (its timeout only guards
    against a hang: a FIFO read would wait for ever)."""
    return cmd(*args, env=dict(os.environ), timeout=60)


def test_import_of_a_fifo_with_no_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "refs.bib"
    os.mkfifo(fifo)
    result = installed("import", fifo)
    assert result.returncode == ExitCode.INVALID_INPUT
    assert "not a regular file (a FIFO (named pipe))" in result.stderr
    assert "pipe the data into standard input" in result.stderr


def test_add_from_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "dois.txt"
    os.mkfifo(fifo)
    result = installed("add", "--from-file", fifo)
    assert result.returncode == ExitCode.INVALID_INPUT
    assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["import", "/dev/zero"],
        ["import", "--macros", "/dev/zero", str(EXAMPLES / "dois.txt")],
        ["add", "--record", "/dev/zero"],
        ["add", "--from-file", "/dev/zero"],
        ["import", "/"],
    ],
    ids=" ".join,
)
def test_devices_and_folders_are_refused(args):
    result = run(*args)
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.output


def test_a_file_over_the_limit_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("COPRODCITE_MAX_INPUT_MB", "0.001")  # 1,048 bytes
    big = tmp_path / "big.bib"
    big.write_text("@book{a, title = {" + "x" * 2000 + "}}\n")
    result = run("import", big)
    line = one_line_error(result, ExitCode.INVALID_INPUT, "big.bib")
    assert "larger than the 0.001 MB limit" in line and "COPRODCITE_MAX_INPUT_MB" in line
    assert json.loads(run("list", "--json").stdout) == []


def test_standard_input_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setenv("COPRODCITE_MAX_INPUT_MB", "0.001")
    result = run("import", "-", input="@book{a, title = {" + "x" * 2000 + "}}\n")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.strip().splitlines() == [
        "coprodcite: error: <stdin>: larger than the 0.001 MB limit on input; split it,"
        " or raise COPRODCITE_MAX_INPUT_MB"
    ]
    result = run("add", "-", input="10.1000/x " * 200)
    assert result.exit_code == ExitCode.INVALID_INPUT and "larger than" in result.stderr


# -- export -o ------------------------------------------------------------------------


@pytest.fixture
def library():
    assert run("add", "--record", RECORD).exit_code == 0
    return os.environ["COPRODCITE_LIBRARY"]


def integrity(path):
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0], db.execute(
            "SELECT count(*) FROM records"
        ).fetchone()[0]
    finally:
        db.close()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_library_or_its_journal_is_refused(library, suffix):
    result = run("export", "--format", "bibtex", "-o", library + suffix)
    line = one_line_error(result, ExitCode.INVALID_INPUT, "it is the library")
    assert "the library was not touched" in line
    assert integrity(library) == ("ok", 1)
    assert run("list", "--json").exit_code == 0


def test_export_onto_a_link_to_the_library_is_refused(library, tmp_path):
    link = tmp_path / "refs.bib"
    link.symlink_to(library)
    result = run("export", "--format", "csl-json", "-o", link)
    one_line_error(result, ExitCode.INVALID_INPUT, "it is the library")
    assert integrity(library) == ("ok", 1)


def test_export_to_a_terminal_writes_in_place(library):
    master, slave = os.openpty()
    try:
        device = os.ttyname(slave)
        result = run("export", "--format", "ris", "-o", device)
        assert result.exit_code == 0, result.output
        assert os.path.exists(device) and not os.path.isfile(device)
        written = os.read(master, 65536).decode()
        assert "TY  - " in written
    finally:
        os.close(master)
        os.close(slave)


def test_export_to_a_folder_is_refused(library, tmp_path):
    result = run("export", "--format", "ris", "-o", tmp_path)
    one_line_error(result, ExitCode.INVALID_INPUT, "it is a folder")


# -- memory ---------------------------------------------------------------------------


def peak_rss_mb(args, tmp_path, cap_gb=2):
    """Peak resident memory of one run of the installed command, in MB. Its address
    space is capped, so that a regression fails instead of eating the machine."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (cap_gb * 2**30, cap_gb * 2**30))

    proc = subprocess.Popen(
        coprodcite_command() + [str(a) for a in args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        preexec_fn=cap,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    assert os.waitstatus_to_exitcode(status) == 0, errors
    return usage.ru_maxrss / 1024


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KB is Linux's")
def test_peak_memory_of_a_huge_title_is_a_small_multiple_of_the_file(tmp_path, monkeypatch):
    """A .bib entry with an 8 MB title: before, 136x the file (2.7 GB for 20 MB)."""
    entry = "@article{{big2020, author = {{Quill, Ada}}, year = 2020, title = {{{}}}}}\n"
    small, big = tmp_path / "small.bib", tmp_path / "big.bib"
    small.write_text(entry.format("A short title"))
    big.write_text(entry.format(("lorem ipsum dolor sit amet " * 400_000)[: 8 * 2**20]))
    size_mb = big.stat().st_size / 2**20
    monkeypatch.setenv("COPRODCITE_LIBRARY", str(tmp_path / "small.sqlite"))
    base = peak_rss_mb(["import", small], tmp_path)
    monkeypatch.setenv("COPRODCITE_LIBRARY", str(tmp_path / "big.sqlite"))
    peak = peak_rss_mb(["import", big], tmp_path)
    assert peak - base < 12 * size_mb, f"{peak - base:.0f} MB for a {size_mb:.0f} MB file"
