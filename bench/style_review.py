"""Print coprodcite's own engine's output per style, for reading by a copy-editor.

Usage: ``python bench/style_review.py [--items 300 | --all] [--styles apa ieee ...]
[--kind entry|cite] [--grep TEXT] [--format text|html]``

The records are those of :mod:`engine_diff` (the same deterministic corpus sample). For
each style, every item's bibliography entry (rendered alone) and its citation (all items
cited once, in one call, so disambiguation is part of it) are printed under the item id,
so the output of the engine itself can be judged against the style's guide, not only
where it disagrees with the citeproc-py bridge.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine_diff  # noqa: E402


def review(data: list[dict[str, Any]], style: str, fmt: str) -> tuple[dict, dict]:
    """Entries and citations of the own engine, by item id."""
    from coprodcite.render import render_bibliography, render_citations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        entries = {i["id"]: "\n".join(render_bibliography([i], style, fmt=fmt))
                   for i in data}  # fmt: skip
        cites = render_citations(data, [[{"id": i["id"]}] for i in data], style, fmt=fmt)
    return entries, dict(zip((i["id"] for i in data), cites, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300, help="corpus records to sample")
    parser.add_argument("--all", action="store_true", help="every corpus record")
    parser.add_argument("--styles", nargs="+", default=list(engine_diff.STYLES))
    parser.add_argument("--kind", choices=("entry", "cite"), help="print only this kind")
    parser.add_argument("--grep", help="print only items whose text contains this")
    parser.add_argument("--format", default="text", help="output format (text, html)")
    args = parser.parse_args(argv)
    if not engine_diff.CORPUS.is_dir():
        print(f"no corpus at {engine_diff.CORPUS}", file=sys.stderr)
        return 2
    data = engine_diff.items(None if args.all else args.items)
    for style in args.styles:
        entries, cites = review(data, style, args.format)
        print(f"===== {style} ({len(data)} items)")
        for key in entries:
            texts = [t for k, t in (("entry", entries[key]), ("cite", cites[key]))
                     if args.kind in (None, k)]  # fmt: skip
            if args.grep and not any(args.grep in t for t in texts):
                continue
            print(f"-- {key}")
            for t in texts:
                print(f"   {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
