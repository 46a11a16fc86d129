"""Import speed: coprodcite import into an empty library against a bare parse.

* BibTeX: the 7,166-entry ``bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib``
  imported into an empty SQLite library, against ``bibtexparser.parse_file`` of the same
  file (the ratio is what import adds: mapping, names, duplicates, keys, SQLite), then the
  export of the library back to BibTeX. Needs ``read_bibtex`` (the BibTeX part of issue 6).
* RIS: the largest RIS file of the corpus, and a RIS file of ``--synthetic`` entries made
  from it (each entry repeated with its own title and DOI, so none is a duplicate), against
  a bare ``rispy.load``; then the export of the library back to RIS.

Each figure is the median of ``--runs`` runs (a fresh library each time), measured two
ways: each run in a fresh interpreter (the work timed inside it, its modules imported
before the clock starts on both sides: what ``coprodcite import`` costs a user), and
runs repeated in this process, where the memos of names and LaTeX are warm after the
first (how issue 16 measured 6.7-9.6x). Run:

    python bench/bench_import.py [--runs 3] [--synthetic 7166] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coprodcite.library import open_library  # noqa: E402
from coprodcite.services.interchange import export, import_files  # noqa: E402

BIG_BIB = "bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib"


def median_time(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    wall, _, result = median_times(runs, work)
    return wall, result


def median_times(runs: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds of ``work`` (CPU time moves least when the
    machine is shared), and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def import_into_fresh_library(path: Path, folder: Path) -> Any:
    library_path = folder / f"lib-{time.perf_counter_ns()}.sqlite"
    library = open_library(library_path)
    try:
        return import_files(library, [path]).files[0], library_path
    finally:
        library.close()


#: what a fresh interpreter has imported before the clock starts, on both sides: the
#: work is timed, not the interpreter or the modules' first import
_PRELUDE = (
    "import pathlib, sys, time; sys.path.insert(0, {repo!r}); import bibtexparser, rispy;"
    " import coprodcite.names, coprodcite.markup, coprodcite.formats.bibtex,"
    " coprodcite.formats.ris; from coprodcite.library import open_library;"
    " from coprodcite.services.interchange import import_files;"
)
_BARE = {
    "bibtex": "bibtexparser.parse_file({path!r})",
    "ris": "rispy.load(pathlib.Path({path!r}), encoding='utf-8-sig')",
}
_IMPORT = "import_files(open_library({library!r}), [{path!r}])"


def fresh_times(runs: int, work: str, **values: Any) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``work`` (Python, formatted with
    ``values``), each run in a fresh interpreter: nothing cached by an earlier run
    (names, LaTeX, the memos)."""
    walls, cpus = [], []
    for n in range(runs):
        filled = {k: str(v).replace("{n}", str(n)) for k, v in values.items()}
        code = (
            _PRELUDE.format(repo=str(REPO))
            + " start, cpu = time.perf_counter(), time.process_time(); "
            + work.format(**filled)
            + "; print(time.perf_counter() - start, time.process_time() - cpu)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr)
        wall, cpu = (float(x) for x in done.stdout.split()[-2:])
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def _line(label: str, times: tuple[float, float], base: tuple[float, float] | None) -> str:
    wall, cpu = times
    ratio = f"   ratio {wall / base[0]:5.1f}x wall, {cpu / base[1]:5.1f}x CPU" if base else ""
    return f"    {label:13} median {wall:7.3f} s wall, {cpu:7.3f} s CPU{ratio}"


def bench(
    label: str, path: Path, bare: Callable[[], Any], fmt: str, runs: int, folder: Path
) -> None:
    bare_cold = fresh_times(runs, _BARE[fmt], path=path)
    import_cold = fresh_times(runs, _IMPORT, path=path, library=folder / f"cold-{fmt}-{{n}}.sqlite")
    bare_wall, bare_cpu, _ = median_times(runs, bare)
    import_wall, import_cpu, (report, library_path) = median_times(
        runs, lambda: import_into_fresh_library(path, folder)
    )
    library = open_library(library_path)
    try:
        export_s, result = median_time(runs, lambda: export(library, None, fmt, folder / "out"))
    finally:
        library.close()
    print(f"{label}: {path.name}")
    print(
        f"  entries {report.entries}: imported {report.imported}, skipped {report.skipped},"
        f" merged {report.merged}, failed {report.failed}"
    )
    print("  fresh interpreter for each run (what a user meets):")
    print(_line("bare parse", bare_cold, None))
    print(_line("import", import_cold, bare_cold))
    print("  again and again in this process (caches warm after the first run):")
    print(_line("bare parse", (bare_wall, bare_cpu), None))
    print(_line("import", (import_wall, import_cpu), (bare_wall, bare_cpu)))
    print(f"  export to {fmt:6} median {export_s:8.3f} s   ({result.count} records)")


def synthetic_ris(model: Path, count: int, folder: Path) -> Path:
    """``count`` entries made from ``model``'s, each with its own title and DOI."""
    import re

    text = model.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    entries = [e + "ER  - \n" for e in re.split(r"(?m)^ER  -.*\n?", text) if "TY  -" in e]
    out = []
    for i in range(count):
        entry = re.sub(r"(?m)^(TI|T1)  - (.*)$", rf"\1  - \2 (copy {i})", entries[i % len(entries)])
        entry = re.sub(r"(?m)^DO  - .*$", f"DO  - 10.5555/bench.{i}", entry)
        out.append(entry)
    path = folder / f"synthetic-{count}.ris"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=7166)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--bibtex-only", action="store_true", help="Leave out the RIS files.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.bibtex_only:
            return bench_bibtex(args, folder)
        ris_files = sorted((args.corpus / "ris").rglob("*.ris"), key=lambda p: p.stat().st_size)
        largest = ris_files[-1]

        def bare_ris() -> Any:
            import rispy

            return rispy.load(largest, encoding="utf-8-sig")

        bench("RIS", largest, bare_ris, "ris", args.runs, folder)
        big_ris = synthetic_ris(largest, args.synthetic, folder)

        def bare_big_ris() -> Any:
            import rispy

            return rispy.load(big_ris, encoding="utf-8-sig")

        bench("RIS (synthetic)", big_ris, bare_big_ris, "ris", args.runs, folder)
        bench_bibtex(args, folder)


def bench_bibtex(args: argparse.Namespace, folder: Path) -> None:
    big = args.corpus / BIG_BIB

    def bare_bib() -> Any:
        import bibtexparser

        return bibtexparser.parse_file(str(big))

    bench("BibTeX", big, bare_bib, "bibtex", args.runs, folder)


if __name__ == "__main__":
    main()
