"""Source mappings are tested as input JSON -> expected record, stored side by side
(``NAME.json`` and ``NAME.expected.json``). A missing expected file fails;
regenerating is the explicit, opt-in ``COPRODCITE_REGEN_FIXTURES=1``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

# Read at import: the autouse fixture in conftest clears COPRODCITE_* before each test.
REGENERATE = os.environ.get("COPRODCITE_REGEN_FIXTURES") == "1"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".expected.json"))


def assert_matches_expected(path: Path, actual: Any) -> None:
    expected_path = path.with_name(path.stem + ".expected.json")
    if REGENERATE:
        expected_path.write_text(
            json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if not expected_path.exists():
        pytest.fail(
            f"{expected_path.name} is missing: check the mapping of {path.name}, then "
            "write it with COPRODCITE_REGEN_FIXTURES=1 and review it"
        )
    assert actual == load(expected_path)
