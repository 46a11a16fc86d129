"""People and full credit: what linking, preferred names and --full-credit cost.

Builds a library of invented records (20 authors each; every fifth author has an
ORCID shared across records) and prints medians of repeated runs, each beside a
baseline measured in the same run (the machine is shared and noisy: compare ratios):

* saving a record (linking every contributor to a person) against reading it back;
* ``people()`` (every person with contributions) against ``records()`` (every record);
* ``csl_items`` with preferred names substituted against without;
* ``bibliography(..., full_credit=True)`` against the same without full credit.

    python bench/bench_people.py [--records 300] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coprodcite import services
from coprodcite.identifiers import orcid_check_digit
from coprodcite.library import open_library
from coprodcite.model import Contributor, Record


def orcid(n: int) -> str:
    digits = f"{n:015d}"
    full = digits + orcid_check_digit(digits)
    return "https://orcid.org/" + "-".join(full[i : i + 4] for i in range(0, 16, 4))


def record(n: int) -> Record:
    people = [
        Contributor(
            given=f"Ada{k}", family=f"Quill{(n + k) % 97}", orcid=orcid(k) if k % 5 == 0 else None
        )
        for k in range(20)
    ]
    return Record(
        type="article-journal",
        key=f"quill{n}",
        fields={
            "title": f"Invented work {n}",
            "issued": {"date-parts": [[2000 + n % 25]]},
            "DOI": f"10.5555/bench.{n}",
            "container-title": "Invented Journal",
        },
        contributors=people,
    )


def median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lib = open_library(Path(tmp) / "lib.sqlite")
        saves, gets = [], []
        for n in range(args.records):
            start = time.perf_counter()
            lib.save(record(n))
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            lib.get(f"quill{n}")
            gets.append(time.perf_counter() - start)
        people = lib.people()
        for entry in people[::10]:
            lib.rename_person(entry.person.id, {"given": "Ada", "family": "Quill-Brook"})
        recs = lib.records()
        names = lib.preferred_names()
        refs = [f"quill{n}" for n in range(20)]
        rows = [
            (
                "save one record (20 contributors)",
                statistics.median(saves),
                "get it back",
                statistics.median(gets),
            ),
            (
                "people() (every person)",
                median(lib.people, args.runs),
                "records()",
                median(lib.records, args.runs),
            ),
            (
                "csl_items with preferred names",
                median(lambda: services.csl_items(recs, names), args.runs),
                "csl_items without",
                median(lambda: services.csl_items(recs), args.runs),
            ),
            (
                "bib of 20, --full-credit",
                median(
                    lambda: services.bibliography(lib, refs, "apa", full_credit=True), args.runs
                ),
                "bib of 20",
                median(lambda: services.bibliography(lib, refs, "apa"), args.runs),
            ),
        ]
        print(
            f"{args.records} records, {sum(len(r.contributors) for r in recs)} contributors, "
            f"{len(people)} people, {len(names)} preferred names; medians of {args.runs} runs"
        )
        for what, t, baseline, b in rows:
            print(
                f"{what:<36} {t * 1000:8.2f} ms   {baseline:<18} {b * 1000:8.2f} ms"
                f"   ratio {t / b:5.2f}"
            )
        lib.close()


if __name__ == "__main__":
    main()
