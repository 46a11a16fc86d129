"""The fault suite of issue 17, kept as tests: the installed command on a full disk,
killed with SIGKILL during import and export, behind a held write lock, and against a
service that answers 429 for ever. Each run has a timeout, only as a guard against a
hang; nothing here asserts how long anything took."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprodcite.errors import ExitCode
from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import EXAMPLES

ARTICLE = EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json"
BOOK = EXAMPLES / "records" / "sealey2022social.csl.json"


def environment(library: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_LIBRARY=str(library),
        COPRODCITE_CONFIG=str(library.parent / "none.toml"),
        COPRODCITE_CROSSREF_URL="http://127.0.0.1:9",
        COPRODCITE_DATACITE_URL="http://127.0.0.1:9",
        COPRODCITE_DOI_URL="http://127.0.0.1:9",
    )
    env.update(extra)
    return env


def cmd(*args, env, timeout=120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        coprodcite_command() + [str(a) for a in args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def state(library: Path) -> tuple[str, int]:
    db = sqlite3.connect(library)
    try:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        return check, db.execute("SELECT count(*) FROM records").fetchone()[0]
    finally:
        db.close()


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# -- a full disk ------------------------------------------------------------------------

_FULL_DISK = r"""
import json, os, subprocess, sys
folder, command, article, book = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder], check=True)
env = dict(os.environ, COPRODCITE_LIBRARY=os.path.join(folder, "lib.sqlite"))
def run(*args):
    done = subprocess.run(command + list(args), env=env, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    return {"args": list(args), "code": done.returncode, "out": len(done.stdout),
            "err": done.stderr}
def fill(free_kb):
    path = os.path.join(folder, "fill")
    with open(path, "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
    size = os.path.getsize(path)
    os.truncate(path, max(0, size - free_kb * 1024))
results = {"setup": run("add", "--record", article), "rounds": []}
for free_kb in (0, 48):  # no room for -shm; room for it, not for the change
    fill(free_kb)
    round_ = [run("bib", "--style", "apa"), run("cite", "fillingham2023reflections"),
              run("list", "--json"), run("export", "--format", "bibtex"),
              run("add", "--record", book)]
    os.remove(os.path.join(folder, "fill"))
    results["rounds"].append({"free_kb": free_kb, "runs": round_})
print(json.dumps(results))
"""


def in_mount_namespace() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs Linux's unshare to mount a small tmpfs (util-linux)")
    probe = subprocess.run(
        [unshare, "--map-root-user", "--mount", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {probe.stderr.strip()}")
    return [unshare, "--map-root-user", "--mount"]


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_reading_still_works(tmp_path):
    prefix = in_mount_namespace()
    folder = tmp_path / "small-disk"
    folder.mkdir()
    env = environment(folder / "lib.sqlite")
    driver = subprocess.run(
        [*prefix, sys.executable, "-c", _FULL_DISK, str(folder), json.dumps(coprodcite_command()),
         str(ARTICLE), str(BOOK)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert driver.returncode == 0, driver.stderr
    results = json.loads(driver.stdout)
    assert results["setup"]["code"] == 0, results["setup"]["err"]
    refused = 0
    for round_ in results["rounds"]:
        for run in round_["runs"]:
            where = f"{run['args'][0]} with {round_['free_kb']} KB free: {run['err']}"
            assert "Traceback" not in run["err"] and "internal error" not in run["err"], where
            if run["args"][0] != "add":  # reading commands work, without writing the cache
                assert run["code"] == 0 and run["out"] > 0, where
            elif run["code"] != 0:
                refused += 1
                assert run["code"] == ExitCode.STORAGE, where
                assert "is full; free some space and retry; the library is unchanged" in where
    assert refused, "no round met the full disk: the test would prove nothing"


# -- SIGKILL ---------------------------------------------------------------------------


def big_bib(path: Path, entries: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(entries):
            out.write(
                f"@article{{invented{n},\n  author = {{Quill, Ada and Wren, Tomasz and Tarn, Uma}},"
                f"\n  title = {{An invented study number {n} of co-produced research}},\n"
                f"  journal = {{Journal of Invented Studies}}, year = {{{2000 + n % 25}}},\n"
                f"  volume = {{{n % 40}}}, pages = {{{n}--{n + 9}}}, note = {{{'x' * 300}}}\n}}\n"
            )
    return path


def kill_when(process: subprocess.Popen[bytes], ready) -> bool:
    """SIGKILL ``process`` as soon as ``ready()`` holds; False if it ended first."""
    while process.poll() is None:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)  # polling for a state, not timing anything
    return False


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_sigkill_during_import_leaves_the_library_as_before_and_a_rerun_completes(tmp_path):
    library = tmp_path / "lib.sqlite"
    env = environment(library)
    assert cmd("add", "--record", ARTICLE, env=env).returncode == 0
    bib = big_bib(tmp_path / "big.bib", 2000)
    wal = Path(f"{library}-wal")
    process = subprocess.Popen(
        coprodcite_command() + ["import", str(bib)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killed = kill_when(process, lambda: size(wal) > 512 * 1024)  # the import is writing
    check, count = state(library)
    assert check == "ok"
    assert count == 1 if killed else count == 2001  # all of the file or none of it
    rerun = cmd("import", bib, env=env, timeout=300)
    no_traceback(rerun)
    assert rerun.returncode == 0, rerun.stderr
    assert state(library) == ("ok", 2001)


@pytest.mark.slow
def test_sigkill_during_export_leaves_the_old_file_or_the_whole_new_one(tmp_path):
    library = tmp_path / "lib.sqlite"
    env = environment(library)
    assert cmd("import", big_bib(tmp_path / "big.bib", 2000), env=env, timeout=300).returncode == 0
    out = tmp_path / "refs.bib"
    whole = cmd("export", "--format", "bibtex", env=env, timeout=300).stdout
    for _ in range(2):
        out.write_text("old contents\n")
        process = subprocess.Popen(
            coprodcite_command() + ["export", "--format", "bibtex", "-o", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        kill_when(process, lambda: any(size(p) for p in tmp_path.glob(".refs.bib.*.tmp")))
        assert out.read_text() in ("old contents\n", whole)
        assert state(library) == ("ok", 2000)


# -- a held write lock ---------------------------------------------------------------------


def test_behind_a_held_write_lock_reads_do_not_wait_and_a_writer_says_why(tmp_path):
    library = tmp_path / "lib.sqlite"
    env = environment(library, COPRODCITE_LOCK_TIMEOUT="600")
    assert cmd("add", "--record", ARTICLE, env=env).returncode == 0
    holder = sqlite3.connect(library, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE library_state SET generation = generation")
    try:
        # a 600 s lock timeout, a 120 s guard: reading must not wait for the lock at all
        for args in (["bib", "--style", "apa"], ["cite", "fillingham2023reflections"]):
            result = cmd(*args, env=env)
            assert result.returncode == 0, result.stderr
            assert "Fillingham" in result.stdout
        writer = cmd("add", "--record", BOOK, env={**env, "COPRODCITE_LOCK_TIMEOUT": "0.2"})
        no_traceback(writer)
        assert writer.returncode == ExitCode.STORAGE
        assert "is busy: another coprodcite process has been writing to it" in writer.stderr
        assert "retry when it has finished" in writer.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cmd("add", "--record", BOOK, env=env).returncode == 0
    assert state(library) == ("ok", 2)


# -- 429 for ever ---------------------------------------------------------------------------


def test_a_service_answering_429_for_ever_ends_the_batch_within_its_budget(tmp_path, httpserver):
    httpserver.expect_request(re.compile("^/crossref/works/")).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    env = environment(
        tmp_path / "lib.sqlite",
        COPRODCITE_CROSSREF_URL=httpserver.url_for("/crossref"),
        COPRODCITE_RETRY_BUDGET="2",
    )
    result = cmd("add", "10.5555/a", "10.5555/b", "10.5555/c", env=env)
    no_traceback(result)
    assert result.returncode == ExitCode.RATE_LIMITED
    lines = result.stderr.splitlines()
    assert lines[0].startswith("coprodcite: Crossref is refusing requests (HTTP 429")
    assert lines[-1] == "coprodcite: 3 failed"
    # two waits of 1 s fit the budget of 2 s: three tries of the first DOI, then one each
    assert len(httpserver.log) == 5
