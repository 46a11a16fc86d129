"""Cold versus warm re-render of the same reference list, with the library's render cache.

Fills a library on disk with N real records from ../shared/corpus (Crossref, DataCite and
CSL-JSON files, read offline), then prints medians (wall time, and CPU time of this
process and its children, which a busy machine inflates less) of:

* the services layer, in one process (the style is parsed once beforehand):
  reading the records and building CSL items (the floor of any re-render), an
  uncached render (``use_cache=False``), a miss that stores its result (cache emptied
  before each run) and a warm render answered from the cache;
* the installed command: ``coprodcite --version`` (start-up floor), ``coprodcite bib
  --no-cache`` (cold) and ``coprodcite bib`` after a first run (warm).

Run:

    python bench/bench_render_cache.py                    # 200 and 1,000 items, APA
    python bench/bench_render_cache.py --sizes 200 --runs 3 --style nature
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
FOLDERS = ("crossref", "datacite", "csljson", "crossref_list_items", "datacite_list_items")


@dataclass
class Figure:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:8.3f} s wall {self.cpu:8.3f} s CPU"


def fill(path: Path, size: int) -> int:
    from coprodcite.errors import CoprodciteError
    from coprodcite.library import open_library
    from coprodcite.services import read_record_file

    library = open_library(path)
    try:
        for folder in FOLDERS:
            for file in sorted((CORPUS / folder).rglob("*.json")):
                try:
                    records = read_record_file(file)
                except CoprodciteError:
                    continue
                for record in records:
                    library.save(record)
                    if library.count() >= size:
                        return size
        return library.count()
    finally:
        library.close()


def _nothing() -> None:
    pass


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_time(
    action: Callable[[], object], runs: int, before: Callable[[], None] = _nothing
) -> Figure:
    walls, cpus = [], []
    for _ in range(runs):
        before()
        start, cpu = time.perf_counter(), _cpu()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return Figure(statistics.median(walls), statistics.median(cpus))


def services_figures(path: Path, style: str, runs: int) -> dict[str, Figure]:
    from coprodcite import services
    from coprodcite.library import open_library

    library = open_library(path)

    def empty_cache() -> None:
        db = sqlite3.connect(path)
        with db:
            db.execute("DELETE FROM render_cache")
        db.close()

    def bib(use_cache: bool = True) -> list[str]:
        return services.bibliography(library, None, style, use_cache=use_cache)

    first = services.records(library)[0].key  # parse the style once (one item), as
    services.bibliography(library, [first], style, use_cache=False)  # later runs reuse it
    warm_runs = max(runs, 5)
    figures = {
        "load": median_time(lambda: services.csl_items(services.records(library)), warm_runs),
        "uncached": median_time(lambda: bib(use_cache=False), runs),
        "miss": median_time(bib, runs, empty_cache),
    }
    bib()
    figures["warm"] = median_time(bib, warm_runs)
    library.close()
    return figures


def command_figures(path: Path, style: str, runs: int, cache_dir: Path) -> dict[str, Figure]:
    """The installed command as a user runs it, with bytecode cached (pip compiles it on
    install): PYTHONDONTWRITEBYTECODE is dropped and bytecode goes to a temp folder."""
    command = Path(sys.executable).parent / "coprodcite"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COPRODCITE_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        COPRODCITE_LIBRARY=str(path),
        COPRODCITE_CONFIG=str(path.parent / "none.toml"),
        COPRODCITE_CACHE_DIR=str(cache_dir),
        PYTHONPYCACHEPREFIX=str(cache_dir / "pycache"),
    )

    def run(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run(
            [str(command), *args], env=env, capture_output=True, check=True
        )

    run("--version")()  # writes the bytecode
    figures = {
        "startup": median_time(run("--version"), max(runs, 5)),
        "cold": median_time(run("bib", "--style", style, "--no-cache"), runs),
    }
    run("bib", "--style", style)()  # renders and stores
    figures["warm"] = median_time(run("bib", "--style", style), max(runs, 5))
    return figures


def report(title: str, figures: dict[str, Figure], rows: list[tuple[str, str]]) -> None:
    print(title)
    for label, key in rows:
        print(f"  {label:<28}{figures[key]}")


def ratio(a: Figure, b: Figure) -> str:
    return f"{a.wall / b.wall:.0f}x wall, {a.cpu / b.cpu:.0f}x CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=3, help="runs per cold figure (warm: 5+)")
    parser.add_argument("--style", default="apa")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the shared corpus is not at {CORPUS}")
    print(f"style {args.style}; medians of {args.runs} cold and {max(args.runs, 5)} warm runs")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"lib-{size}.sqlite"
            n = fill(path, size)
            s = services_figures(path, args.style, args.runs)
            report(
                f"\n{n} items, services layer",
                s,
                [
                    ("records -> CSL items", "load"),
                    ("bibliography uncached", "uncached"),
                    ("bibliography miss + store", "miss"),
                    ("bibliography warm (hit)", "warm"),
                ],
            )
            print(f"  uncached / warm: {ratio(s['uncached'], s['warm'])}")
            c = command_figures(path, args.style, args.runs, Path(tmp) / "cache")
            report(
                f"{n} items, installed command",
                c,
                [
                    ("coprodcite --version", "startup"),
                    ("coprodcite bib --no-cache", "cold"),
                    ("coprodcite bib (warm)", "warm"),
                ],
            )
            print(
                f"  cold / warm: {ratio(c['cold'], c['warm'])}; warm minus start-up: "
                f"{c['warm'].wall - c['startup'].wall:.3f} s wall"
            )


if __name__ == "__main__":
    main()
