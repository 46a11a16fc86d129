"""CSL-JSON, CSL-YAML and coprodcite JSON: lossless for what CSL holds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.formats.csljson import (
    read_csl_json,
    read_csl_yaml,
    write_csl_json,
    write_csl_yaml,
    write_json,
)
from coprodcite.model import CSL_TYPES, Contributor, Record

ITEM = {
    "id": "quill2023reflections",
    "type": "article-journal",
    "title": "Reflections on <i>co-production</i>",
    "author": [{"family": "Quill", "given": "Ada"}, {"literal": "Ada Quill Collective"}],
    "editor": [{"family": "Wren", "given": "Tomasz", "non-dropping-particle": "van"}],
    "issued": {"date-parts": [[2023, 5, 1]]},
    "container-title": "The British Journal of Social Work",
    "DOI": "10.1093/bjsw/bcad019",
    "custom": {"anything": [1, 2]},
}


def test_csl_json_is_lossless():
    result = read_csl_json(json.dumps([ITEM]))
    assert json.loads(write_csl_json(result.records)) == [ITEM]


def test_bad_items_are_failures_and_the_rest_is_read():
    result = read_csl_json(json.dumps([ITEM, 3, {"type": "book"}]), file="items.json")
    assert len(result.records) == 1
    assert [str(f) for f in result.failures] == [
        "items.json: item 2: an item is an object, not int",
        "items.json: item 3: no title, author or DOI",
    ]
    broken = read_csl_json('[{"a": ', file="broken.json")
    assert broken.failures[0].line == 1


def test_pandoc_yaml_forms():
    text = """---
references:
- id: quill2023
  type: book
  title: "yes"
  author: [{family: Quill, given: Ada}]
  issued: 2023-05-01
- id: wren2020
  type: book
  title: Second
  issued: [{year: 2020, month: 3}]
- id: wren2021
  type: book
  title: Third
  issued: 2021
...
Body text of a Markdown file.
"""
    records = read_csl_yaml(text).records
    assert [r.fields["issued"] for r in records] == [
        {"date-parts": [[2023, 5, 1]]},
        {"date-parts": [[2020, 3]]},
        {"date-parts": [[2021]]},
    ]
    assert records[0].title == "yes"


def test_orcids_and_roles_only_in_own_json():
    record = Record(
        type="book",
        fields={"title": "T"},
        key="quill2024t",
        contributors=[Contributor(family="Quill", orcid="https://orcid.org/0000-0002-1825-0097")],
    )
    assert "orcid" not in write_csl_json([record])
    assert "orcid" in write_json([record])
    assert "roles" not in json.loads(write_json([record]))[0]["contributors"][0]
    role = {"id": "credit:software", "label": "Software"}
    with_roles = json.loads(write_json([record], roles={"quill2024t": [[role]]}))
    assert with_roles[0]["contributors"][0]["roles"] == [role]


# -- round trips ----------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    str.strip
)
_NAME = st.fixed_dictionaries(
    {"family": _TEXT},
    optional={"given": _TEXT, "suffix": _TEXT, "non-dropping-particle": _TEXT},
) | st.fixed_dictionaries({"literal": _TEXT})
_DATE = st.lists(st.integers(1, 12), min_size=1, max_size=3).map(lambda p: {"date-parts": [p]})
_ITEM = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z]{1,8}[0-9]{4}", fullmatch=True),
        "type": st.sampled_from(sorted(CSL_TYPES)),
        "title": _TEXT,
    },
    optional={
        "author": st.lists(_NAME, min_size=1, max_size=3),
        "editor": st.lists(_NAME, min_size=1, max_size=2),
        "issued": _DATE, "accessed": _DATE, "container-title": _TEXT, "volume": _TEXT,
        "page": _TEXT, "DOI": _TEXT, "abstract": _TEXT, "note": _TEXT, "ISBN": _TEXT,
        "number-of-pages": st.integers(1, 999), "language": _TEXT, "version": _TEXT,
    },
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_ITEM, min_size=1, max_size=3))
def test_record_csl_json_record(items):
    records = read_csl_json(json.dumps(items)).records
    again = read_csl_json(write_csl_json(records)).records
    assert [_parts(r) for r in again] == [_parts(r) for r in records]
    assert json.loads(write_csl_json(records)) == [_stripped(i) for i in items]


@settings(max_examples=60, deadline=None)
@given(st.lists(_ITEM, min_size=1, max_size=3))
def test_record_csl_yaml_record(items):
    records = read_csl_json(json.dumps(items)).records
    again = read_csl_yaml(write_csl_yaml(records)).records
    assert [_parts(r) for r in again] == [_parts(r) for r in records]


def _parts(record):
    """What CSL holds of a record: type, key, fields, and contributors in their order
    within each role (CSL keeps no order across roles)."""
    return record.type, record.key, record.fields, sorted(record.contributors, key=lambda c: c.role)


def _stripped(item):
    """What a record keeps of an item: names with their parts stripped of spaces."""
    out = dict(item)
    for role in ("author", "editor"):
        if role in out:
            out[role] = [{k: v.strip() for k, v in n.items()} for n in out[role]]
    return out


@pytest.mark.parametrize(
    ("text", "records", "failure"),
    [
        # a manuscript's front matter: no references, no junk record
        ('---\ntitle: "An invented draft"\n---\n\n# Intro\n', 0,
         "paper.md: no CSL-YAML items: it has no `references:` list (a manuscript's front"
         " matter?); import its bibliography file"),
        ("---\ntitle: Draft\nauthor: Ada Quill\nbibliography: refs.bib\n---\nText [@k].\n", 0,
         "paper.md: no CSL-YAML items: it has no `references:` list (a manuscript's front"
         " matter?); import its bibliography, refs.bib"),
        ("---\ntitle: Draft\nreferences:\n- id: k\n  type: book\n  title: T\n---\n", 1, None),
        ("id: k\ntype: book\ntitle: One item as a mapping\n", 1, None),
        ("---\nreferences: []\n---\n", 0, None),
    ],
)  # fmt: skip
def test_yaml_mappings_are_references_one_item_or_nothing(text, records, failure):
    result = read_csl_yaml(text, file="paper.md")
    assert len(result.records) == records
    assert [str(f) for f in result.failures] == ([failure] if failure else [])
