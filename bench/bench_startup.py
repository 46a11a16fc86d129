"""Start-up time: `coprodcite --version` and `coprodcite cite KEY --style apa`
against `python -c pass`, medians of repeated runs in one session (the machine
is shared and noisy: compare the ratios). Run:

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def median_time(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("coprodcite") or str(Path(sys.executable).parent / "coprodcite")
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
        env.update(
            COPRODCITE_LIBRARY=str(Path(tmp, "lib.sqlite")),
            COPRODCITE_CONFIG=str(Path(tmp, "none.toml")),
        )
        records = REPO / "examples" / "records"
        subprocess.run(
            [exe, "add", "--record", str(records / "10.1093_bjsw_bcad019.crossref.json")],
            env=env,
            check=True,
            capture_output=True,
        )
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "coprodcite --version": [exe, "--version"],
            "coprodcite cite KEY --style apa": [
                exe,
                "cite",
                "fillingham2023reflections",
                "--style",
                "apa",
            ],
        }
        results = {name: median_time(cmd, env, args.runs) for name, cmd in cases.items()}
    base = results["python -c pass"]
    print(f"medians of {args.runs} runs")
    for name, seconds in results.items():
        print(f"  {name:36} {seconds * 1000:8.1f} ms   {seconds / base:5.1f}x python -c pass")


if __name__ == "__main__":
    main()
