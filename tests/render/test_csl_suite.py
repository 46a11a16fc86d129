"""Ratchet: the CSL test suite pass counts through the public API never drop.

Runs ``bench/bench_csl_suite.py --engine both --json`` in a subprocess (two worker
processes, about 15 s); raise ``RECORDED`` when a fix makes more fixtures pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CSL_SUITE

# fixtures passed, of 845 in ../shared/csl-test-suite/humans, per engine
RECORDED = {"coprodcite": 827, "citeproc-py": 581}
SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "bench_csl_suite.py"


@pytest.mark.slow
def test_csl_suite_pass_count_does_not_drop():
    if not (CSL_SUITE / "humans").is_dir():
        pytest.skip(f"the CSL test suite is not at {CSL_SUITE} (CI has it beside the repository)")
    run = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--json",
            "--engine",
            "both",
            "--jobs",
            "2",
            "--suite",
            str(CSL_SUITE / "humans"),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=SCRIPT.parents[1],
    )
    summaries = json.loads(run.stdout)
    for engine, recorded in RECORDED.items():
        summary = summaries[engine]
        assert summary["total"] == 845
        assert summary["passed"] >= recorded, f"{engine}: {summary['passed']} pass, {recorded}"
