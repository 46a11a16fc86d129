"""A team library on PostgreSQL against the SQLite file, measured in the same run.

* import of the large BibTeX file of bench_import.py into an empty library;
* ``list`` (the listing) and a cached ``bib`` (the second render, from the cache);
* ``library copy`` of the imported library, SQLite -> PostgreSQL and back (seconds,
  rows per table verified by the copy itself);
* ``--writers`` processes writing at once for ``--seconds`` (adds, imports of a small
  file, refreshes that change a field of their own records and of one record they all
  share, tags): operations done, stale updates retried, errors seen by a user, and
  anything lost (each worker's records, tags and updates checked at the end).

PostgreSQL is COPRODCITE_TEST_POSTGRES when set, else a throwaway server started as
the tests start one (tests/pg_server.py). Run:

    python bench/bench_postgres.py [--runs 3] [--writers 8] [--seconds 60]
        [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_import import BIG_BIB  # noqa: E402
from coprodcite import services  # noqa: E402
from coprodcite.library import open_library  # noqa: E402
from coprodcite.services.interchange import import_files  # noqa: E402
from tests.pg_server import Server  # noqa: E402


def median(runs: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare(name: str, sqlite_s: float, pg_s: float, goal: float) -> None:
    ratio = pg_s / sqlite_s if sqlite_s else float("inf")
    verdict = "meets" if ratio <= goal else "MISSES"
    print(
        f"{name:<14} sqlite {sqlite_s * 1000:9.1f} ms   postgresql {pg_s * 1000:9.1f} ms"
        f"   {ratio:5.2f}x ({verdict} the {goal}x goal)"
    )


def bench_import_list_bib(server: Server, bib: Path, folder: Path, runs: int) -> None:
    def fresh(backend: str) -> str:
        if backend == "sqlite":
            return str(folder / f"lib-{time.perf_counter_ns()}.sqlite")
        return server.database()

    last: dict[str, str] = {}
    for backend in ("sqlite", "postgres"):

        def work(backend: str = backend) -> None:
            last[backend] = fresh(backend)
            library = open_library(last[backend])
            try:
                import_files(library, [bib])
            finally:
                library.close()

        last[f"{backend}-import"] = str(median(runs, work))
    compare("import", float(last["sqlite-import"]), float(last["postgres-import"]), 1.5)
    libraries = {b: open_library(last[b]) for b in ("sqlite", "postgres")}
    counts = {b: lib.count() for b, lib in libraries.items()}
    print(f"records imported: {counts}")
    listing = {b: median(runs, lib.listing) for b, lib in libraries.items()}
    compare("list", listing["sqlite"], listing["postgres"], 1.5)
    for lib in libraries.values():
        services.bibliography(lib, None, "apa")  # fills the cache
    cached = {
        b: median(runs, lambda lib=lib: services.bibliography(lib, None, "apa"))
        for b, lib in libraries.items()
    }
    compare("cached bib", cached["sqlite"], cached["postgres"], 1.5)
    for lib in libraries.values():
        lib.close()
    bench_copy(server, last["sqlite"], folder)


def bench_copy(server: Server, sqlite_path: str, folder: Path) -> None:
    from coprodcite.services.library_copy import copy

    private = folder / "private.sqlite"
    dest = server.database(empty=True)
    start = time.perf_counter()
    there = copy(sqlite_path, dest, private_store=private)
    to_pg = time.perf_counter() - start
    start = time.perf_counter()
    back = copy(dest, str(folder / "back.sqlite"), private_store=private)
    to_sqlite = time.perf_counter() - start
    rows = {c.table: c.copied for c in there}
    same = [(c.table, c.copied) for c in there] == [(c.table, c.copied) for c in back]
    print(
        f"library copy   sqlite -> postgresql {to_pg:6.2f} s, postgresql -> sqlite"
        f" {to_sqlite:6.2f} s; {rows['records']} records, {rows['contributors']}"
        f" contributors, {rows['people']} people; same rows per table both ways: {same}"
    )


WRITER = textwrap.dedent(
    """
    import json, sys, time
    from coprodcite.errors import CoprodciteError, StaleRecord
    from coprodcite.library import open_library
    from coprodcite.model import Contributor, Record

    url, worker, seconds, shared = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    library = open_library(url, user=f"writer{worker}")
    done = errors = n = retried = 0
    added, tagged, volumes = [], [], []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        n += 1
        record = Record(
            type="article-journal",
            fields={"title": "Shared title", "DOI": f"10.5555/w{worker}-{n}",
                    "issued": {"date-parts": [[2024]]}, "volume": "1"},
            contributors=[Contributor(family="Example", given="Invented")],
        )
        try:
            if n % 4 == 1:
                added.append(library.save(record).record.key)
            elif n % 4 == 2:
                batch = [record.copy_with(fields={**record.fields, "DOI": f"{record.doi}-{i}"})
                         for i in range(5)]
                added += [r.record.key for r in library.save_many(batch)]
            elif n % 4 == 3 and added:
                old = library.get(added[-1])
                library.save(old.copy_with(fields={**old.fields, "volume": str(n)}), refresh=True)
                for _ in range(20):  # the shared record: read, change, save; stale: again
                    old = library.get(shared)
                    volume = f"w{worker}-{n}"
                    try:
                        library.save(old.copy_with(fields={**old.fields, "volume": volume}),
                                     refresh=True)
                        volumes.append(volume)
                        break
                    except StaleRecord:
                        retried += 1
            elif added:
                library.tag([added[-1]], f"worker {worker}")
                tagged.append(added[-1])
            done += 1
        except CoprodciteError as error:
            errors += 1
            print(error, file=sys.stderr)
    print(json.dumps({"done": done, "errors": errors, "added": added, "tagged": tagged,
                      "retried": retried, "volumes": volumes}))
    """
)


def bench_writers(url: str, writers: int, seconds: float) -> None:
    import json

    from coprodcite.model import Record

    library = open_library(url)
    shared = library.save(Record(type="book", fields={"title": "Shared", "volume": "0"}))
    library.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(w), str(seconds), str(shared.record.key)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for w in range(writers)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate()
        results.append(json.loads(out))
        if err.strip():
            print(f"  a writer's errors: {err.strip().splitlines()[:3]}")
    library = open_library(url)
    keys = {r.key for r in library.records()}
    expected = {k for r in results for k in r["added"]}
    lost = expected - keys
    untagged = [
        k
        for w, r in enumerate(results)
        for k in r["tagged"]
        if f"worker {w}" not in library.record_tags(k)
    ]
    updates = sum(1 for e in library.history() if e.action == "updated")
    saved = [v for r in results for v in r["volumes"]]
    logged = [
        e.changes["volume"][1]
        for e in library.history(str(shared.record.key))
        if e.action == "updated" and "volume" in e.changes
    ]
    library.close()
    done = sum(r["done"] for r in results)
    errors = sum(r["errors"] for r in results)
    print(
        f"{writers} writers, {seconds:g} s: {done} operations ({done / seconds:.1f}/s),"
        f" {errors} errors shown, {len(expected)} records added, {len(lost)} lost,"
        f" {len(untagged)} tags lost, {updates} updates in the history;"
        f" shared record: {len(saved)} updates saved, {sum(r['retried'] for r in results)}"
        f" stale reads retried, {len(set(saved) - set(logged))} updates lost"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--writers", type=int, default=8, help="0 skips the writers part")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    server = Server()
    try:
        print("command: python bench/bench_postgres.py " + " ".join(sys.argv[1:]))
        bib = args.corpus / BIG_BIB
        if bib.is_file():
            with tempfile.TemporaryDirectory() as folder:
                bench_import_list_bib(server, bib, Path(folder), args.runs)
        else:
            print(f"{bib} is missing: import, list and bib not measured")
        for name, location in (
            ("sqlite", str(Path(tempfile.mkdtemp()) / "writers.sqlite")),
            ("postgresql", server.database()),
        )[: 2 if args.writers > 0 else 0]:
            print(f"writers on {name}:", end=" ")
            bench_writers(location, args.writers, args.seconds)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
