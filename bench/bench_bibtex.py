"""Reading and writing a large .bib file: coprodcite's read_bibtex against a bare
``bibtexparser.parse_file`` of the same file (the baseline, measured in the same
run), and write_bibtex of the records read. Prints medians of several runs and the
ratio. Run:

    python bench/bench_bibtex.py                # the 7,166-entry corpus file, 5 runs
    python bench/bench_bibtex.py --runs 3 path/to/file.bib
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT = (
    REPO.parent / "shared/corpus/bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib"
)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"bench_bibtex: no file at {args.path} (the shared corpus is beside the repo)")

    import bibtexparser

    from coprodcite.formats.bibtex import read_bibtex, write_bibtex

    text = args.path.read_text(encoding="utf-8")
    result = read_bibtex(text, file=args.path.name)
    records = result.records
    # Interleaved, so both see the same load on a shared machine; the ratio is the
    # median of the per-run ratios.
    bare_times, read_times = [], []
    for _ in range(args.runs):
        bare_times.append(median_seconds(lambda: bibtexparser.parse_file(str(args.path)), 1))
        read_times.append(
            median_seconds(
                lambda: read_bibtex(args.path.read_text(encoding="utf-8"), file=args.path.name),
                1,
            )
        )
    bare, read = statistics.median(bare_times), statistics.median(read_times)
    ratio = statistics.median(r / b for r, b in zip(read_times, bare_times, strict=True))
    bibtex = median_seconds(lambda: write_bibtex(records), args.runs)
    biblatex = median_seconds(lambda: write_bibtex(records, dialect="biblatex"), args.runs)

    print(f"file: {args.path.name} ({len(text):,} characters)")
    print(f"entries: {len(records):,} records, {len(result.failures)} failures,")
    print(f"         {len(result.warnings)} warnings; median of {args.runs} runs each")
    print(f"bibtexparser.parse_file (baseline): {bare:7.3f} s")
    print(f"read_bibtex:                        {read:7.3f} s  ({ratio:.2f}x the baseline)")
    print(f"write_bibtex, bibtex:               {bibtex:7.3f} s")
    print(f"write_bibtex, biblatex:             {biblatex:7.3f} s")
    per_entry = 1e6 * read / max(len(records), 1)
    print(f"read per entry: {per_entry:.0f} µs")


if __name__ == "__main__":
    main()
