"""Crossref-shaped works for matching tests: the real BJSW article (examples/) and
invented look-alikes (invented people, invented DOIs under the 10.5555 test prefix)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import EXAMPLES


def bjsw() -> dict[str, Any]:
    data = json.loads((EXAMPLES / "records" / "10.1093_bjsw_bcad019.crossref.json").read_text())
    return data["message"]


def work(
    doi: str,
    title: str,
    authors: list[tuple[str, str]],
    year: int,
    *,
    container: str | None = None,
    volume: str | None = None,
    issue: str | None = None,
    page: str | None = None,
    kind: str = "journal-article",
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "DOI": doi,
        "type": kind,
        "title": [title],
        "author": [{"given": g, "family": f, "sequence": "additional"} for f, g in authors],
        "issued": {"date-parts": [[year]]},
        "publisher": "Invented Press",
    }
    if container:
        item["container-title"] = [container]
    for key, value in (("volume", volume), ("issue", issue), ("page", page)):
        if value:
            item[key] = value
    return item


def lookalikes() -> list[dict[str, Any]]:
    """Works that share words, names or numbers with the BJSW article."""
    return [
        work(
            "10.5555/coprod.2022.1",
            "Making co-production work in social care: a practice review",
            [("Fillingham", "Jo"), ("Quill", "Avery")],
            2022,
            container="Invented Review of Social Care",
            volume="12",
            issue="2",
            page="101-118",
        ),
        work(
            "10.5555/coprod.2023.2",
            "Reflections on co-production in mental health research",
            [("Wren", "Tamsin"), ("Quill", "Avery")],
            2023,
            container="The British Journal of Social Work",
            volume="53",
            issue="4",
            page="2001-2019",
        ),
        work(
            "10.5555/coprod.2021.3",
            "Insider perspectives on participatory research",
            [("Sealey", "Clara"), ("Wren", "Tamsin")],
            2021,
            container="Invented Journal of Participation",
            volume="3",
            page="1-20",
        ),
        work(
            "10.5555/reading.2020.4",
            "A reading list for service user involvement",
            [("Quill", "Avery")],
            2020,
            kind="book",
        ),
    ]


def registry_works() -> list[dict[str, Any]]:
    return [bjsw(), *lookalikes()]
