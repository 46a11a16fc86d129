"""People at scale: `people suggest` and `people merge --all-suggested` on a real library.

Imports the 7,166-entry ``bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib``
into an empty library, then prints:

* how many people it holds, and how many distinct names (``same_person_key``);
* the median time of ``suggest`` (reading every record, the links, the groups) beside a
  baseline measured in the same run, ``library.records()`` alone (the machine is shared
  and noisy: compare the ratio);
* the suggestions at ``--min-evidence`` 1, 2 and 3: groups, people in them, the largest;
* ``merge --all-suggested --min-evidence 2`` on a copy of the library: its time, and the
  people left.

    python bench/bench_people_suggest.py [--runs 3] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import BIG_BIB, REPO, median_time  # noqa: E402

from coprodcite.library import open_library  # noqa: E402
from coprodcite.names import same_person_key  # noqa: E402
from coprodcite.services.interchange import import_files  # noqa: E402
from coprodcite.services.suggestions import merge_suggested, suggest  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    big = args.corpus / BIG_BIB
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lib.sqlite"
        library = open_library(path)
        start = time.perf_counter()
        report = import_files(library, [big]).files[0]
        print(
            f"{big.name}: {report.imported} records imported in {time.perf_counter() - start:.1f} s"
        )
        people = library.people()
        names = {same_person_key(c.contributor) for e in people for c in e.contributions[:1]}
        print(f"  people {len(people)}, distinct names {len(names)}")
        base_s, _ = median_time(args.runs, library.records)
        suggest_s, found = median_time(args.runs, lambda: suggest(library))
        print(f"  records() median {base_s:7.3f} s (baseline)")
        print(f"  suggest   median {suggest_s:7.3f} s   ratio {suggest_s / base_s:5.1f}x")
        for threshold in (1, 2, 3):
            groups = suggest(library, threshold)
            covered = sum(len(s.people) for s in groups)
            top = groups[0] if groups else None
            largest = f"{len(top.people)} ({top.names[top.people[0]]})" if top else "-"
            print(
                f"  --min-evidence {threshold}: {len(groups)} suggestions, {covered} people,"
                f" largest {largest}"
            )
        library.close()
        copy = Path(tmp) / "copy.sqlite"
        shutil.copy(path, copy)
        library = open_library(copy)
        start = time.perf_counter()
        merged = merge_suggested(library, every=True, min_evidence=2)
        took = time.perf_counter() - start
        print(
            f"  merge --all-suggested --min-evidence 2: {len(merged)} suggestions in {took:.1f} s;"
            f" people {len(people)} -> {len(library.people())}"
        )
        library.close()


if __name__ == "__main__":
    main()
