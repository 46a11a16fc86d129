"""How well `coprodcite check` finds planted problems, and how fast it checks a
100-reference manuscript under Crossref's polite limit.

Manuscripts are built from ../shared/corpus works: reference lists rendered by
coprodcite's own CSL engine in several styles (author-date and numbered; .md, .txt and
.docx), body text citing each entry as the style would. Problems of every code are
planted in some entries; the rest are clean (with or without their DOI). The loopback
registry (tests/registry.py) serves every corpus record with its notices removed, and
the planted ones added: ``updated-by`` on retracted, withdrawn, corrected works and
works with an expression of concern. A withheld work is the planted "unmatched".

For each code: planted, found, and false alarms on clean entries (goal: all found,
none on clean entries). missing-doi is planted on every entry that gives no DOI.

    python bench/bench_check.py                  # detection figures
    python bench/bench_check.py --timing 100     # + time of a 100-entry manuscript
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_match import (  # noqa: E402
    _DOI_IN_TEXT,
    CORPUS,
    citable,
    records_of,
    render,
    serve,
    settings_for,
    unlimited_client,
)

from coprodcite.manuscripts.reflist import strip_marker  # noqa: E402
from tests.registry import Registry, load_corpus  # noqa: E402

#: (style, numbered citations, file extension)
MANUSCRIPTS = (
    ("apa", False, ".md"),
    ("harvard-cite-them-right", False, ".docx"),
    ("chicago-author-date", False, ".txt"),
    ("vancouver", True, ".md"),
    ("ieee", True, ".txt"),
)
NOTICES = {
    "retracted": "retraction",
    "withdrawn": "withdrawal",
    "corrected": "erratum",
    "expression-of-concern": "expression_of_concern",
}
PLANTED = (
    *NOTICES,
    "doi-mismatch",
    "doi-not-found",
    "duplicate",
    "uncited",
    "metadata-mismatch:year",
    "metadata-mismatch:volume",
    "metadata-mismatch:pages",
    "unmatched",
)


def citation_for(record: Any) -> str:
    people = record.names("author") or record.names("editor")
    names = [p.family or p.literal or "" for p in people]
    if len(names) >= 3:
        who = f"{names[0]} et al."
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = names[0] if names else "Anonymous"
    return f"({who}, {record.year})"


def _bump(text: str, value: str, by: int) -> str | None:
    """``text`` with the number ``value`` (whole) changed by ``by``; None when it is not
    there exactly once."""
    found = list(re.finditer(rf"(?<![\d.]){re.escape(value)}(?![\d])", text))
    if len(found) != 1:
        return None
    m = found[0]
    return text[: m.start()] + str(int(value) + by) + text[m.end() :]


def plant(code: str, record: Any, text: str, others: list[Any]) -> str | None:
    """The entry with ``code`` planted, or None when this work cannot carry it."""
    if code in NOTICES or code in ("duplicate", "uncited", "unmatched"):
        return text
    if code == "doi-mismatch":
        other = next(o for o in others if o.doi != record.doi)
        return f"{text.rstrip('.')}. https://doi.org/{other.doi}"
    if code == "doi-not-found":
        return f"{text.rstrip('.')}. https://doi.org/10.5555/not.registered.{len(text)}"
    field = code.split(":")[1]
    if field == "year":
        return _bump(text, str(record.year), -3)
    value = str(record.fields.get("volume" if field == "volume" else "page") or "")
    first = re.match(r"\d+", value)
    if not first or (field == "pages" and "-" not in value):
        return None
    return _bump(text, first.group(0), 7)


def build(
    works: list[Any], style: str, numbered: bool, rng: random.Random, pool: list[Any]
) -> dict[str, Any]:
    """A manuscript's entries, what each should be reported for, the citation of each
    (None: planted uncited), the notices to serve and the works to withhold."""
    texts = [strip_marker(" ".join(t.split())) for t in render(works, style, "coprodcite")]
    plan = list(PLANTED) + [""] * max(0, len(works) - len(PLANTED))
    rng.shuffle(plan)
    out: dict[str, Any] = {
        "entries": [],
        "expected": [],
        "cite": [],
        "notices": {},
        "withheld": set(),
    }
    duplicates: list[int] = []
    for record, text, code in zip(works, texts, plan, strict=False):
        stripped = _DOI_IN_TEXT.sub("", text).rstrip(" .,;") + "."
        entry = plant(code, record, stripped, pool) if code else None
        if entry is None:
            code = ""
            keep_doi = rng.random() < 0.5
            entry = f"{stripped[:-1]}. https://doi.org/{record.doi}" if keep_doi else stripped
        codes = {code} if code else set()
        if code in NOTICES:
            out["notices"][record.doi] = NOTICES[code]
        if code == "unmatched":
            out["withheld"].add(record.doi)
        elif "doi.org/" not in entry:
            codes.add("missing-doi")  # (a wrong DOI's message names the right one)
        if code == "duplicate":
            duplicates.append(len(out["entries"]))
            codes.discard("duplicate")  # the first of the two is not the duplicate
        citation = citation_for(record)
        if code == "metadata-mismatch:year":  # the author cites the year they wrote
            citation = citation.replace(str(record.year), str(record.year - 3))
        out["entries"].append(entry)
        out["expected"].append(codes)
        out["cite"].append(None if code == "uncited" else citation)
    for index in duplicates:  # the same work again, as another style writes it
        other = "apa" if style != "apa" else "vancouver"
        again = strip_marker(" ".join(render([works[index]], other, "coprodcite")[0].split()))
        out["entries"].append(_DOI_IN_TEXT.sub("", again).rstrip(" .,;") + ".")
        out["expected"].append({"duplicate", "missing-doi"})
        out["cite"].append(None)  # author-date: cited through the first one's citation
        if numbered:  # its own number is never cited
            out["expected"][-1].add("uncited")
    return out


def write_manuscript(
    folder: Path, ext: str, body: list[str], entries: list[str], numbered: bool
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"paper{ext}"
    if ext == ".docx":
        from docx import Document

        document = Document()
        for paragraph in body:
            document.add_paragraph(paragraph)
        document.add_heading("References", level=1)
        for entry in entries:
            document.add_paragraph(entry)
        document.save(str(path))
        return path
    heading = "# References" if ext == ".md" else "References"
    listed = [f"{n}. {e}" if numbered else e for n, e in enumerate(entries, 1)]
    path.write_text("\n\n".join([*body, heading, *listed]) + "\n", encoding="utf-8")
    return path


UNRESOLVED = {False: ["(Zzyzx & Qwerty, 1901)", "Vexlar (1903)"], True: ["[997]", "[998]"]}


def body_of(built: dict[str, Any], numbered: bool, rng: random.Random) -> list[str]:
    cites = [f"[{n}]" if numbered else c for n, c in enumerate(built["cite"], 1) if c]
    sentences = [f"Earlier work matters here {c}." for c in cites + UNRESOLVED[numbered]]
    rng.shuffle(sentences)
    return [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]


def registry_for(
    crossref: list[dict[str, Any]], datacite: list[dict[str, Any]], built: dict[str, Any]
) -> Registry:
    items = []
    for item in crossref:
        doi = str(item["DOI"]).lower()
        if doi in built["withheld"]:
            continue
        item = {k: v for k, v in item.items() if k not in ("updated-by", "update-to")}
        if doi in built["notices"]:
            item = copy.deepcopy(item)
            kind = built["notices"][doi]
            item["updated-by"] = [
                {"DOI": f"10.5555/notice.{kind}", "type": kind, "source": "publisher"}
            ]
        items.append(item)
    kept = [
        i for i in datacite if str(i["attributes"].get("doi", "")).lower() not in built["withheld"]
    ]
    return Registry(items, kept)


def found_codes(entry: Any) -> set[str]:
    out = set()
    for problem in entry.problems:
        out.add(problem.code)
        if problem.code == "metadata-mismatch":
            out.add("metadata-mismatch:" + problem.message.split(":")[0])
    return out


def expected_codes(codes: set[str]) -> set[str]:
    return {c.split(":")[0] for c in codes} | codes


def score(
    built: dict[str, Any], report: Any, numbered: bool, tally: dict[str, Counter[str]]
) -> None:
    for codes, entry in zip(built["expected"], report.entries, strict=True):
        want = expected_codes(codes)
        got = found_codes(entry)
        clean = want <= {"missing-doi"}
        for code in want:
            tally[code]["planted"] += 1
            tally[code]["found"] += code in got
            if code not in got:
                tally["_missed"][f"{code}: {entry.text[:90]} -> {sorted(got)}"] += 1
        for code in got - want:
            tally[code]["false alarm (clean)" if clean else "extra (planted entry)"] += 1
            if not clean:
                tally["_extra"][f"{code} on {sorted(want)}: {entry.text[:80]}"] += 1
            if clean and code != "missing-doi":
                tally["_clean_alarms"][f"{code}: {entry.text[:90]}"] += 1
    for citation in report.citations:
        planted = citation.text in UNRESOLVED[numbered]
        got = any(p.code == "unresolved-citation" for p in citation.problems)
        if planted:
            tally["unresolved-citation"]["planted"] += 1
            tally["unresolved-citation"]["found"] += got
        elif got:
            tally["unresolved-citation"]["false alarm (clean)"] += 1
            tally["_clean_alarms"][f"unresolved-citation: {citation.text}"] += 1


def check(path: Path, settings: Any, client: Any = None) -> Any:
    from coprodcite.services.check import check_manuscript

    report = check_manuscript(path, settings, client=client)
    if report.stopped:
        raise SystemExit(f"the run stopped: {report.stopped}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=40, help="entries per manuscript")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timing", type=int, default=0, help="entries of the timed manuscript")
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--show", type=int, default=15, help="false alarms to list")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not at {CORPUS}")
    crossref, datacite = load_corpus(CORPUS)
    records = [r for r in records_of(crossref, datacite) if r.doi and citable(r)]
    with_authors = [r for r in records if r.names("author") and r.source == "crossref"]
    rng = random.Random(args.seed)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for c in sorted({*PLANTED, "metadata-mismatch", "unresolved-citation", "missing-doi"}):
        tally[c] = Counter()
    tally["_clean_alarms"] = Counter()
    folder = Path(tempfile.mkdtemp(prefix="bench-check-"))
    for style, numbered, ext in MANUSCRIPTS:
        works = rng.sample(with_authors, args.works)
        built = build(works, style, numbered, rng, records)
        registry = registry_for(crossref, datacite, built)
        server, base = serve(registry, 0.0)
        try:
            path = write_manuscript(
                folder / style, ext, body_of(built, numbered, rng), built["entries"], numbered
            )
            start = time.perf_counter()
            report = check(path, settings_for(base), unlimited_client())
            elapsed = time.perf_counter() - start
        finally:
            server.shutdown()
        print(
            f"{style:26} {ext:5} {len(built['entries']):3d} entries, "
            f"{len(report.citations):3d} citations, checked in {elapsed:.1f} s (no limit)",
            file=sys.stderr,
        )
        score(built, report, numbered, tally)
    print(
        f"{'code':28} {'planted':>7} {'found':>6} {'false alarms on clean':>22} "
        f"{'extra on planted':>17}"
    )
    for code, c in tally.items():
        if code.startswith("_"):
            continue
        print(
            f"{code:28} {c['planted']:7d} {c['found']:6d} {c['false alarm (clean)']:22d} "
            f"{c['extra (planted entry)']:17d}"
        )
    for name in ("_clean_alarms", "_missed", "_extra"):
        for line, n in tally[name].most_common(args.show):
            print(f"  {name[1:]} x{n}: {line}")
    if args.timing:
        timing(crossref, datacite, records, with_authors, args, folder)


def timing(
    crossref: Any, datacite: Any, records: Any, with_authors: Any, args: Any, folder: Path
) -> None:
    rng = random.Random(args.seed + 1)
    works = rng.sample(with_authors, args.timing)
    built = build(works, "apa", False, rng, records)
    registry = registry_for(crossref, datacite, built)
    server, base = serve(registry, args.latency)
    try:
        path = write_manuscript(
            folder / "timing", ".md", body_of(built, False, rng), built["entries"], False
        )
        before = Counter(registry.requests)
        start = time.perf_counter()
        check(path, settings_for(base, mailto="bench@example.org"))
        elapsed = time.perf_counter() - start
    finally:
        server.shutdown()
    requests = registry.requests - before
    floor = requests["crossref"] / 10.0  # Crossref's polite pool: 10 requests a second
    print(
        f"\ntiming: {len(built['entries'])} entries in {elapsed:.1f} s (server latency "
        f"{args.latency * 1000:.0f} ms); {requests['crossref']} Crossref, {requests['datacite']} "
        f"DataCite, {requests['doi']} doi.org requests; Crossref's polite limit allows "
        f"{floor:.1f} s for them: {elapsed / floor:.2f}x"
    )


if __name__ == "__main__":
    main()
