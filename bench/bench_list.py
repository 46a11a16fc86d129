"""`coprodcite list` of a 7,160-record library, piped and on a pseudo-terminal, against
`coprodcite --version` (start-up alone) measured in the same run, and against the way
`list` worked before (every record loaded, a rich Table printed, in this process).
Medians of repeated runs (the machine is shared and noisy: compare the ratios). Run:

    python bench/bench_list.py [--runs 7] [--library PATH] [--no-before]

The library is built by importing the corpus's bbt Unabbreviate_on_import_1436-3.bib
(7,166 entries, 7,160 records), unless --library names one already built.
"""

from __future__ import annotations

import argparse
import io
import os
import pty
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


def piped(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def on_terminal(cmd: list[str], env: dict[str, str], columns: int) -> float:
    """The command with stdout and stderr on a pseudo-terminal, read to the end."""
    main, child = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, env={**env, "COLUMNS": str(columns)}, stdout=child, stderr=child
    )
    os.close(child)
    while True:
        try:
            if not os.read(main, 1 << 16):
                break
        except OSError:  # EIO: the terminal's last writer has gone
            break
    process.wait()
    os.close(main)
    return time.perf_counter() - start


def before(library: Path, columns: int) -> float:
    """The former `list`: every record loaded, then a rich Table of them printed."""
    from rich.console import Console
    from rich.table import Table

    from coprodcite.library import open_library
    from coprodcite.markup import plain_text

    start = time.perf_counter()
    recs = open_library(library).records()
    table = Table(box=None, header_style="bold")
    table.add_column("key", no_wrap=True)
    table.add_column("year", no_wrap=True)
    table.add_column("authors", overflow="fold", max_width=30)
    table.add_column("title", overflow="fold", ratio=1)
    table.add_column("DOI", overflow="fold")
    for r in recs:
        people = r.names("author") or r.names("editor")
        names = ", ".join(p.family or p.literal or p.given or "" for p in people[:2])
        table.add_row(r.key, str(r.year or ""), names, plain_text(r.title), r.doi or "")
    Console(file=io.StringIO(), width=columns).print(table)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--library", type=Path, help="a library already built")
    parser.add_argument("--no-before", action="store_true", help="skip the former way")
    args = parser.parse_args()
    exe = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        library = args.library or Path(tmp, "lib.sqlite")
        env.update(COPRODCITE_LIBRARY=str(library), COPRODCITE_CONFIG=str(Path(tmp, "x.toml")))
        if args.library is None:
            if not BIB.is_file():
                sys.exit(f"the corpus file is not at {BIB}; give --library")
            print(f"importing {BIB.name} ...", flush=True)
            subprocess.run([exe, "import", str(BIB)], env=env, check=True, capture_output=True)
        count = subprocess.run(
            [exe, "list"], env=env, check=True, capture_output=True, text=True
        ).stdout.count("\n")
        cases = {
            "coprodcite --version (start-up)": lambda: piped([exe, "--version"], env),
            "coprodcite list | ... (piped)": lambda: piped([exe, "list"], env),
            "coprodcite list (terminal, 80 columns)": lambda: on_terminal([exe, "list"], env, 80),
            "coprodcite list (terminal, 200 columns)": lambda: on_terminal([exe, "list"], env, 200),
        }
        results = {
            name: statistics.median(case() for _ in range(args.runs))
            for name, case in cases.items()
        }
        if not args.no_before:
            results["former list: records + rich Table (80 columns)"] = before(library, 80)
    base = results["coprodcite --version (start-up)"]
    print(f"{count:,} records; medians of {args.runs} runs (the former way: one run)")
    for name, seconds in results.items():
        print(f"  {name:48} {seconds:7.3f} s   {seconds / base:6.1f}x start-up")


if __name__ == "__main__":
    main()
