"""`list`, `list --query`, `list --tag` and `list --sort author --limit 20` on the
7,160-record library, against `coprodcite --version` (start-up alone) and plain
`list`, measured in the same run. The first search builds the full-text index (FTS5)
and is shown apart. Medians of repeated runs (the machine is shared and noisy:
compare the ratios). Run:

    python bench/bench_search.py [--runs 7] [--library PATH]

The library is built by importing the corpus's bbt Unabbreviate_on_import_1436-3.bib
(7,166 entries, 7,160 records), unless --library names one already built (it is
copied: the bench tags records in its copy).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIB = (
    REPO.parent / "shared/corpus/bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib"
)
QUERIES = ["nanowire", "gan light emitting", "author:wang year:2019", '"quantum dots" -review']


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", type=Path, help="a library already built (copied)")
    args = parser.parse_args()
    exe = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp, "lib.sqlite")
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        env.update(COPRODCITE_LIBRARY=str(library), COPRODCITE_CONFIG=str(Path(tmp, "x.toml")))
        if args.library is not None:
            shutil.copy(args.library, library)
        elif BIB.is_file():
            print(f"importing {BIB.name} ...", flush=True)
            subprocess.run([exe, "import", str(BIB)], env=env, check=True, capture_output=True)
        else:
            sys.exit(f"the corpus file is not at {BIB}; give --library")
        keys = timed([exe, "list"], env)[1].split("\n")
        subprocess.run([exe, "tag", *[k.split("\t")[0] for k in keys[::20] if k], "every-20th"],
                       env=env, check=True, capture_output=True)  # fmt: skip
        first, _ = timed([exe, "list", "--query", QUERIES[0]], env)
        cases = {
            "coprodcite --version (start-up)": [exe, "--version"],
            "list": [exe, "list"],
            "list --sort author --limit 20": [exe, "list", "--sort", "author", "--limit", "20"],
            "list --tag every-20th": [exe, "list", "--tag", "every-20th"],
            **{f"list --query {q!r}": [exe, "list", "--query", q] for q in QUERIES},
        }
        results, found = {}, {}
        for name, cmd in cases.items():
            runs = [timed(cmd, env) for _ in range(args.runs)]
            results[name] = statistics.median(t for t, _ in runs)
            found[name] = runs[0][1].count("\n")
    base, plain = results["coprodcite --version (start-up)"], results["list"]
    print(f"{found['list']:,} records; medians of {args.runs} runs")
    print(f"  {'first search (builds the index)':42} {first:7.3f} s")
    for name, seconds in results.items():
        print(f"  {name:42} {seconds:7.3f} s  {seconds / base:5.2f}x start-up  "
              f"{seconds / plain:5.2f}x list  ({found[name]:,} lines)")  # fmt: skip


if __name__ == "__main__":
    main()
