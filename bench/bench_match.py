"""Precision and recall of `coprodcite match` on a labelled set built from the shared
corpus, against a loopback registry; and its time per reference under Crossref's
polite-pool limit.

The labelled set: corpus works (Crossref and DataCite records) rendered as reference
list entries in several CSL styles, by coprodcite's own engine and by citeproc-py.
Most lose their DOI (as in a manuscript); some keep it, some carry another work's
DOI (a wrong DOI must not be trusted), and a share get typos in two words. A tenth of
the works are withheld from the registry: for those the right answer is "not matched",
so a match there counts against precision. The registry (tests/registry.py) holds all
the other corpus records, ranked by BM25, so look-alike works compete.

The corpus records are split in two by a hash of their DOI: the confidence model's
weights are fitted on one half (``--fit`` prints them) and the figures are measured on
the other. Run:

    python bench/bench_match.py                    # figures on the held-out half
    python bench/bench_match.py --fit              # fit the weights on the other half
    python bench/bench_match.py --timing 120       # time per reference, rate-limited
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import threading
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"

from coprodcite.manuscripts.reflist import strip_marker  # noqa: E402
from tests.registry import Registry, load_corpus  # noqa: E402

STYLES = (
    "apa",
    "vancouver",
    "ieee",
    "modern-language-association",
    "chicago-author-date",
    "harvard-cite-them-right",
    "american-chemical-society",
    "elsevier-without-titles",  # no article titles: names, journal and numbers only
)
ENGINES = ("coprodcite", "citeproc-py")
_DOI_IN_TEXT = re.compile(
    r"\s*(?:Available\s+(?:at|from):?\s*|Retrieved\s+from\s+|\[?doi\]?:?\s*|DOI:?\s*)?"
    r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/\S+",
    re.IGNORECASE,
)


# -- the corpus -----------------------------------------------------------------------


def half(doi: str) -> str:
    return "fit" if hashlib.sha256(doi.encode()).digest()[0] % 2 == 0 else "test"


def records_of(crossref: list[dict[str, Any]], datacite: list[dict[str, Any]]) -> list[Any]:
    from coprodcite.names import normalise_record
    from coprodcite.sources.crossref import map_crossref
    from coprodcite.sources.datacite import map_datacite

    out = []
    for items, mapping in ((crossref, map_crossref), (datacite, map_datacite)):
        for item in items:
            try:
                out.append(normalise_record(mapping(item)))
            except Exception:  # noqa: BLE001 - a record the mapping refuses is not a case
                continue
    return out


def citable(record: Any) -> bool:
    """A work someone would put in a reference list: a real title and a year."""
    from coprodcite.markup import plain_text

    title = plain_text(record.title)
    return (
        len(title.split()) >= 2
        and record.year is not None
        and record.type
        not in (
            "periodical",
            "review",
        )
    )


# -- the labelled references -------------------------------------------------------------


def render(records: list[Any], style: str, engine: str) -> list[str]:
    """Each work's entry, rendered alone (so an entry is surely its work's)."""
    from coprodcite.render import render_bibliography

    out = []
    for number, record in enumerate(records):
        item = record.to_csl(id=f"w{number}")
        item.pop("URL", None)  # publisher links are not what a manuscript's list gives
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out.append(render_bibliography([item], style, fmt="text", engine=engine)[0])
    return out


def _typos(text: str, rng: random.Random) -> str:
    words = [m for m in re.finditer(r"[A-Za-z]{6,}", text)]
    for match in rng.sample(words, min(2, len(words))):
        word = match.group(0)
        i = rng.randrange(1, len(word) - 1)
        changed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
        text = text.replace(word, changed, 1)
    return text


#: styles that print no article titles; they are made for (and measured on) journal
#: articles with pages, unless --titleless-all
TITLELESS = ("elsevier-without-titles",)


def for_style(works: list[Any], style: str, titleless_all: bool) -> list[Any]:
    if style not in TITLELESS or titleless_all:
        return works
    return [w for w in works if w.type == "article-journal" and w.fields.get("page")]


def labelled_set(
    works: list[Any],
    withheld: set[str],
    all_dois: list[str],
    styles: tuple[str, ...],
    engines: tuple[str, ...],
    seed: int,
    titleless_all: bool = False,
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    cases = []
    for style in styles:
        chosen = for_style(works, style, titleless_all)
        for engine in engines:
            try:
                entries = render(chosen, style, engine)
            except Exception as exc:  # noqa: BLE001
                print(f"  {style}/{engine}: could not render ({exc})", file=sys.stderr)
                continue
            for record, entry in zip(chosen, entries, strict=True):
                text = strip_marker(" ".join(entry.split()))  # as the list reader does
                if "could not render" in text or len(text) < 20:
                    continue
                roll = rng.random()
                variant = "no-doi"
                stripped = _DOI_IN_TEXT.sub("", text).rstrip(" .,;") + "."
                if roll < 0.10:
                    variant = "doi"
                    text = stripped[:-1] + f". https://doi.org/{record.doi}"
                elif roll < 0.15:
                    variant = "wrong-doi"
                    other = rng.choice([d for d in all_dois[:500] if d != record.doi])
                    text = stripped[:-1] + f". https://doi.org/{other}"
                else:
                    text = stripped
                if rng.random() < 0.25:
                    text, variant = _typos(text, rng), variant + "+typos"
                truth = None if record.doi in withheld else record.doi
                cases.append(
                    {
                        "style": style,
                        "engine": engine,
                        "variant": variant,
                        "text": text,
                        "doi": record.doi,
                        "truth": truth,
                    }
                )
    return cases


# -- the loopback registry ------------------------------------------------------------


def serve(registry: Registry, latency: float) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            status, body = registry.handle(self.path)
            data = (body if isinstance(body, str) else json.dumps(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def settings_for(base: str, **changes: Any) -> Any:
    from coprodcite.config import Settings

    return replace(
        Settings(),
        crossref_url=f"{base}/crossref",
        datacite_url=f"{base}/datacite",
        doi_url=f"{base}/doi",
        openlibrary_url=f"{base}/openlibrary",
        ncbi_url=f"{base}/ncbi",
        retries=1,
        **changes,
    )


def unlimited_client() -> Any:
    from coprodcite.sources.http import HttpClient

    return HttpClient(user_agent="coprodcite-bench", timeout=30, retries=1, limits={})


# -- measuring ------------------------------------------------------------------------


def run_cases(cases: list[dict[str, Any]], settings: Any, client: Any) -> list[Any]:
    from coprodcite.services.match import match_references

    report = match_references([c["text"] for c in cases], settings, client=client)
    if report.stopped:
        raise SystemExit(f"the run stopped: {report.stopped}")
    return report.results


def summarise(cases: list[dict[str, Any]], results: list[Any]) -> dict[str, Any]:
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    calibration: dict[int, Counter[str]] = defaultdict(Counter)
    wrong = []
    for case, result in zip(cases, results, strict=True):
        for key in (
            (case["style"], case["engine"]),
            (case["style"], "*"),
            ("*", "*"),
            ("variant:" + case["variant"], "*"),
        ):
            count = groups[key]
            count["references"] += 1
            count["in registry"] += case["truth"] is not None
            count[result.status] += 1
            if result.status == "matched":
                right = result.doi == case["truth"]
                count["right"] += right
                count["wrong"] += not right
            elif result.status == "uncertain" and case["truth"] in {
                c.doi for c in result.candidates
            }:
                count["uncertain, right one offered"] += 1
        if result.candidates:
            top = result.candidates[0]
            bucket = min(9, int(top.confidence * 10))
            calibration[bucket]["n"] += 1
            calibration[bucket]["right"] += top.doi == case["truth"]
        if result.status == "matched" and result.doi != case["truth"]:
            wrong.append((case, result))
    return {"groups": groups, "calibration": calibration, "wrong": wrong}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def print_summary(summary: dict[str, Any], show_wrong: int) -> None:
    print(
        f"{'style':30} {'engine':12} {'refs':>5} {'precision':>9} {'recall':>7} "
        f"{'uncertain':>9} {'offered':>7}"
    )
    for (style, engine), c in sorted(summary["groups"].items()):
        matched = c["matched"]
        print(
            f"{style:30} {engine:12} {c['references']:5d} {_pct(c['right'], matched):>9} "
            f"{_pct(c['right'], c['in registry']):>7} {_pct(c['uncertain'], c['references']):>9} "
            f"{_pct(c['uncertain, right one offered'], c['uncertain']):>7}"
        )
    print("\ncalibration of the best candidate's confidence:")
    for bucket, c in sorted(summary["calibration"].items()):
        print(
            f"  {bucket / 10:.1f}-{(bucket + 1) / 10:.1f}: {c['n']:5d} candidates, "
            f"{_pct(c['right'], c['n'])} right"
        )
    for case, result in summary["wrong"][:show_wrong]:
        print(
            f"\nWRONG [{case['style']}/{case['engine']}/{case['variant']}] {case['text']}\n"
            f"  truth {case['truth']}  got {result.doi} ({result.confidence:.3f}) "
            f"{result.title[:80]!r}: {result.why}"
        )


def fit(cases: list[dict[str, Any]], settings: Any, client: Any) -> None:
    """Fit the logistic weights on every search candidate of ``cases``, then scale the
    best candidate's score so that its confidence is calibrated (Platt scaling)."""
    from coprodcite.matching.confidence import margin
    from coprodcite.matching.evidence import FEATURES, evidence
    from coprodcite.matching.reference import Reference
    from coprodcite.services.clients import source_urls
    from coprodcite.services.match import _Context, _search

    ctx = _Context(client, source_urls(settings), None, 0.9)
    per_reference: list[list[tuple[tuple[float, ...], int]]] = []
    for number, case in enumerate(cases):
        reference = Reference(case["text"])
        per_reference.append(
            [
                (evidence(reference, record).as_vector(), int(record.doi == case["truth"]))
                for record, _, _ in _search(reference, ctx, both=True)
            ]
        )
        if number % 500 == 0:
            print(f"  {number}/{len(cases)} references", file=sys.stderr)
    rows = [row for rows in per_reference for row in rows]
    weights, bias = _logistic(rows, len(FEATURES))
    best: list[tuple[tuple[float, ...], int]] = []
    pairs: list[tuple[tuple[float, ...], int]] = []
    for candidates in per_reference:
        ranked = sorted(
            (
                (bias + sum(w * v for w, v in zip(weights, x, strict=True)), y)
                for x, y in candidates
            ),
            reverse=True,
        )
        if ranked:
            second = ranked[1][0] if len(ranked) > 1 else None
            best.append(((ranked[0][0],), ranked[0][1]))
            pairs.append(((ranked[0][0], margin(ranked[0][0], second)), ranked[0][1]))
    (scale,), shift = _logistic(best, 1, l2=0.0)
    pair, pair_bias = _logistic(pairs, 2, l2=0.0)
    print(f"\n{len(rows)} candidates, {sum(y for _, y in rows)} right ones")
    print("WEIGHTS: dict[str, float] = {")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f'    "{name}": {weight:.3f},')
    print("}")
    print(f"BIAS = {bias:.3f}\nSCALE = {scale:.3f}\nSHIFT = {shift:.3f}")
    print(f"PAIR = ({pair[0]:.3f}, {pair[1]:.3f}, {pair_bias:.3f})")


