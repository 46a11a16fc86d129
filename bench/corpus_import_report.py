"""Import every file of the shared corpus's bibtex/ and ris/ folders, each into a fresh
library, and print per-folder totals: entries = imported + merged + skipped + failed.

    python3 bench/corpus_import_report.py [--corpus ../shared/corpus] [--files]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coprodcite.library import open_library  # noqa: E402
from coprodcite.services.interchange import import_files  # noqa: E402

FIELDS = ("entries", "imported", "merged", "skipped", "failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--files", action="store_true", help="a line per file too")
    args = parser.parse_args()
    for folder, pattern in (("bibtex", "*.bib"), ("ris", "*")):
        totals: Counter[str] = Counter()
        unbalanced = 0
        started = time.perf_counter()
        paths = sorted(p for p in (args.corpus / folder).rglob(pattern) if p.is_file())
        for path in paths:
            with tempfile.TemporaryDirectory() as tmp:
                library = open_library(Path(tmp) / "library.sqlite")
                try:
                    (one,) = import_files(library, [path]).files
                finally:
                    library.close()
            counts = {f: getattr(one, f) for f in FIELDS}
            totals.update(counts)
            unbalanced += counts["entries"] != sum(counts[f] for f in FIELDS[1:])
            if args.files:
                print(f"  {path.relative_to(args.corpus)}: {counts}")
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{f} {totals[f]}" for f in FIELDS)
        print(
            f"{folder}: {len(paths)} files, {summary}; files where the sum is off: "
            f"{unbalanced}; {seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
