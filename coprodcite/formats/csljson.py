"""CSL-JSON output: standard items that pandoc and citeproc processors read."""

from __future__ import annotations

import json
from typing import Any

from coprodcite.model import Record


def to_csl_items(records: list[Record]) -> list[dict[str, Any]]:
    return [record.to_csl() for record in records]


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