def _logistic(
    rows: list[tuple[tuple[float, ...], int]], size: int, l2: float = 1e-3, steps: int = 60
) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method (pure Python)."""
    w = [0.0] * (size + 1)  # last: bias
    for _ in range(steps):
        grad = [0.0] * (size + 1)
        hess = [[0.0] * (size + 1) for _ in range(size + 1)]
        for x, y in rows:
            v = (*x, 1.0)
            z = sum(a * b for a, b in zip(w, v, strict=True))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in range(size + 1):
                grad[i] += (p - y) * v[i]
                for j in range(size + 1):
                    hess[i][j] += p * (1 - p) * v[i] * v[j]
        n = len(rows)
        for i in range(size + 1):
            grad[i] = grad[i] / n + (l2 * w[i] if i < size else 0.0)
            for j in range(size + 1):
                hess[i][j] /= n
            if i < size:
                hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w[:size], w[size]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            m[col][col] = 1e-12
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    return [m[i][n] / m[i][i] for i in range(n)]


def timing(cases: list[dict[str, Any]], base: str, latency: float) -> None:
    """``match`` through the real client and its polite-pool limits."""
    from coprodcite.services.match import match_references

    settings = settings_for(base, mailto="bench@example.org")
    before = dict(REGISTRY.requests)
    start = time.perf_counter()
    report = match_references([c["text"] for c in cases], settings)
    elapsed = time.perf_counter() - start
    crossref = REGISTRY.requests["crossref"] - before.get("crossref", 0)
    datacite = REGISTRY.requests["datacite"] - before.get("datacite", 0)
    floor = crossref / 10.0  # Crossref's polite pool: 10 requests a second
    print(
        f"\ntiming: {len(cases)} references in {elapsed:.1f} s "
        f"({elapsed / len(cases):.3f} s each; server latency {latency * 1000:.0f} ms); "
        f"{crossref} Crossref requests ({crossref / len(cases):.2f} a reference) and "
        f"{datacite} DataCite requests (within its 1,000 per 5 minutes); Crossref's polite "
        f"limit allows {floor:.1f} s for them: {elapsed / floor:.2f}x "
        f"({elapsed / (len(cases) / 10.0):.2f}x of one request a reference); {report.counts()}"
    )


REGISTRY: Registry


def main() -> None:
    global REGISTRY
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--works", type=int, default=150, help="works per half")
    parser.add_argument("--withhold", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fit", action="store_true", help="fit the weights (fit half)")
    parser.add_argument("--timing", type=int, default=0, help="references to time, limited")
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--show-wrong", type=int, default=10)
    parser.add_argument(
        "--titleless-all",
        action="store_true",
        help="render every work, not only journal articles with pages, in title-less styles",
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not at {CORPUS}")
    crossref, datacite = load_corpus(CORPUS)
    records = [r for r in records_of(crossref, datacite) if r.doi]
    rng = random.Random(args.seed)
    which = "fit" if args.fit else "test"
    pool = [r for r in records if citable(r) and half(r.doi) == which]
    works = rng.sample(pool, min(args.works, len(pool)))
    withheld = {r.doi for r in rng.sample(works, int(len(works) * args.withhold))}
    REGISTRY = Registry(
        [i for i in crossref if str(i["DOI"]).lower() not in withheld],
        [i for i in datacite if str(i["attributes"].get("doi", "")).lower() not in withheld],
    )
    print(
        f"registry: {len(REGISTRY.crossref)} Crossref and {len(REGISTRY.datacite)} DataCite "
        f"records; {len(works)} works from the {which} half, {len(withheld)} withheld",
        file=sys.stderr,
    )
    cases = labelled_set(
        works,
        withheld,
        sorted(r.doi for r in records),
        tuple(args.styles.split(",")),
        tuple(args.engines.split(",")),
        args.seed,
        args.titleless_all,
    )
    print(f"{len(cases)} references", file=sys.stderr)
    server, base = serve(REGISTRY, 0.0)
    try:
        settings = settings_for(base)
        if args.fit:
            fit(cases, settings, unlimited_client())
            return
        start = time.perf_counter()
        results = run_cases(cases, settings, unlimited_client())
        print(
            f"matched {len(cases)} references in {time.perf_counter() - start:.1f} s "
            "(no rate limit, no latency)",
            file=sys.stderr,
        )
        print_summary(summarise(cases, results), args.show_wrong)
        if args.timing:
            server.shutdown()
            server, base = serve(REGISTRY, args.latency)
            timing(rng.sample(cases, min(args.timing, len(cases))), base, args.latency)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
