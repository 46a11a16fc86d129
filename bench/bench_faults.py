"""Failing machines, timed: the figures of issues 15 and 17 (offline, 429 for ever, a held
write lock, /dev/zero and a 20 MB title), each measured on the installed `coprodcite`
command in a subprocess, beside a baseline run in the same session (the machine is
shared and noisy: compare medians and ratios). Run:

    python bench/bench_faults.py                 # every scenario
    python bench/bench_faults.py offline lock    # some of them

Scenarios:
  offline   `add` of 3 DOIs with every service refusing connections (a closed loopback
            port) and with no DNS answer (a `.invalid` host name, RFC 6761)
  429       `add` of 3 DOIs against a loopback server answering 429 with Retry-After:
            30 to everything (without a cap on retrying this takes ~6 minutes)
  lock      `bib` and `add --record` while another process holds the write lock
  devzero   `import /dev/zero` (stopped after 8 s; address space capped at 3 GB)
  title     `import` of a .bib whose one entry has a 20 MB title: peak memory
            (address space capped at 4 GB) against importing a one-entry .bib
Memory is the child's peak resident set (ru_maxrss from wait4).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "examples" / "records" / "10.1093_bjsw_bcad019.crossref.json"
DOIS = ["10.5555/bench.1", "10.5555/bench.2", "10.5555/bench.3"]
EXE = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_LIBRARY=str(tmp / "lib.sqlite"),
        COPRODCITE_CONFIG=str(tmp / "none.toml"),
        COPRODCITE_CACHE_DIR=str(tmp / "cache"),
        **extra,
    )
    return env


def run(
    args: list[str], env: dict[str, str], *, limit_gb: float | None = None, stop_after=None
) -> tuple[float, int, int, str]:
    """(seconds, exit status, peak RSS in MB, last stderr line) of one run."""

    def cap() -> None:
        if limit_gb:
            size = int(limit_gb * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [EXE, *args], env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=cap
        )
        deadline = None if stop_after is None else start + stop_after
        while True:  # wait4, not poll(): poll would reap the child and lose its rusage
            pid, status, usage = os.wait4(proc.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                break
            if time.perf_counter() >= deadline:
                proc.kill()
                deadline = None
            else:
                time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return seconds, proc.returncode, usage.ru_maxrss // 1024, lines[-1] if lines else ""


def baseline(tmp: Path, runs: int = 5) -> float:
    env = environment(tmp)
    return statistics.median(run(["--version"], env)[0] for _ in range(runs))


def report(name: str, seconds: float, code: int, line: str, base: float) -> None:
    print(f"  {name}: {seconds:.2f} s ({seconds / base:.0f}x start-up), exit {code}")
    print(f"    {line[:200]}")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scenario_offline(tmp: Path, base: float) -> None:
    print("offline: add of 3 DOIs, default retries")
    refused = f"http://127.0.0.1:{closed_port()}"
    for label, url in (("refused", refused), ("no DNS", "http://coprodcite-bench.invalid")):
        urls = {f"COPRODCITE_{s}_URL": url for s in ("CROSSREF", "DATACITE", "DOI")}
        times = []
        for _ in range(3):
            (tmp / "lib.sqlite").unlink(missing_ok=True)
            seconds, code, _, line = run(["add", *DOIS], environment(tmp, **urls))
            times.append(seconds)
        report(f"{label} (median of 3)", statistics.median(times), code, line, base)


class _Refuse(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(429)
        self.send_header("Retry-After", "30")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def scenario_429(tmp: Path, base: float) -> None:
    print("429: add of 3 DOIs, every answer 429 with Retry-After: 30, default settings")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    urls = {f"COPRODCITE_{s}_URL": url for s in ("CROSSREF", "DATACITE", "DOI")}
    try:
        seconds, code, _, line = run(["add", *DOIS], environment(tmp, **urls))
    finally:
        server.shutdown()
    report("batch", seconds, code, line, base)


_HOLD = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE library_state SET generation = generation")
print("held", flush=True)
sys.stdin.read()
"""


def scenario_lock(tmp: Path, base: float) -> None:
    print("lock: another process holds the library's write lock")
    env = environment(tmp)
    subprocess.run([EXE, "add", "--record", str(RECORD)], env=env, check=True, capture_output=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, env["COPRODCITE_LIBRARY"]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        for args in (["bib", "--style", "apa"], ["add", "--record", str(RECORD), "--refresh"]):
            seconds, code, _, line = run(args, env)
            report(" ".join(args[:2]), seconds, code, line, base)
    finally:
        holder.kill()
        holder.wait()


def scenario_devzero(tmp: Path, base: float) -> None:
    print("devzero: import /dev/zero (stopped after 8 s, address space capped at 3 GB)")
    seconds, code, peak, line = run(
        ["import", "/dev/zero"], environment(tmp), limit_gb=3, stop_after=8
    )
    report("import /dev/zero", seconds, code, line, base)
    print(f"    peak RSS {peak} MB")


def scenario_title(tmp: Path, base: float) -> None:
    print("title: import of one .bib entry with a 20 MB title (address space capped at 4 GB)")
    small, big = tmp / "small.bib", tmp / "big.bib"
    entry = "@article{{big2020, author = {{Quill, Ada}}, year = {{2020}}, title = {{{}}}}}\n"
    small.write_text(entry.format("A short title"), encoding="utf-8")
    words = ("lorem ipsum dolor sit amet consectetur " * 600_000)[: 20 * 1024 * 1024]
    big.write_text(entry.format(words), encoding="utf-8")
    size_mb = big.stat().st_size / 1024**2
    peaks = {}
    for label, path in (("one-entry .bib", small), ("20 MB title", big)):
        (tmp / "lib.sqlite").unlink(missing_ok=True)
        seconds, code, peak, line = run(["import", str(path)], environment(tmp), limit_gb=4)
        peaks[label] = peak
        print(f"  {label}: {seconds:.2f} s, exit {code}, peak RSS {peak} MB")
        print(f"    {line[:200]}")
    extra = peaks["20 MB title"] - peaks["one-entry .bib"]
    print(
        f"  input {size_mb:.1f} MB; peak above the small import: {extra} MB"
        f" = {extra / size_mb:.1f}x the input"
    )


SCENARIOS = {
    "offline": scenario_offline,
    "429": scenario_429,
    "lock": scenario_lock,
    "devzero": scenario_devzero,
    "title": scenario_title,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help=f"scenarios to run: {', '.join(SCENARIOS)}")
    args = parser.parse_args()
    unknown = set(args.only) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        base = baseline(tmp)
        print(f"baseline: `coprodcite --version` median {base:.3f} s")
        for key in args.only or SCENARIOS:
            SCENARIOS[key](tmp, base)
            (tmp / "lib.sqlite").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
