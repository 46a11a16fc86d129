"""Run the CSL test suite (``../shared/csl-test-suite/humans``) through coprodcite's public
rendering API and print pass/fail per fixture prefix.

Usage: ``python bench/bench_csl_suite.py [--jobs N] [--json] [--failures] [PREFIX ...]``

Each fixture is rendered with :func:`coprodcite.render.render_citations` or
:func:`coprodcite.render.render_bibliography` in ``html`` and compared with its RESULT,
normalised as citeproc-js's own runner would: citeproc-js writes ``&`` as ``&#38;``,
a bibliography is wrapped in ``csl-bib-body``/``csl-entry`` divs (whitespace between the
divs is ignored), the ``..[n]``/``>>[n]`` markers of CITATIONS fixtures are dropped, and
items without an ``id`` get ``ITEM-1``, ``ITEM-2``... A fixture without CITATION-ITEMS
or CITATIONS cites all its items in one cluster, in input order.
Fixtures with a BIBSECTION or a mode other than citation/bibliography are skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

SUITE = Path(__file__).resolve().parents[2] / "shared" / "csl-test-suite" / "humans"
_SECTION = re.compile(r">>=+ *([A-Z-]+) *=+>>\n(.*?)\n?<<=+ *\1 *=+<<", re.DOTALL)
_MARKER = re.compile(r"^(?:\.\.|>>)\[\d+\] ", re.MULTILINE)


def parse_fixture(path: Path) -> dict[str, str]:
    """The sections of one fixture file, by name."""
    return {m.group(1): m.group(2) for m in _SECTION.finditer(path.read_text(encoding="utf-8"))}


def expected(fixture: dict[str, str]) -> str:
    result = fixture["RESULT"].replace("&#38;", "&amp;")
    if fixture["MODE"].strip() == "bibliography":
        return "".join(line.strip() for line in result.splitlines())
    return _MARKER.sub("", result).strip()


def rendered(fixture: dict[str, str]) -> str:
    """What coprodcite renders for ``fixture``, in the form of :func:`expected`."""
    from coprodcite.render import render_bibliography, render_citations

    items = json.loads(fixture["INPUT"])
    for n, item in enumerate(items):  # as citeproc-js's runner does
        item.setdefault("id", f"ITEM-{n + 1}")
    clusters = _clusters(fixture)
    style = fixture["CSL"]
    if fixture["MODE"].strip() == "bibliography":
        entries = render_bibliography(items, style, fmt="html", cited=clusters)
        body = "".join(f'<div class="csl-entry">{e}</div>' for e in entries)
        return f'<div class="csl-bib-body">{body}</div>'
    clusters = clusters or [[{"id": item["id"]} for item in items]]
    return "\n".join(render_citations(items, clusters, style, fmt="html")).strip()


def _clusters(fixture: dict[str, str]) -> list[list[dict[str, Any]]] | None:
    if "CITATIONS" in fixture:
        return [c[0]["citationItems"] for c in json.loads(fixture["CITATIONS"])]
    if "CITATION-ITEMS" in fixture:
        return list(json.loads(fixture["CITATION-ITEMS"]))
    return None


def run_one(path: Path) -> tuple[str, str, str, str]:
    """(fixture name, status, expected, got); status is pass, fail, error or skip."""
    fixture = parse_fixture(path)
    if "BIBSECTION" in fixture or fixture.get("MODE", "").strip() not in (
        "citation",
        "bibliography",
    ):
        return path.stem, "skip", "", ""
    want = expected(fixture)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = rendered(fixture)
        except Exception as exc:  # a fixture that raises is a failure, not a crash
            return path.stem, "error", want, f"{type(exc).__name__}: {exc}"
    return path.stem, "pass" if got == want else "fail", want, got


def run_suite(
    suite: Path = SUITE, prefixes: list[str] | None = None, jobs: int = 1
) -> list[tuple[str, str, str, str]]:
    paths = sorted(suite.glob("*.txt"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]
    if jobs <= 1:
        return [run_one(p) for p in paths]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(run_one, paths, chunksize=8))


def summary(results: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    by_prefix: dict[str, Counter[str]] = {}
    for name, status, _, _ in results:
        by_prefix.setdefault(name.split("_")[0], Counter())[status] += 1
    total = Counter(status for _, status, _, _ in results)
    return {
        "total": len(results),
        "passed": total["pass"],
        "failed": total["fail"],
        "errors": total["error"],
        "skipped": total["skip"],
        "prefixes": {k: dict(v) for k, v in sorted(by_prefix.items())},
        "passing": sorted(name for name, status, _, _ in results if status == "pass"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="only fixtures whose names start so")
    parser.add_argument("--suite", type=Path, default=SUITE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--failures", action="store_true", help="show expected and got")
    args = parser.parse_args(argv)
    if not args.suite.is_dir():
        print(f"no CSL test suite at {args.suite}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    results = run_suite(args.suite, args.prefixes, args.jobs)
    seconds = time.perf_counter() - start
    info = summary(results)
    if args.json:
        print(json.dumps({**info, "seconds": round(seconds, 1)}, indent=1))
        return 0
    if args.failures:
        for name, status, want, got in results:
            if status in ("fail", "error"):
                print(f"--- {name} ({status})\n  want: {want!r}\n  got:  {got!r}")
    for prefix, counts in info["prefixes"].items():
        print(
            f"{prefix:<14} pass {counts.get('pass', 0):>4}  fail {counts.get('fail', 0):>4}"
            f"  error {counts.get('error', 0):>3}"
        )
    print(
        f"TOTAL {info['passed']} / {info['total']} pass, {info['failed']} fail, "
        f"{info['errors']} error, {info['skipped']} skipped ({seconds:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
