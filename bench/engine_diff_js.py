"""Differential test of coprodcite's own CSL engine against citeproc-js.

Usage: ``python bench/engine_diff_js.py [--items 256 | --all] [--styles apa ...] [--show]
[--kind entry|cite] [--out report.json] [--record]``

citeproc-js (the processor the CSL test suite was written for, used by Zotero and
Mendeley) is a development tool here: ``npm install`` in ``bench/citeproc_js`` (done on
first use; Node must be on PATH) installs the npm package ``citeproc`` at the version
``bench/citeproc_js/package.json`` pins. It is never a runtime dependency.

The items are :func:`engine_diff.items`: real records of ``../shared/corpus`` mapped the
way the project maps them, evenly spaced through each folder, plus the two examples.
Both processors get the same CSL-JSON, the same independent style (a dependent style's
parent, with its default-locale) and the same locale files (citeproc-py's), and render
as text:

* one bibliography entry per item, each item alone;
* one citation per item, every item cited once, in one document (so disambiguation
  between the items is part of the comparison).

Whitespace runs are compared as one space (display blocks are laid out differently in
text). ``--record`` writes ``tests/render/engine_diff_js_expected.json``: for every text,
a digest of citeproc-js's output, and for every disagreement both texts and the reviewed
reason from ``tests/render/engine_diff_js_reviewed.py``; ``tests/render/
test_engine_diff_js.py`` then checks the own engine against it without Node.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from engine_diff import CORPUS, items  # noqa: E402
from engine_diff import STYLES as ENGINE_DIFF_STYLES  # noqa: E402

NODE_DIR = REPO / "bench" / "citeproc_js"
EXPECTED = REPO / "tests" / "render" / "engine_diff_js_expected.json"

# the ten styles of engine_diff.py, then ten more common ones (issue 16)
STYLES = ENGINE_DIFF_STYLES + (
    "vancouver",
    "chicago-note-bibliography",
    "springer-basic-author-date",
    "taylor-and-francis-chicago-author-date",
    "royal-society-of-chemistry",
    "american-chemical-society",
    "american-political-science-association",
    "bmj",
    "the-lancet",
    "cell",
)
KINDS = ("entry", "cite")


@dataclass(frozen=True)
class Difference:
    """One text the two processors render differently."""

    style: str
    kind: str  # "entry" or "cite"
    item: str
    coprodcite: str
    citeproc_js: str


def normal(text: str) -> str:
    """Whitespace runs as one space, no space at either end."""
    return " ".join(text.split())


def digest(text: str) -> str:
    return hashlib.sha256(normal(text).encode("utf-8")).hexdigest()[:10]


def own(data: list[dict[str, Any]], style: str) -> dict[str, dict[str, str]]:
    """The own engine's entries (each item alone) and citations (one call), by item id."""
    from coprodcite.render import render_bibliography, render_citations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        entries = {
            i["id"]: normal("\n".join(render_bibliography([i], style, engine="coprodcite")))
            for i in data
        }
        clusters = [[{"id": i["id"]}] for i in data]
        cites = render_citations(data, clusters, style, engine="coprodcite")
    by_id = {i["id"]: normal(c) for i, c in zip(data, cites, strict=True)}
    return {"entry": entries, "cite": by_id}


def _ensure_citeproc_js() -> None:
    if not (NODE_DIR / "node_modules" / "citeproc").is_dir():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True
        )


def citeproc_js(data: list[dict[str, Any]], styles: tuple[str, ...]) -> dict[str, Any]:
    """citeproc-js's entries and citations by style, then kind, then item id."""
    import citeproc

    from coprodcite.render.styles import resolve_style

    _ensure_citeproc_js()
    specs = []
    for name in styles:
        source = resolve_style(name)
        xml = source.path.read_text(encoding="utf-8") if source.path else source.xml
        specs.append({"name": name, "xml": xml, "lang": source.default_locale})
    request = {
        "locales": str(Path(citeproc.__file__).parent / "data" / "locales"),
        "format": "text",
        "items": data,
        "styles": specs,
    }
    run = subprocess.run(
        ["node", str(NODE_DIR / "render.js")],
        input=json.dumps(request), capture_output=True, text=True, check=True,
    )  # fmt: skip
    answer = json.loads(run.stdout)
    return {
        name: {
            "entry": {k: normal(v) for k, v in out["entries"].items()},
            "cite": {k: normal(v) for k, v in out["cites"].items()},
            "errors": out["errors"],
        }
        for name, out in answer.items()
    }


