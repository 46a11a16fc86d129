"""The names pipeline over every Crossref, DataCite and CSL-JSON record of the shared
corpus: contributors in and out, duplicates removed, organisations split, ALL-CAPS
family names left, ORCIDs refused, and how many names each step changed. Run:

    python bench/names_report.py                # counts table, median times of 3 runs
    python bench/names_report.py --list duplicates   # also list one measure's cases
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LISTS = ("duplicates", "organisations_split", "caps_families_left", "orcids_rejected")


def corpus_records(corpus: Path) -> Iterator[tuple[str, object]]:
    """(file name, Record) for every record, mapped as `coprodcite add` maps it."""
    from coprodcite.sources.crossref import map_crossref
    from coprodcite.sources.datacite import map_datacite
    from coprodcite.sources.negotiation import map_csl

    for folder, mapper in (
        ("crossref", map_crossref),
        ("crossref_list_items", map_crossref),
        ("datacite", map_datacite),
        ("datacite_list_items", map_datacite),
    ):
        for path in sorted((corpus / folder).rglob("*.json")):
            yield path.name, mapper(json.loads(path.read_text(encoding="utf-8")))
    for folder in ("csljson", "csljson_other"):
        for path in sorted((corpus / folder).rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            for item in data if isinstance(data, list) else [data]:
                yield path.name, map_csl(item, source="file")


def main() -> int:
    sys.path.insert(0, str(REPO))
    from coprodcite.names import clear_memo
    from coprodcite.names.report import measure

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--list", choices=LISTS, action="append", default=[])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median shown)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    mapping, pipeline = [], []
    for _ in range(args.repeat):
        clear_memo()  # each run cold: only names repeated within the corpus are memoised
        started = time.perf_counter()
        records = list(corpus_records(args.corpus))
        mapped = time.perf_counter()
        report = measure(records)  # type: ignore[arg-type]
        pipeline.append(time.perf_counter() - mapped)
        mapping.append(mapped - started)
    for label, count in report.rows():
        print(f"{label:<55} {count:>7}")
    names = report.contributors_in
    print(f"{'mapping, median s (baseline)':<55} {statistics.median(mapping):>7.2f}")
    print(f"{'names pipeline, median s':<55} {statistics.median(pipeline):>7.2f}")
    ratio = statistics.median(pipeline) / statistics.median(mapping)
    print(f"{'pipeline / mapping':<55} {ratio:>7.2f}")
    per_name = 1e6 * statistics.median(pipeline) / names
    print(f"{'pipeline, median microseconds per name':<55} {per_name:>7.0f}")
    for name in args.list:
        print(f"\n{name}:")
        for line in getattr(report, name):
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
