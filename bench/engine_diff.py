"""Differential test of coprodcite's own CSL engine against the citeproc-py bridge.

Usage: ``python bench/engine_diff.py [--items 500 | --all] [--styles apa ieee ...]
[--show] [--kind entry|cite] [--out report.json]``

Real records of ``../shared/corpus`` (Crossref works and list items, DataCite works and
list items, CSL-JSON from content negotiation and other sources), mapped the way the
project maps them (:mod:`coprodcite.sources`, then the names normalised by
:func:`coprodcite.names.normalise_record`), plus the two records in ``examples/records``,
are rendered as text in ten styles with both engines (``engine="citeproc-py"`` and
``engine="coprodcite"``):

* one bibliography entry per item, each item rendered alone (so entries pair by item id);
* one citation per item, all items cited once, in one call (so disambiguation between
  the items is part of the comparison).

Every text where the two engines disagree is listed with the style, the item id, the
bridge's text and coprodcite's text, and the counts are given per style. The sample is
deterministic: records evenly spaced through each corpus folder (sorted by path).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLES = REPO / "examples" / "records"

STYLES = (
    "apa",
    "harvard-cite-them-right",
    "chicago-author-date",
    "the-british-journal-of-social-work",
    "modern-language-association",
    "nature",
    "ieee",
    "elsevier-vancouver",
    "american-medical-association",
    "elsevier-harvard",
)
# folder -> (mapper kind, share of the sample)
FOLDERS = {
    "crossref": ("crossref", 0.15),
    "crossref_list_items": ("crossref", 0.45),
    "datacite": ("datacite", 0.08),
    "datacite_list_items": ("datacite", 0.17),
    "csljson": ("csl", 0.10),
    "csljson_other": ("csl", 0.05),
}
ENGINES = ("citeproc-py", "coprodcite")


@dataclass(frozen=True)
class Difference:
    """One text the two engines render differently."""

    style: str
    kind: str  # "entry" or "cite"
    item: str
    bridge: str
    coprodcite: str


def _map(kind: str, path: Path) -> list[Any]:
    """The records of one corpus file (a CSL-JSON file may hold several), with their
    names normalised as every record is before it is stored (``Travis III`` becomes
    family ``Travis``, suffix ``III``)."""
    from coprodcite.names import normalise_record

    return [normalise_record(r) for r in _map_raw(kind, path)]


def _map_raw(kind: str, path: Path) -> list[Any]:
    """The records of one corpus file as the source mappers give them."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if kind == "crossref":
        from coprodcite.sources.crossref import map_crossref

        return [map_crossref(data)]
    if kind == "datacite":
        from coprodcite.sources.datacite import map_datacite

        return [map_datacite(data)]
    from coprodcite.sources.negotiation import map_csl

    return [map_csl(item, source="file") for item in (data if isinstance(data, list) else [data])]


def _spaced(paths: list[Path], count: int) -> list[Path]:
    """``count`` paths evenly spaced through ``paths`` (all of them if fewer)."""
    if count >= len(paths):
        return paths
    step = len(paths) / count
    return [paths[int(n * step)] for n in range(count)]


def sample_files(total: int | None) -> Iterator[tuple[str, str, Path]]:
    """(id prefix, mapper kind, path) of the sampled corpus files; all when ``total`` is None."""
    for folder, (kind, share) in FOLDERS.items():
        root = CORPUS / folder
        paths = sorted(root.rglob("*.json")) if root.is_dir() else []
        chosen = paths if total is None else _spaced(paths, max(1, round(total * share)))
        for path in chosen:
            yield folder, kind, path
    yield "examples", "crossref", EXAMPLES / "10.1093_bjsw_bcad019.crossref.json"
    yield "examples", "csl", EXAMPLES / "sealey2022social.csl.json"


def items(total: int | None = 500) -> list[dict[str, Any]]:
    """CSL-JSON items of the sample, with ids naming their file (``folder/stem[#n]``)."""
    return mapped(sample_files(total))


