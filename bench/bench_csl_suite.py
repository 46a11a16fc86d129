"""Run the CSL test suite (``../shared/csl-test-suite/humans``) through coprodcite's public
rendering API and print pass/fail per fixture prefix.

Usage: ``python bench/bench_csl_suite.py [--engine E|both] [--jobs N] [--json] [--failures]
[PREFIX ...]``

``--engine`` picks coprodcite's own CSL processor (``coprodcite``, the default) or the
citeproc-py bridge (``citeproc-py``); ``both`` runs the two and prints their pass
counts per prefix side by side. Counts are given for all fixtures and for the 802 without
a CITATIONS section (the figure other processors are usually quoted on).

Each fixture is rendered with :func:`coprodcite.render.render_citations` or
:func:`coprodcite.render.render_bibliography` in ``html`` and compared with its RESULT,
normalised as citeproc-js's own runner would: citeproc-js writes ``&``, ``<`` and ``>``
as ``&#38;``, ``&#60;`` and ``&#62;`` (read here as ``&amp;``, ``&lt;``, ``&gt;``),
a bibliography is wrapped in ``csl-bib-body``/``csl-entry`` divs (whitespace between the
divs is ignored), the ``..[n]``/``>>[n]`` markers of CITATIONS fixtures are dropped, and
items without an ``id`` get ``ITEM-1``, ``ITEM-2``... A fixture without CITATION-ITEMS
or CITATIONS cites all its items in one cluster, in input order; the bibliography of a
CITATIONS fixture lists the items its citations cite (as citeproc-js's runner does).
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
    result = (
        fixture["RESULT"]
        .replace("&#38;", "&amp;")
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
    )
    if fixture["MODE"].strip() == "bibliography":
        return "".join(line.strip() for line in result.splitlines())
    return _MARKER.sub("", result).strip()


def rendered(fixture: dict[str, str], engine: str = "coprodcite") -> str:
    """What coprodcite renders for ``fixture``, in the form of :func:`expected`."""
    from coprodcite.render import render_bibliography, render_citations

    items = json.loads(fixture["INPUT"])
    for n, item in enumerate(items):  # as citeproc-js's runner does
        item.setdefault("id", f"ITEM-{n + 1}")
    clusters = _clusters(fixture)
    style = fixture["CSL"]
    if fixture["MODE"].strip() == "bibliography":
        if "CITATIONS" in fixture and clusters:  # as citeproc-js's runner: the cited items
            cited = {str(c["id"]) for cluster in clusters for c in cluster}
            items = [item for item in items if str(item["id"]) in cited]
        entries = render_bibliography(items, style, fmt="html", cited=clusters, engine=engine)
        body = "".join(f'<div class="csl-entry">{e}</div>' for e in entries)
        return f'<div class="csl-bib-body">{body}</div>'
    clusters = clusters or [[{"id": item["id"]} for item in items]]
    notes = _notes(fixture) if engine == "coprodcite" else None
    return "\n".join(
        render_citations(items, clusters, style, fmt="html", engine=engine, notes=notes)
    ).strip()


def _notes(fixture: dict[str, str]) -> list[int] | None:
    if "CITATIONS" not in fixture:
        return None
    return [int(c.get("properties", {}).get("noteIndex") or 0) for c in _citations(fixture)]


def _citations(fixture: dict[str, str]) -> list[dict[str, Any]]:
    """The document's citations after every step of a CITATIONS section, in order.

    As in citeproc-js's ``processCitationCluster``, each step is ``[citation, pre,
    post]``: the citations before and after it, each ``[id, note number]`` (the note
    numbers they have now: an inserted note renumbers those after it); a citation whose
    id was seen before replaces the earlier one.
    """
    by_id: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for n, (citation, pre, post) in enumerate(json.loads(fixture["CITATIONS"])):
        key = str(citation.get("citationID") or f"CITATION-{n}")
        by_id[key] = citation
        for other, note in [*pre, *post]:
            if str(other) in by_id:
                properties = {**by_id[str(other)].get("properties", {}), "noteIndex": note}
                by_id[str(other)] = {**by_id[str(other)], "properties": properties}
        order = [str(p[0]) for p in pre] + [key] + [str(p[0]) for p in post]
        order = [k for k in order if k in by_id]
    return [by_id[k] for k in order]


def _clusters(fixture: dict[str, str]) -> list[list[dict[str, Any]]] | None:
    if "CITATIONS" in fixture:
        return [c["citationItems"] for c in _citations(fixture)]
    if "CITATION-ITEMS" in fixture:
        return list(json.loads(fixture["CITATION-ITEMS"]))
    return None


def run_one(path: Path, engine: str = "coprodcite") -> tuple[str, str, str, str]:
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
            got = rendered(fixture, engine)
        except Exception as exc:  # a fixture that raises is a failure, not a crash
            return path.stem, "error", want, f"{type(exc).__name__}: {exc}"
    return path.stem, "pass" if got == want else "fail", want, got


def run_suite(
    suite: Path = SUITE,
    prefixes: list[str] | None = None,
    jobs: int = 1,
    engine: str = "coprodcite",
) -> list[tuple[str, str, str, str]]:
    paths = sorted(suite.glob("*.txt"))
    if prefixes:
        paths = [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]
    if jobs <= 1:
        return [run_one(p, engine) for p in paths]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(run_one, paths, [engine] * len(paths), chunksize=8))


def with_citations(suite: Path) -> set[str]:
    """Names of the fixtures that have a CITATIONS section."""
    return {p.stem for p in suite.glob("*.txt") if "CITATIONS =" in p.read_text(encoding="utf-8")}


def summary(
    results: list[tuple[str, str, str, str]], citations: set[str] | None = None
) -> dict[str, Any]:
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
        "without_citations": {
            "total": sum(1 for name, *_ in results if name not in (citations or set())),
            "passed": sum(
                1
                for name, status, _, _ in results
                if status == "pass" and name not in (citations or set())
            ),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="only fixtures whose names start so")
    parser.add_argument("--suite", type=Path, default=SUITE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--engine", choices=("coprodcite", "citeproc-py", "both"), default="coprodcite"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--failures", action="store_true", help="show expected and got")
    args = parser.parse_args(argv)
    if not args.suite.is_dir():
        print(f"no CSL test suite at {args.suite}", file=sys.stderr)
        return 2
    engines = ["coprodcite", "citeproc-py"] if args.engine == "both" else [args.engine]
    citations = with_citations(args.suite)
    infos = {}
    for engine in engines:
        start = time.perf_counter()
        results = run_suite(args.suite, args.prefixes, args.jobs, engine)
        seconds = time.perf_counter() - start
        infos[engine] = {**summary(results, citations), "seconds": round(seconds, 1)}
        if args.failures and not args.json:
            for name, status, want, got in results:
                if status in ("fail", "error"):
                    print(f"--- {name} ({status})\n  want: {want!r}\n  got:  {got!r}")
    if args.json:
        print(json.dumps(infos[engines[0]] if len(engines) == 1 else infos, indent=1))
        return 0
    _print_table(infos)
    return 0


def _print_table(infos: dict[str, dict[str, Any]]) -> None:
    engines = list(infos)
    prefixes = sorted({p for info in infos.values() for p in info["prefixes"]})
    header = f"{'prefix':<14} {'fixtures':>8}" + "".join(f" {e:>12}" for e in engines)
    print(header)
    for prefix in prefixes:
        counts = [infos[e]["prefixes"].get(prefix, {}) for e in engines]
        total = sum(counts[0].values())
        row = "".join(f" {c.get('pass', 0):>12}" for c in counts)
        print(f"{prefix:<14} {total:>8}{row}")
    for engine, info in infos.items():
        sub = info["without_citations"]
        print(
            f"{engine}: {info['passed']} / {info['total']} pass, {info['failed']} fail, "
            f"{info['errors']} error, {info['skipped']} skipped; without CITATIONS "
            f"{sub['passed']} / {sub['total']} ({100 * sub['passed'] / max(sub['total'], 1):.1f}%)"
            f" ({info['seconds']:.1f} s)"
        )


if __name__ == "__main__":
    sys.exit(main())
