"""An add of one record (offline, `add --record`) into the 7,160-record library, with
and without a kept BibTeX export of the whole library (`export -o refs.bib --keep`),
in the same run; the goal is at most 1.2x. Also: `list` (a read-only command) with
the kept export, and the --keep itself (the export written whole once). Each add
starts from a fresh copy of the library and of the kept file. Medians (the machine
is shared and noisy: compare the ratio). Run:

    python bench/bench_kept_exports.py [--runs 7] [--library PATH]
"""

from __future__ import annotations

import argparse
import json
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
RECORD = {
    "type": "book",
    "title": "An invented book about kept exports",
    "author": [{"family": "Vale", "given": "Io"}],
    "issued": {"date-parts": [[2024]]},
}


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", type=Path, help="a library already built (copied)")
    args = parser.parse_args()
    exe = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        base["COPRODCITE_CONFIG"] = str(folder / "x.toml")
        plain, kept = folder / "plain.sqlite", folder / "kept.sqlite"
        env = {**base, "COPRODCITE_LIBRARY": str(plain)}
        if args.library is not None:
            shutil.copy(args.library, plain)
        elif BIB.is_file():
            print(f"importing {BIB.name} ...", flush=True)
            subprocess.run([exe, "import", str(BIB)], env=env, check=True, capture_output=True)
        else:
            sys.exit(f"the corpus file is not at {BIB}; give --library")
        shutil.copy(plain, kept)
        kept_env = {**base, "COPRODCITE_LIBRARY": str(kept)}
        bib = folder / "refs.bib"
        keep = timed([exe, "export", "-F", "bibtex", "-o", str(bib), "--keep"], kept_env)
        saved = folder / "refs.bib.saved"
        shutil.copy2(bib, saved)  # each add starts from the file as --keep wrote it
        without, with_kept, listing = [], [], []
        for n in range(args.runs):
            record = folder / f"record{n}.json"
            record.write_text(json.dumps({**RECORD, "id": f"vale2024run{n}"}))
            for source, times, run_env in ((plain, without, env), (kept, with_kept, kept_env)):
                copy = folder / f"run-{source.name}"
                shutil.copy(source, copy)
                shutil.copy2(saved, bib)  # (size and time too: the file is as written)
                times.append(timed([exe, "add", "--record", str(record)],
                                   {**run_env, "COPRODCITE_LIBRARY": str(copy)}))  # fmt: skip
            listing.append(timed([exe, "list"], kept_env))
        subprocess.run([exe, "add", "--record", str(record)], env=kept_env, check=True,
                       capture_output=True)  # fmt: skip
        fresh = subprocess.run([exe, "export", "-F", "bibtex"], env=kept_env, check=True,
                               capture_output=True, text=True).stdout  # fmt: skip
        same = bib.read_text(encoding="utf-8") == fresh
    a, b = statistics.median(without), statistics.median(with_kept)
    print(f"medians of {args.runs} runs; library copied afresh for each add")
    print(f"  export -o refs.bib --keep (written whole, once)  {keep:7.3f} s")
    print(f"  add --record, no kept export                     {a:7.3f} s")
    print(f"  add --record, kept BibTeX export of everything   {b:7.3f} s   {b / a:5.2f}x")
    print(f"  list with a kept export (read-only: untouched)   {statistics.median(listing):7.3f} s")
    print(f"  after an add, the kept file equals a fresh export: {same}")


if __name__ == "__main__":
    main()