def named(names: Iterable[str]) -> list[dict[str, Any]]:
    """The items of the files named ``folder/path-without-.json`` (corpus folders, or
    ``examples``), as :func:`items` names them."""
    files = []
    for name in names:
        prefix, rest = name.split("/", 1)
        if prefix == "examples":
            kind = "crossref" if rest.endswith(".crossref") else "csl"
            files.append((prefix, kind, EXAMPLES / f"{rest}.json"))
        else:
            files.append((prefix, FOLDERS[prefix][0], CORPUS / prefix / f"{rest}.json"))
    return mapped(files)


def mapped(files: Iterable[tuple[str, str, Path]]) -> list[dict[str, Any]]:
    """The CSL-JSON items of (id prefix, mapper kind, path) files."""
    out = []
    for prefix, kind, path in files:
        base = EXAMPLES if prefix == "examples" else CORPUS / prefix
        name = f"{prefix}/{path.relative_to(base).with_suffix('')}"
        try:
            records = _map(kind, path)
        except Exception:  # a file the mappers reject is not the engines' concern
            continue
        for n, record in enumerate(records):
            out.append(record.to_csl(id=name if len(records) == 1 else f"{name}#{n}"))
    return out


def render(
    data: list[dict[str, Any]], style: str, engine: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Entries (each item alone) and citations (one per item, in one call) by item id."""
    from coprodcite.render import render_bibliography, render_citations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        entries = {i["id"]: "\n".join(render_bibliography([i], style, engine=engine))
                   for i in data}  # fmt: skip
        cites = render_citations(data, [[{"id": i["id"]}] for i in data], style, engine=engine)
    return entries, dict(zip((i["id"] for i in data), cites, strict=True))


def compare(data: list[dict[str, Any]], styles: tuple[str, ...]) -> tuple[list[Difference], dict]:
    """Every disagreement between the engines and the seconds each engine took."""
    seconds = dict.fromkeys(ENGINES, 0.0)
    diffs: list[Difference] = []
    for style in styles:
        out = {}
        for engine in ENGINES:
            start = time.process_time()
            out[engine] = render(data, style, engine)
            seconds[engine] += time.process_time() - start
        for k, kind in enumerate(("entry", "cite")):
            bridge, own = out["citeproc-py"][k], out["coprodcite"][k]
            diffs += [Difference(style, kind, key, bridge[key], own[key])
                      for key in bridge if bridge[key] != own[key]]  # fmt: skip
    return diffs, seconds


def counts(diffs: list[Difference], styles: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Disagreements per style, entries and citations apart."""
    table = {s: {"entry": 0, "cite": 0} for s in styles}
    for d in diffs:
        table[d.style][d.kind] += 1
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500, help="corpus records to sample")
    parser.add_argument("--all", action="store_true", help="every corpus record")
    parser.add_argument("--styles", nargs="+", default=list(STYLES))
    parser.add_argument("--kind", choices=("entry", "cite"), help="show only this kind")
    parser.add_argument("--show", action="store_true", help="print every difference")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    styles = tuple(args.styles)
    data = items(None if args.all else args.items)
    diffs, seconds = compare(data, styles)
    table = counts(diffs, styles)
    if args.show:
        for d in diffs:
            if args.kind in (None, d.kind):
                print(f"[{d.style}] {d.kind} {d.item}\n  bridge:     {d.bridge}\n"
                      f"  coprodcite: {d.coprodcite}")  # fmt: skip
    texts = len(data) * 2
    for style, row in table.items():
        print(f"{style:<36} entries {row['entry']:4d}  cites {row['cite']:4d}  of {len(data)} each")
    total = sum(r["entry"] + r["cite"] for r in table.values())
    print(f"TOTAL {total} disagreements in {texts * len(styles)} texts ({len(data)} items, "
          f"{len(styles)} styles); seconds: " +
          ", ".join(f"{e} {s:.1f}" for e, s in seconds.items()))  # fmt: skip
    if args.out:
        report = {"items": len(data), "counts": table, "differences": [asdict(d) for d in diffs]}
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
