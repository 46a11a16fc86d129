"""Values as CSL-JSON holds them (coprodcite.model.csl_value): what a source sends
in another shape becomes text, a date object or nothing, so every export validates
against the CSL-JSON schema (issue 17 item 9)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.csl_schema import CSL_VARIABLES
from coprodcite.model import Record, csl_value
from tests.formats.csl_data_schema import errors

LICENSES = [
    {
        "URL": "https://doi.wiley.com/10.1002/tdm_license_1.1",
        "content-version": "tdm",
        "delay-in-days": 0,
        "start": {"date-parts": [[2015, 9, 1]], "timestamp": 1441065600000},
    },
    {"URL": "https://onlinelibrary.wiley.com/termsAndConditions", "content-version": "vor"},
]


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("license", LICENSES, LICENSES[0]["URL"] + ", " + LICENSES[1]["URL"]),
        ("license", [{"start": {}}], None),
        ("license", "CC BY 4.0", "CC BY 4.0"),
        ("ISSN", ["1742-5689", "1742-5662"], "1742-5689, 1742-5662"),
        ("ISSN", ["1742-5689", "1742-5689"], "1742-5689"),
        ("title", "", None),
        ("title", None, None),
        ("title", True, None),
        ("PMID", 12345, "12345"),
        ("publisher", {"name": "Invented Press"}, "Invented Press"),
        ("volume", 12, 12),
        ("page", "1-10", "1-10"),
        ("issue", [3], "3"),
        ("custom", {"anything": [1]}, {"anything": [1]}),
        ("custom", "text", None),
        ("issued", {"date-parts": [[2020, 5, 1]]}, {"date-parts": [[2020, 5, 1]]}),
        ("issued", {"date-parts": [[]]}, None),
        ("issued", {"date-parts": []}, None),
        ("issued", {"date-parts": [[None]]}, None),
        ("issued", {"date-parts": [[2020, None, 5]]}, {"date-parts": [[2020]]}),
        ("issued", {"date-parts": [[2020], []]}, {"date-parts": [[2020]]}),
        ("issued", {"date-parts": [[2020], [2021]]}, {"date-parts": [[2020], [2021]]}),
        ("issued", {"date-parts": [[2020, 1, 2, 3]]}, {"date-parts": [[2020, 1, 2]]}),
        ("issued", {"date-parts": None, "literal": "Spring"}, {"literal": "Spring"}),
        ("issued", {"date-parts": [["2020"]], "timestamp": 1}, {"date-parts": [["2020"]]}),
        ("issued", {"raw": "2020-05", "circa": True}, {"circa": True, "raw": "2020-05"}),
        ("issued", "in press", {"literal": "in press"}),
        ("issued", 2020, None),
    ],
)
def test_csl_value(variable, value, expected):
    assert csl_value(variable, value) == expected


def test_a_value_is_copied_not_shared():
    custom = {"a": [1]}
    assert csl_value("custom", custom) is not custom


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
_DATE = st.fixed_dictionaries(
    {},
    optional={
        "date-parts": st.lists(st.lists(_JSON, max_size=4), max_size=3) | _JSON,
        "season": _JSON,
        "circa": _JSON,
        "literal": _JSON,
        "raw": _JSON,
        "timestamp": _JSON,
    },
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(CSL_VARIABLES) + ["not-a-csl-variable"]),
        _JSON | _DATE,
        max_size=8,
    )
)
def test_any_fields_export_as_valid_csl_json(fields):
    """Whatever a source put in the fields, the item exported is valid CSL-JSON."""
    item = Record(type="article-journal", fields=fields, key="k").to_csl()
    assert errors([item]) == []


def test_an_unknown_type_is_a_document():
    from coprodcite.model import record_from_csl

    record = record_from_csl({"id": "x", "type": "article{-journal", "title": "T"})
    assert record.type == "document"
    assert Record(type="journal-article", fields={}, key="k").to_csl()["type"] == "document"


def nested(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth):
        value = {"a": value}
    return value


@pytest.mark.parametrize(("depth", "kept"), [(1, True), (30, True), (40, False), (5000, False)])
def test_custom_nested_too_deep_is_left_out(depth, kept):
    assert (csl_value("custom", nested(depth)) is not None) == kept


def test_a_title_nested_in_lists_keeps_its_first_level_only():
    assert csl_value("title", ["A", ["B", ["C"]], {"name": "D"}]) == "A, D"