def compare(
    data: list[dict[str, Any]], styles: tuple[str, ...]
) -> tuple[list[Difference], dict[str, Any], dict[str, float]]:
    """Every disagreement, citeproc-js's texts, and the CPU seconds of the own engine
    and the wall seconds of citeproc-js (one Node process for all styles)."""
    start = time.perf_counter()
    theirs = citeproc_js(data, styles)
    seconds = {"citeproc-js (wall)": time.perf_counter() - start, "coprodcite (cpu)": 0.0}
    diffs: list[Difference] = []
    for style in styles:
        start = time.process_time()
        ours = own(data, style)
        seconds["coprodcite (cpu)"] += time.process_time() - start
        for kind in KINDS:
            for item in data:
                key = item["id"]
                a, b = ours[kind].get(key, ""), theirs[style][kind].get(key, "")
                if a != b:
                    diffs.append(Difference(style, kind, key, a, b))
    return diffs, theirs, seconds


def record(data: list[dict[str, Any]], styles: tuple[str, ...], diffs: list[Difference],
           theirs: dict[str, Any]) -> None:  # fmt: skip
    """Write the expected outputs the test checks (see the module docstring)."""
    sys.path.insert(0, str(REPO))
    from tests.render.engine_diff_js_reviewed import review

    ids = [i["id"] for i in data]
    digests = {
        style: {kind: "".join(digest(theirs[style][kind].get(i, "")) for i in ids)
                for kind in KINDS}
        for style in styles
    }  # fmt: skip
    rows = []
    for d in diffs:
        verdict, reason = review(d.style, d.kind, d.item, d.coprodcite, d.citeproc_js)
        rows.append({**asdict(d), "verdict": verdict, "reason": reason})
    out = {"items": ids, "styles": list(styles), "digests": digests, "disagreements": rows}
    EXPECTED.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def review_again() -> int:
    """Re-apply :func:`review` to the recorded disagreements (after editing reasons)."""
    sys.path.insert(0, str(REPO))
    from tests.render.engine_diff_js_reviewed import review

    recorded = json.loads(EXPECTED.read_text(encoding="utf-8"))
    for row in recorded["disagreements"]:
        row["verdict"], row["reason"] = review(
            row["style"], row["kind"], row["item"], row["coprodcite"], row["citeproc_js"]
        )
    EXPECTED.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    left = sum(1 for row in recorded["disagreements"] if row["verdict"] == "unreviewed")
    print(f"{len(recorded['disagreements'])} disagreements, {left} unreviewed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=256, help="corpus records to sample")
    parser.add_argument("--all", action="store_true", help="every corpus record")
    parser.add_argument("--styles", nargs="+", default=list(STYLES))
    parser.add_argument("--kind", choices=KINDS, help="show only this kind")
    parser.add_argument("--show", action="store_true", help="print every difference")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    parser.add_argument("--record", action="store_true", help=f"write {EXPECTED.name}")
    parser.add_argument(
        "--review-only", action="store_true",
        help=f"apply the reviewed reasons again to {EXPECTED.name}'s disagreements (no Node)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.review_only:
        return review_again()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    styles = tuple(args.styles)
    data = items(None if args.all else args.items)
    diffs, theirs, seconds = compare(data, styles)
    if args.show:
        for d in diffs:
            if args.kind in (None, d.kind):
                print(f"[{d.style}] {d.kind} {d.item}\n  citeproc-js: {d.citeproc_js}\n"
                      f"  coprodcite:  {d.coprodcite}")  # fmt: skip
    table = {s: dict.fromkeys(KINDS, 0) for s in styles}
    for d in diffs:
        table[d.style][d.kind] += 1
    n = len(data)
    for style, row in table.items():
        print(f"{style:<40} entries {n - row['entry']:4d}/{n}  cites {n - row['cite']:4d}/{n}")
    for kind in KINDS:
        same = sum(n - row[kind] for row in table.values())
        total = n * len(styles)
        print(f"{kind}: {same} / {total} identical ({100 * same / total:.1f}%)")
    errors = {s: out["errors"] for s, out in theirs.items() if out["errors"]}
    if errors:
        print(f"citeproc-js errors: {json.dumps(errors)[:500]}")
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))
    if args.out:
        report = {"items": n, "counts": table, "differences": [asdict(d) for d in diffs]}
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.record:
        record(data, styles, diffs, theirs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
