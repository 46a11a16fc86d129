"""No exception escapes the public API in any bundled independent style, with either
engine (a deterministic sample of them here; ``bench/bench_all_styles.py --every 1`` runs
all 2,851), and renders in several threads give what renders one after another give."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coprodcite.render import render_bibliography

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "bench_all_styles.py"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["citeproc-py", "coprodcite"])
def test_no_exception_escapes_in_a_sample_of_bundled_styles(engine: str):
    run = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--every", "97", "--records", "6", "--jobs", "2", "--json", "--engine", engine),
        ],
        capture_output=True,
        text=True,
        cwd=SCRIPT.parents[1],
    )
    summary = json.loads(run.stdout)
    assert summary["styles"] == 30
    assert summary["engine"] == engine
    assert summary["escaped"] == []
    assert summary["style_errors"] == []
    assert run.returncode == 0


@pytest.mark.parametrize("engine", ["citeproc-py", "coprodcite"])
def test_threads_render_as_one_after_another(engine: str) -> None:
    items = [
        {
            "id": f"i{n}",
            "type": "book",
            "title": f"Book {n}",
            "author": [{"family": f"Wren{n}"}],
            "issued": {"date-parts": [[2000 + n]]},
        }
        for n in range(5)
    ]
    jobs = [
        (style, fmt) for style in ("apa", "ieee", "chicago-author-date") for fmt in ("text", "html")
    ] * 3

    def render(job: tuple[str, str]) -> list[str]:
        return render_bibliography(items, job[0], fmt=job[1], engine=engine)

    alone = {job: render(job) for job in jobs}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(render, jobs))
    assert together == [alone[job] for job in jobs]
