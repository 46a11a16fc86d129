"""Hypothesis runs derandomised in CI (tests/conftest.py), so a failure reproduces."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("env", "derandomized"),
    [({"CI": "true"}, True), ({"HYPOTHESIS_PROFILE": "ci"}, True), ({}, False)],
)
def test_the_ci_profile_is_derandomised(env: dict[str, str], derandomized: bool) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    code = (
        "import tests.conftest; from hypothesis import settings; "
        "print(settings.default.derandomize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=REPO, env={**base, **env},
    )  # fmt: skip
    assert out.stdout.strip() == str(derandomized)
