"""Time 1,000 APA items, each cited once and all in the bibliography, cold and warm, four
ways in one run: citeproc-py 0.11.1 alone, coprodcite's bridge over it and coprodcite's
own CSL processor (both through the public API), and ``pandoc --citeproc`` when pandoc
is installed.

Usage: ``python bench/bench_render.py [--items 1000] [--repeat 3] [--style apa]``

"Cold" is the first render in a fresh process (imports, style and locale parsing
included); "warm" is the same render again in that process (the parsed style and
locale are cached, the items are not). Pandoc has no warm run: each run is a process.

Items are real Crossref records from ``../shared/corpus/crossref_list_items`` mapped with
:mod:`coprodcite.sources.crossref`. Each timing is a fresh Python process (style and
locale parsing included: "cold"); the figure is CPU time (user + system, so that other
work on a shared machine does not count), the median of ``--repeat`` runs. Pandoc's
time includes its start-up and reading the CSL-JSON file. The
bridge's text output is compared with stock citeproc-py's for every item stock renders
without raising.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "crossref_list_items"


def items(count: int) -> list[dict[str, Any]]:
    from coprodcite.sources.crossref import map_crossref

    paths = sorted(CORPUS.glob("*.json"))[:count]
    return [
        map_crossref(json.loads(p.read_text(encoding="utf-8"))).to_csl(id=f"r{n}")
        for n, p in enumerate(paths)
    ]


def stock(data: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Citations and bibliography from citeproc-py alone; a crash gives ``None`` text."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    from coprodcite.render.citeproc_py.markup import clean_item
    from coprodcite.render.styles import resolve_style

    path = resolve_style("apa").path
    style = CitationStylesStyle(str(path), locale="en-US", validate=False)
    source = CiteProcJSON([clean_item(i, i["id"], "text") for i in data])
    bib = CitationStylesBibliography(style, source, formatter.plain)
    citations = [Citation([CitationItem(i["id"])]) for i in data]
    for citation in citations:
        bib.register(citation)
    bib.sort()
    cites = [_try(lambda c=c: bib.cite(c, lambda x: "")) for c in citations]
    entries = [_try(lambda i=i: style.render_bibliography([i])[0]) for i in bib.items]
    return cites, entries


def _try(render: Any) -> str:
    try:
        return str(render())
    except Exception:
        return "\0crash"


def api(data: list[dict[str, Any]], engine: str) -> tuple[list[str], list[str]]:
    import warnings

    from coprodcite.render import render_bibliography, render_citations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clusters = [[{"id": i["id"]}] for i in data]
        cites = render_citations(data, clusters, STYLE, engine=engine)
        return cites, render_bibliography(data, STYLE, engine=engine)


STYLE = "apa"
_ENGINE = {"bridge": "citeproc-py", "coprodcite": "coprodcite"}


def child(engine: str, count: int, out: Path) -> None:
    """One cold and one warm run in this process: write timings and output."""
    data = items(count)
    seconds = []
    for _ in range(1 if engine == "stock" else 2):
        start = time.process_time()
        if engine == "stock":
            cites, entries = stock(data)
        else:
            cites, entries = api(data, _ENGINE[engine])
        seconds.append(time.process_time() - start)
    out.write_text(json.dumps({"seconds": seconds, "cites": cites, "entries": entries}))


def run_child(engine: str, count: int, tmp: Path) -> dict[str, Any]:
    out = tmp / f"{engine}.json"
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--items",
            str(count),
            "--out",
            str(out),
            "--style",
            STYLE,
        ],
        check=True,
        cwd=REPO,
    )
    return dict(json.loads(out.read_text()))


def pandoc(count: int, tmp: Path) -> float:
    from coprodcite.render.styles import resolve_style

    data = items(count)
    (tmp / "items.json").write_text(json.dumps(data))
    (tmp / "doc.md").write_text("\n\n".join(f"Text [@{i['id']}]." for i in data))
    style = str(resolve_style(STYLE).path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--csl",
            style,
            "--bibliography",
            str(tmp / "items.json"),
            "-t",
            "plain",
            "-o",
            str(tmp / "out.txt"),
            str(tmp / "doc.md"),
        ],
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _unfixed(text: str) -> str:
    """``text`` without the differences coprodcite's fixes make on purpose."""
    text = re.sub(r"(\d{4})[a-z]{1,2}\b", r"\1", text)  # year-suffixes
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    text = re.sub(r"([.,])(['\"])", r"\2\1", text)  # punctuation in quotes
    return re.sub(r"([.!?])(['\"]?)\.", r"\1\2", text)  # doubled periods


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=("stock", "bridge", "coprodcite"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--style", default="apa")
    parser.add_argument(
        "--engines", nargs="+", default=["stock", "bridge", "coprodcite"], help="who to time"
    )
    args = parser.parse_args(argv)
    global STYLE
    STYLE = args.style
    if args.child:
        child(args.child, args.items, args.out)
        return 0
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for _ in range(args.repeat):
            runs = {engine: run_child(engine, args.items, tmp) for engine in args.engines}
            for engine, run in runs.items():
                times.setdefault(engine, []).append(run["seconds"][0])
                if len(run["seconds"]) > 1:
                    times.setdefault(engine + " warm", []).append(run["seconds"][1])
            if shutil.which("pandoc"):
                times.setdefault("pandoc", []).append(pandoc(args.items, tmp))
    report(times, runs, args.items)
    return 0


def report(times: dict[str, list[float]], runs: dict[str, Any], count: int) -> None:
    medians = {k: statistics.median(v) for k, v in times.items() if v}
    for engine, median in medians.items():
        runs_text = ", ".join(f"{t:.2f}" for t in times[engine])
        print(f"{engine:<16} median {median:6.2f} s  (runs: {runs_text})")
    for engine in ("bridge", "coprodcite"):
        if engine in medians and "stock" in medians:
            print(f"{engine} speed-up over citeproc-py alone: "
                  f"{medians['stock'] / medians[engine]:.2f}x")  # fmt: skip
        for kind in ("", " warm"):
            if engine + kind in medians and "pandoc" in medians:
                ratio = medians[engine + kind] / medians["pandoc"]
                print(f"{engine + kind} / pandoc: {ratio:.2f}x pandoc's time")
    if "stock" in runs and "bridge" in runs:
        _compare(runs["stock"], runs["bridge"], count)
    if "bridge" in runs and "coprodcite" in runs:
        a, b = runs["bridge"], runs["coprodcite"]
        pairs = list(zip(a["cites"], b["cites"], strict=True))
        pairs += list(zip(sorted(a["entries"]), sorted(b["entries"]), strict=False))
        same = sum(x == y for x, y in pairs)
        print(f"bridge and coprodcite engines: {same} of {len(pairs)} texts identical")


def _compare(stock_out: dict[str, Any], bridge_out: dict[str, Any], count: int) -> None:
    pairs = list(zip(stock_out["cites"], bridge_out["cites"], strict=True))
    # entries: sort ties may differ, so they are paired by content
    by_content = {_unfixed(b): b for b in bridge_out["entries"]}
    pairs += [(s, by_content.get(_unfixed(s), "(missing)")) for s in stock_out["entries"]]
    # stock keeps rich-text tags and entities as text: those texts are not compared
    pairs = [(s, b) for s, b in pairs if s != "\0crash" and not {"<", "&"} & set(s)]
    same = sum(s == b for s, b in pairs)
    fixed = [(s, b) for s, b in pairs if s != b and _unfixed(b) == _unfixed(s)]
    other = [(s, b) for s, b in pairs if s != b and _unfixed(b) != _unfixed(s)]
    crashes = sum(s == "\0crash" for kind in ("cites", "entries") for s in stock_out[kind])
    print(
        f"{count} items, {len(pairs)} texts stock rendered without tags or entities "
        f"({crashes} where stock raised): {same} identical, {len(fixed)} differ only by "
        f"coprodcite's deliberate fixes (punctuation in quotes, typographic quotes, "
        f"year-suffixes, doubled periods), {len(other)} differ otherwise"
    )
    for s, b in other[:5]:
        print(f"  stock:  {s!r}\n  bridge: {b!r}")


if __name__ == "__main__":
    sys.exit(main())
