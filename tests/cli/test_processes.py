"""The installed command under real conditions: several processes adding to one
library at once, and Ctrl-C in the middle of a batch."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import threading
import time

import pytest
from werkzeug import Request, Response

from tests.cli.test_installed_command import coprodcite_command
from tests.conftest import EXAMPLES

TEMPLATE = json.loads((EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json").read_text())


def crossref_handler(delay: float = 0.0, gate: threading.Event | None = None, open_for: int = 0):
    """A Crossref stand-in. With a gate, the first `open_for` requests are answered and
    the rest wait until the test opens the gate, so a batch is surely mid-way when
    it is interrupted."""
    served = itertools.count()

    def handle(request: Request) -> Response:
        time.sleep(delay)  # a slow service, not a timing assertion
        if gate is not None and next(served) >= open_for:
            gate.wait(timeout=60)
        doi = request.path.split("/works/", 1)[1].lower()
        message = dict(TEMPLATE["message"], DOI=doi, title=[f"Invented work {doi}"])
        body = json.dumps({"status": "ok", "message-type": "work", "message": message})
        return Response(body, content_type="application/json")

    return handle


@pytest.fixture
def env(tmp_path, httpserver):
    base = httpserver.url_for("")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    environment.update(
        COPRODCITE_LIBRARY=str(tmp_path / "shared.sqlite"),
        COPRODCITE_CONFIG=str(tmp_path / "none.toml"),
        COPRODCITE_CROSSREF_URL=base.rstrip("/"),
        COPRODCITE_DATACITE_URL=base.rstrip("/"),
        COPRODCITE_DOI_URL=base.rstrip("/"),
    )
    return environment


def doi_file(tmp_path, name, dois):
    path = tmp_path / name
    path.write_text("\n".join(dois))
    return path


def test_parallel_add_processes_lose_nothing(tmp_path, httpserver, env):
    httpserver.expect_request(__import__("re").compile("^/works/")).respond_with_handler(
        crossref_handler()
    )
    workers, per_worker = 4, 8
    files = [
        doi_file(
            tmp_path,
            f"w{w}.txt",
            [f"10.5555/p{w}.{n}" for n in range(per_worker)] + ["10.5555/shared"],
        )
        for w in range(workers)
    ]
    procs = [
        subprocess.Popen(
            coprodcite_command() + ["add", "--from-file", str(f)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
    listed = subprocess.run(
        coprodcite_command() + ["list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    dois = sorted(r["doi"] for r in json.loads(listed.stdout))
    assert len(dois) == workers * per_worker + 1
    assert dois.count("10.5555/shared") == 1


def test_ctrl_c_keeps_the_library_consistent(tmp_path, httpserver, env):
    # Three works are answered; the rest wait until Ctrl-C has been sent: on a loaded
    # machine the whole batch could otherwise finish before the signal arrives. The 37
    # left then take polite-limited round trips, far longer than handling the signal.
    gate = threading.Event()
    httpserver.expect_request(__import__("re").compile("^/works/")).respond_with_handler(
        crossref_handler(gate=gate, open_for=3)
    )
    dois = [f"10.5555/slow.{n}" for n in range(40)]
    proc = subprocess.Popen(
        coprodcite_command() + ["add", "--from-file", str(doi_file(tmp_path, "d.txt", dois))],
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    library = env["COPRODCITE_LIBRARY"]
    added = 0
    while added < 2:  # each saved record is reported on its own line as it lands
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        added += line.startswith("added:")
    proc.send_signal(signal.SIGINT)
    gate.set()  # the requests in flight end (an interrupted process waits for them)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with sqlite3.connect(library) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = db.execute("SELECT count(*) FROM records").fetchone()[0]
        assert 2 <= count < len(dois)
        # every saved record is whole: its three authors came with it
        per_record = db.execute(
            "SELECT count(*) FROM records r JOIN contributors c ON c.record_id = r.id GROUP BY r.id"
        ).fetchall()
        assert {n for (n,) in per_record} == {3}
