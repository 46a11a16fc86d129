"""`coprodcite format` of a 10,000-word paper with 300 citations of 150 works, cold
(a new process, no render cache), against `pandoc --citeproc` on the same paper, style
and works (exported as CSL-JSON) in the same run; and the pandoc filter's overhead:
`pandoc -F coprodcite-pandoc --citeproc` against `pandoc --citeproc --bibliography`.
Medians of repeated runs (the machine is shared and noisy: compare the ratios). Run:

    python bench/bench_format.py [--runs 5] [--style apa] [--to md]

The works are 150 records of the corpus's RefManageR/RJC.bib (imported whole: 494
entries), chosen with a fixed seed; the paper is generated with the same seed:
bracketed citations, locators, several works in one citation, in-text and
suppress-author citations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIB = REPO.parent / "shared/corpus/bibtex/RefManageR/RJC.bib"
_TEXT = """the of and to in a is that for it as was with be by on not he this are or his
from at which but have an they you were her she there been one all we their service users
carers research co-production lived experience social work policy practice evidence people
community participation"""
WORDS = _TEXT.split()


def paper(keys: list[str], words: int = 10_000, citations: int = 300, seed: int = 13) -> str:
    rng = random.Random(seed)
    order = keys[:] + [rng.choice(keys) for _ in range(citations - len(keys))]
    rng.shuffle(order)
    gap = words // citations
    out = ["---\ntitle: A generated paper\n---\n\n# Introduction\n\n"]
    for n, key in enumerate(order):
        text = " ".join(rng.choice(WORDS) for _ in range(gap))
        kind = rng.random()
        if kind < 0.6:
            cite = f"[@{key}]"
        elif kind < 0.75:
            cite = f"[@{key}, p. {rng.randint(1, 300)}]"
        elif kind < 0.85:
            cite = f"[see @{key}; also @{rng.choice(keys)}, chap. {rng.randint(1, 9)}]"
        elif kind < 0.95:
            cite = f"@{key}"
        else:
            cite = f"[-@{key}]"
        out.append(f"{text.capitalize()} {cite}.")
        out.append("\n\n" if (n + 1) % 6 == 0 else " ")
        if n and n % 60 == 0:
            out.append(f"\n## Section {n // 60}\n\n")
    out.append("\n\n# References\n")
    return "".join(out)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--to", default="md", choices=["md", "html"])
    args = parser.parse_args()
    exe = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    if not BIB.is_file():
        sys.exit(f"the corpus file is not at {BIB}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        env.update(
            COPRODCITE_LIBRARY=str(folder / "lib.sqlite"),
            COPRODCITE_CONFIG=str(folder / "x.toml"),
            COPRODCITE_CACHE_DIR=str(folder / "cache"),
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        )
        subprocess.run([exe, "import", str(BIB)], env=env, check=True, capture_output=True)
        listed = subprocess.run([exe, "list"], env=env, check=True, capture_output=True,
                                text=True).stdout.splitlines()  # fmt: skip
        keys = sorted(random.Random(7).sample([line.split("\t")[0] for line in listed], 150))
        works = folder / "works.json"
        subprocess.run([exe, "export", *keys, "-F", "csl-json", "-o", str(works)], env=env,
                       check=True, capture_output=True)  # fmt: skip
        shown = [exe, "styles", "show", args.style, "--json"]
        style = json.loads(subprocess.run(shown, env=env, check=True, capture_output=True).stdout)
        csl = style["parent_path"] or style["path"]
        text = paper(keys)
        source = folder / "paper.md"
        source.write_text(text, encoding="utf-8")
        target = "markdown" if args.to == "md" else "html"
        ours = [exe, "format", str(source), "--style", csl, "--no-cache", "--to", args.to,
                "-o", str(folder / f"ours.{args.to}")]  # fmt: skip
        theirs = [pandoc, str(source), "--citeproc", "--bibliography", str(works), "--csl", csl,
                  "-t", target, "-o", str(folder / f"pandoc.{args.to}")]  # fmt: skip
        filtered = [pandoc, str(source), "-F", "coprodcite-pandoc", "--citeproc", "--csl", csl,
                    "-t", target, "-o", str(folder / f"filter.{args.to}")]  # fmt: skip
        startup = [exe, "--version"]
        cases = {"coprodcite --version (start-up)": startup,
                 f"coprodcite format --to {args.to} (cold)": ours,
                 f"pandoc --citeproc --bibliography works.json -t {target}": theirs,
                 f"pandoc -F coprodcite-pandoc --citeproc -t {target}": filtered}  # fmt: skip
        results = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so load on the machine hits each alike
            for name, cmd in cases.items():
                results[name].append(timed(cmd, env))
        cited = sum(text.count(f"@{k}") for k in keys)
    medians = {name: statistics.median(times) for name, times in results.items()}
    pandoc_time = medians[f"pandoc --citeproc --bibliography works.json -t {target}"]
    print(f"paper: {len(text.split()):,} words, {cited} cites of {len(keys)} works, "
          f"style {args.style}; medians of {args.runs} runs")  # fmt: skip
    for name, seconds in medians.items():
        print(f"  {name:56} {seconds:7.3f} s  {seconds / pandoc_time:5.2f}x pandoc")
    overhead = medians[f"pandoc -F coprodcite-pandoc --citeproc -t {target}"] - pandoc_time
    print(f"  the filter's overhead over a CSL-JSON file: {overhead:+.3f} s")


if __name__ == "__main__":
    main()
