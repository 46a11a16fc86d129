"""A cold APA bibliography of a real library against pandoc, at several sizes.

Usage: ``python bench/bench_bibliography.py [--sizes 1000 7160 20000] [--runs 3]
[--style apa] [--profile N]``

The library is the corpus's 7,166-entry BibTeX file
(``bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib``) imported into an
empty library (7,160 records once duplicates merge), its records written as CSL-JSON
(``bench/out/library.csl.json``, made once). A size below the library's takes its first
records; a larger one repeats them, each copy with its own id and title (so none is a
duplicate and sorting and disambiguation see them all).

For each size, in the same run:

* coprodcite: a fresh ``python`` process reads the CSL-JSON and calls
  ``render_bibliography(items, style, engine="coprodcite")`` (imports, style and locale
  parsing included: "cold");
* pandoc: ``pandoc --citeproc`` with the same CSL file and CSL-JSON, a Markdown input
  whose metadata says ``nocite: "@*"``, plain-text output (its start-up and JSON reading
  included).

Each figure is the CPU time (user + system) of the child process, the median of
``--runs`` runs, so that other work on the shared machine counts less. The per-record
cost (ms) shows whether the cost grows linearly. ``--profile N`` prints the top of a
cProfile of one render of N records instead.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
BIG_BIB = CORPUS / "bibtex/large/bbt-import-fixtures/Unabbreviate_on_import_1436-3.bib"
LIBRARY_JSON = REPO / "bench" / "out" / "library.csl.json"

RENDER = """
import json, sys, warnings
from coprodcite.render import render_bibliography
items = json.load(open(sys.argv[1], encoding="utf-8"))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    entries = render_bibliography(items, sys.argv[2], engine="coprodcite")
print(len(entries))
"""


def library_items() -> list[dict[str, Any]]:
    """The imported library's records as CSL-JSON (made once, then read from disk)."""
    if not LIBRARY_JSON.exists():
        sys.path.insert(0, str(REPO))
        from coprodcite.library import open_library
        from coprodcite.services.interchange import import_files

        with tempfile.TemporaryDirectory() as tmp:
            library = open_library(Path(tmp) / "lib.sqlite")
            try:
                import_files(library, [BIG_BIB])
                data = [r.to_csl() for r in library.records()]
            finally:
                library.close()
        LIBRARY_JSON.parent.mkdir(parents=True, exist_ok=True)
        LIBRARY_JSON.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return json.loads(LIBRARY_JSON.read_text(encoding="utf-8"))


def sized(items: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    if size <= len(items):
        return items[:size]
    out = []
    for n in range(size):
        item = dict(items[n % len(items)])
        copy = n // len(items)
        if copy:
            item["id"] = f"{item['id']}-copy{copy}"
            item["title"] = f"{item.get('title', '')} (copy {copy})"
        out.append(item)
    return out


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) the command's process tree used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def style_file(style: str) -> Path:
    sys.path.insert(0, str(REPO))
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style)
    assert source.path is not None
    return source.path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 7160, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--profile", type=int, help="profile one render of N records")
    args = parser.parse_args(argv)
    if not BIG_BIB.is_file():
        print(f"no corpus file at {BIG_BIB}", file=sys.stderr)
        return 2
    items = library_items()
    print(f"library: {len(items)} records from {BIG_BIB.name}")
    if args.profile:
        import cProfile
        import pstats
        import warnings

        from coprodcite.render import render_bibliography

        data = sized(items, args.profile)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            profile = cProfile.Profile()
            profile.runcall(render_bibliography, data, args.style, engine="coprodcite")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return 0
    pandoc = shutil.which("pandoc")
    csl = style_file(args.style)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"items-{size}.json"
            path.write_text(json.dumps(sized(items, size), ensure_ascii=False), encoding="utf-8")
            ours = [child_cpu([sys.executable, "-c", RENDER, str(path), args.style])
                    for _ in range(args.runs)]  # fmt: skip
            row = f"{size:6d} records  coprodcite {statistics.median(ours):7.2f} s"
            row += f" ({1000 * statistics.median(ours) / size:5.2f} ms/record)"
            if pandoc:
                nocite = Path(tmp) / "nocite.md"  # nocite must be parsed as a citation
                nocite.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
                command = [pandoc, "--citeproc", "--csl", str(csl), "--bibliography",
                           str(path), "-f", "markdown", "-t", "plain", "-o", "/dev/null",
                           str(nocite)]  # fmt: skip
                theirs = [child_cpu(command) for _ in range(args.runs)]
                ratio = statistics.median(ours) / statistics.median(theirs)
                row += f"  pandoc {statistics.median(theirs):7.2f} s"
                row += f" ({1000 * statistics.median(theirs) / size:5.2f} ms/record)"
                row += f"  ratio {ratio:4.2f}x"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
