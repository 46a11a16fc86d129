"""The CSL-JSON input schema (a JSON Schema of csl-data.json's shape, CSL 1.0.2).

Written for the tests from the CSL 1.0.2 specification, Appendix IV (variables by
kind), independently of coprodcite's own vocabulary (coprodcite/csl_schema.py), so
that an export cannot pass by construction. Like csl-data.json it takes an array of
items, each with a `type` and an `id`, no property it does not know, text variables
as strings, number variables as strings or numbers, names as name objects and dates
as date objects. (The official file is not on any package registry this project
installs from, so it is not used directly.)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

TYPES = """article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event
figure graphic hearing interview legal_case legislation manuscript map motion_picture
musical_score pamphlet paper-conference patent performance periodical
personal_communication post post-weblog regulation report review review-book software
song speech standard thesis treaty webpage""".split()  # noqa: SIM905

TEXT = """abstract annote archive archive_collection archive_location archive-place authority
call-number citation-key citation-label collection-title container-title
container-title-short dimensions division DOI event event-title event-place genre ISBN
ISSN jurisdiction keyword language license medium note original-publisher
original-publisher-place original-title part-title PMCID PMID publisher publisher-place
references reviewed-genre reviewed-title scale source status title title-short URL
volume-title volume-title-short year-suffix journalAbbreviation shortTitle""".split()  # noqa: SIM905

NUMBER = """chapter-number citation-number collection-number edition first-reference-note-number
issue locator number number-of-pages number-of-volumes page page-first part-number
printing-number section supplement-number version volume""".split()  # noqa: SIM905

DATE = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]

NAME = """author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director executive-producer guest host illustrator interviewer
narrator organizer original-author performer producer recipient reviewed-author
script-writer series-creator translator""".split()  # noqa: SIM905

_STRING_NUMBER = {"type": ["string", "number"]}
_FLAG = {"type": ["string", "number", "boolean"]}

NAME_OBJECT: dict[str, Any] = {
    "type": "object",
    "properties": {
        **{
            part: {"type": "string"}
            for part in (
                "family",
                "given",
                "dropping-particle",
                "non-dropping-particle",
                "suffix",
                "literal",
            )
        },
        "comma-suffix": _FLAG,
        "static-ordering": _FLAG,
        "parse-names": _FLAG,
    },
    "additionalProperties": False,
}

DATE_OBJECT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": _STRING_NUMBER},
        },
        "season": _STRING_NUMBER,
        "circa": _FLAG,
        "literal": {"type": "string"},
        "raw": {"type": "string"},
    },
    "additionalProperties": False,
}

ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": TYPES},
        "id": _STRING_NUMBER,
        "categories": {"type": "array", "items": {"type": "string"}},
        "custom": {"type": "object"},
        **{v: {"type": "string"} for v in TEXT},
        **{v: _STRING_NUMBER for v in NUMBER},
        **{v: DATE_OBJECT for v in DATE},
        **{v: {"type": "array", "items": NAME_OBJECT} for v in NAME},
    },
    "required": ["type", "id"],
    "additionalProperties": False,
}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "description": "JSON schema for CSL input data (csl-data.json's shape, CSL 1.0.2)",
    "type": "array",
    "items": ITEM,
}


@lru_cache(maxsize=1)
def validator() -> Any:
    from jsonschema import Draft7Validator

    Draft7Validator.check_schema(SCHEMA)
    return Draft7Validator(SCHEMA)


def errors(data: Any) -> list[str]:
    """Every way ``data`` breaks the schema, as 'path: message'."""
    found = validator().iter_errors(data)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in found)
