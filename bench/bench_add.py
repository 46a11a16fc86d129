"""`coprodcite add` of many DOIs against a local server that behaves like Crossref
under load: every answer takes 100 ms, and beyond 10 requests/s or 3 in flight it
answers 429 with Retry-After, as Crossref's polite pool does since December 2025.

Prints the wall time against the lower bound the limit allows (N / 10 s), and
the number of 429s the client met. Run:

    python bench/bench_add.py            # 200 DOIs, polite pool (COPRODCITE_MAILTO set)
    python bench/bench_add.py --dois 50 --public
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = json.loads((REPO / "examples/records/10.1093_bjsw_bcad019.crossref.json").read_text())


class LimitedCrossref(BaseHTTPRequestHandler):
    per_second = 10
    concurrency = 3
    latency = 0.1
    lock = threading.Lock()
    in_flight = 0
    recent: collections.deque[float] = collections.deque()
    counts: collections.Counter[str] = collections.Counter()

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _admit(self) -> bool:
        cls = type(self)
        with cls.lock:
            now = time.monotonic()
            while cls.recent and now - cls.recent[0] >= 1.0:
                cls.recent.popleft()
            if cls.in_flight >= cls.concurrency or len(cls.recent) >= cls.per_second:
                cls.counts["429"] += 1
                return False
            cls.recent.append(now)
            cls.in_flight += 1
            cls.counts["200"] += 1
            return True

    def do_GET(self) -> None:
        if not self._admit():
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            time.sleep(self.latency)
            doi = self.path.split("/works/", 1)[1].lower()
            message = dict(TEMPLATE["message"], DOI=doi, title=[f"Benchmark work {doi}"])
            body = json.dumps({"status": "ok", "message-type": "work", "message": message}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            with type(self).lock:
                type(self).in_flight -= 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dois", type=int, default=200)
    parser.add_argument("--public", action="store_true", help="no mailto: public pool (5/s, 1)")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), LimitedCrossref)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        dois = Path(tmp, "dois.txt")
        dois.write_text("\n".join(f"10.5555/bench.{n}" for n in range(args.dois)))
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        env.update(
            COPRODCITE_CROSSREF_URL=base,
            COPRODCITE_DATACITE_URL=base,
            COPRODCITE_DOI_URL=base,
            COPRODCITE_LIBRARY=str(Path(tmp, "lib.sqlite")),
            COPRODCITE_CONFIG=str(Path(tmp, "none.toml")),
        )
        if not args.public:
            env["COPRODCITE_MAILTO"] = "bench@example.org"
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "coprodcite", "add", "--json", "--from-file", str(dois)],
            env=env,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
    server.shutdown()
    report = json.loads(proc.stdout) if proc.stdout else {}
    rate = 5 if args.public else 10
    bound = args.dois / rate
    print(f"pool: {'public' if args.public else 'polite'} ({rate}/s)  DOIs: {args.dois}")
    print(f"exit code: {proc.returncode}  summary: {report.get('summary')}")
    print(
        f"wall time: {wall:.2f} s  lower bound the limit allows: {bound:.1f} s  "
        f"ratio: {wall / bound:.2f}"
    )
    print(
        f"server answers: 200 x {LimitedCrossref.counts['200']}, "
        f"429 x {LimitedCrossref.counts['429']}"
    )
    if proc.returncode:
        print(proc.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
