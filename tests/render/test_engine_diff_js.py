"""Differential test against citeproc-js, held as expected outputs (no Node needed).

``bench/engine_diff_js.py --record`` rendered the sampled corpus records in twenty
styles with citeproc-js and with this engine, and wrote ``engine_diff_js_expected.json``:
a digest of every text citeproc-js printed, and for every text where the engines
disagree both texts with the reviewed verdict and reason
(``engine_diff_js_reviewed.py``). This test renders the same records with the engine
and checks each text: where the engines agreed it must still print citeproc-js's text,
where they disagreed it must still print what was reviewed. Any change shows; a fix
that makes a disagreement go away, or a new one, is recorded again with the bench.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import corpus_dir

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

BENCH = Path(__file__).resolve().parents[2] / "bench"
EXPECTED = Path(__file__).with_name("engine_diff_js_expected.json")


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(recorded: dict) -> dict:
    corpus_dir("crossref")
    sys.path.insert(0, str(BENCH))
    import engine_diff
    import engine_diff_js

    names = dict.fromkeys(i.split("#")[0] for i in recorded["items"])
    data = {i["id"]: i for i in engine_diff.named(names)}
    items = [data[i] for i in recorded["items"]]
    return {style: engine_diff_js.own(items, style) for style in recorded["styles"]}


def test_every_disagreement_is_reviewed(recorded: dict) -> None:
    unreviewed = [d for d in recorded["disagreements"] if d["verdict"] == "unreviewed"]
    assert not unreviewed, f"{len(unreviewed)} disagreements without a verdict"


def test_the_goals_hold(recorded: dict) -> None:
    texts = len(recorded["items"]) * len(recorded["styles"])
    for kind, goal in (("entry", 0.97), ("cite", 0.99)):
        differ = sum(1 for d in recorded["disagreements"] if d["kind"] == kind)
        assert (texts - differ) / texts >= goal, f"{kind}: {texts - differ} of {texts}"


def test_the_engine_prints_what_was_recorded(recorded: dict, rendered: dict) -> None:
    sys.path.insert(0, str(BENCH))
    from engine_diff_js import KINDS, digest

    reviewed = {(d["style"], d["kind"], d["item"]): d for d in recorded["disagreements"]}
    changes = []
    for style in recorded["styles"]:
        for kind in KINDS:
            digests = recorded["digests"][style][kind]
            for n, item in enumerate(recorded["items"]):
                ours = rendered[style][kind][item]
                known = reviewed.get((style, kind, item))
                if known is not None:
                    if ours != known["coprodcite"]:
                        changes.append(f"[{style}] {kind} {item}: reviewed text changed\n"
                                       f"  was: {known['coprodcite']}\n  now: {ours}\n"
                                       f"  citeproc-js: {known['citeproc_js']}")  # fmt: skip
                elif digest(ours) != digests[10 * n : 10 * n + 10]:
                    changes.append(f"[{style}] {kind} {item}: no longer citeproc-js's text\n"
                                   f"  now: {ours}")  # fmt: skip
    assert not changes, f"{len(changes)} texts changed:\n" + "\n".join(changes[:20])
