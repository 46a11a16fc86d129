"""RIS and its relatives: tables of small inputs, failures with lines, round trips."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.errors import InvalidInput
from coprodcite.formats import detect_format
from coprodcite.formats._common import contributor_from_text, parse_date
from coprodcite.formats.ris import CSL_TO_RIS, read_ris, write_ris
from coprodcite.formats.tagged import read_endnote, read_medline
from coprodcite.model import Contributor, Record

BASIC = """TY  - JOUR
TI  - Reflections on making co-production work
AU  - Quill, Ada
A1  - Wren, Tomasz
PY  - 2023
DA  - 2023/05/01/
T2  - The British Journal of Social Work
VL  - 53
IS  - 3
SP  - 1
EP  - 19
SN  - 0045-3102
DO  - https://doi.org/10.1093/BJSW/bcad019
UR  - https://example.org/a; https://example.org/b
KW  - co-production
KW  - lived experience
ID  - quill2023reflections
ER  -
"""


def test_reads_the_usual_tags():
    (record,) = read_ris(BASIC).records
    assert record.type == "article-journal"
    assert record.key == "quill2023reflections"
    assert record.fields["issued"] == {"date-parts": [[2023, 5, 1]]}
    assert record.fields["container-title"] == "The British Journal of Social Work"
    assert record.fields["page"] == "1-19"
    assert record.doi == "10.1093/bjsw/bcad019"
    assert record.fields["URL"] == "https://example.org/a"
    assert record.fields["ISSN"] == "0045-3102"
    assert record.fields["keyword"] == "co-production, lived experience"
    assert [(c.family, c.given) for c in record.names("author")] == [
        ("Quill", "Ada"),
        ("Wren", "Tomasz"),
    ]


def test_bom_crlf_headers_and_odd_spacing():
    text = "\ufeffRecord #1 of 2\r\n1.\r\nTY -  BOOK\r\nT1  - A book\r\nER  -\r\n\r\n" + BASIC
    result = read_ris(text.replace("\n", "\r\n"))
    assert [r.type for r in result.records] == ["book", "article-journal"]
    assert result.failures == []


def test_bad_entries_are_failures_with_lines_and_the_rest_is_read():
    text = "JF  - No type line\nAU  - Quill, Ada\nER  - \n\nTY  - JOUR\nER  - \n\n" + BASIC
    result = read_ris(text, file="messy.ris")
    assert len(result.records) == 1
    assert [str(f) for f in result.failures] == [
        "messy.ris:1: RIS entry without a TY line",
        "messy.ris:5: cannot read entry: empty entry",
    ]


def test_continuation_lines_and_missing_er():
    text = "TY  - JOUR\nAB  - first line\n      second line\nKW  - one\ntwo\nTY  - JOUR\nTI  - B\n"
    first, second = read_ris(text).records
    assert first.fields["abstract"] == "first line second line"
    assert first.fields["keyword"] == "one, two"
    assert second.title == "B"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quill, Ada", ("Quill", "Ada", None, None)),
        ("Shi,Yu", ("Shi", "Yu", None, None)),
        ("Wren, Tomasz, Jr.", ("Wren", "Tomasz", None, None)),
        ("Fanning E.", ("Fanning", "E.", None, None)),
        ("Quill AJ", ("Quill", "AJ", None, None)),
        ("Ada Quill", ("Quill", "Ada", None, None)),
        ("余敏", ("余敏", None, None, None)),
        (
            "Social Care Institute for Excellence",
            (None, None, None, "Social Care Institute for Excellence"),
        ),
    ],
)
def test_names_without_commas_are_split_conservatively(text, expected):
    c = contributor_from_text(text, "author")
    assert (c.family, c.given, None, c.literal) == expected
    assert c.original == {"literal": text}


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2020/05/01/", [2020, 5, 1]),
        ("2014//", [2014]),
        ("2024-02-01", [2024, 2, 1]),
        ("1990/2/27", [1990, 2, 27]),
        ("2020 Feb", [2020, 2]),
        ("20201005", [2020, 10, 5]),
        ("Spring 2019", [2019]),
    ],
)
def test_dates(text, parts):
    assert parse_date(text) == {"date-parts": [parts]}


def test_medline_and_endnote_share_the_mapping():
    medline = (
        "PMID- 1\nTI  - A title\n      continued\nFAU - Quill, Ada\nAU  - Quill A\n"
        "DP  - 2020 Feb\nLID - 10.5555/x [doi]\n\n"
    )
    (record,) = read_medline(medline).records
    assert record.title == "A title continued"
    assert [c.given for c in record.contributors] == ["Ada"]
    assert record.doi == "10.5555/x"
    endnote = "%0 Journal Article\n%A Quill, Ada\n%T A title\n%D 2020\n%R doi:10.5555/y\n"
    (record,) = read_endnote(endnote).records
    assert (record.type, record.doi, record.year) == ("article-journal", "10.5555/y", 2020)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (BASIC, "ris"),
        ("\ufeff\n\nTY  - JOUR\n", "ris"),
        ("PMID- 1\n", "medline"),
        ("%0 Book\n", "endnote"),
        ('[{"type": "book"}]', "csl-json"),
        ('[\n  {"type": "book"}\n]', "csl-json"),
        ("[]", "csl-json"),
        ("---\nreferences:\n- id: a\n", "csl-yaml"),
        ("<?xml version='1.0'?><xml><records/></xml>", "endnote-xml"),
        ("% comment\n@article{a, title={T}}", "bibtex"),
    ],
)
def test_detection_from_content(text, name):
    assert detect_format(text, "no-extension").name == name


def test_a_bracketed_key_is_not_taken_for_json():
    """citation-js bibtxt starts "[Fau86]": no format of ours, not CSL-JSON."""
    with pytest.raises(InvalidInput, match="cannot tell the format") as raised:
        detect_format("[Fau86]\n    title: Faust\n", "refs.txt")
    assert "--format (bibtex, biblatex, ris," in str(raised.value)


# -- round trip: record -> RIS -> record, for what RIS can hold -----------------------

_WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8)


def nfc(text: str) -> str:
    """DOIs are stored NFC-normalised; lower() can leave a character that is not (ά)."""
    return unicodedata.normalize("NFC", text)


_TEXT = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
_PERSON = st.builds(
    lambda f, g, role: Contributor(role=role, family=f, given=g), _WORD, _WORD,
    st.sampled_from(["author", "editor", "translator"]),
)  # fmt: skip
_DATE = st.tuples(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 28)).flatmap(
    lambda ymd: st.integers(1, 3).map(lambda n: {"date-parts": [list(ymd[:n])]})
)
_FIELDS = st.fixed_dictionaries(
    {"title": _TEXT},
    optional={
        "container-title": _TEXT, "volume": _WORD, "issue": _WORD, "publisher": _TEXT,
        "publisher-place": _TEXT, "abstract": _TEXT, "URL": _WORD.map(lambda w: f"https://example.org/{w}"),
        "DOI": _WORD.map(lambda w: f"10.5555/{nfc(w.lower())}"), "issued": _DATE, "edition": _WORD,
        "page": st.sampled_from(["1-19", "e0815", "101-102"]), "language": _WORD,
        "keyword": st.lists(_WORD, min_size=1, max_size=3).map(", ".join), "note": _TEXT,
    },
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(CSL_TO_RIS)),
    _FIELDS,
    st.lists(_PERSON, max_size=4),
    st.none() | st.from_regex(r"[a-z]{2,8}[0-9]{4}[a-z]{1,6}", fullmatch=True),
)
def test_record_ris_record(csl_type, fields, people, key):
    if csl_type == "book":
        fields.pop("container-title", None)
    record = Record(type=csl_type, fields=fields, contributors=people, key=key)
    (back,) = read_ris(write_ris([record])).records
    assert back.type == csl_type
    assert back.fields == fields
    assert [(c.role, c.family, c.given) for c in back.contributors] == [
        (c.role, c.family, c.given)
        for c in sorted(people, key=lambda c: ["author", "editor", "translator"].index(c.role))
    ]
    assert back.key == key


def test_no_space_after_the_dash_and_year_zero():
    (record,) = read_ris("TY  -JOUR\nTI  -A title\nPY  - 0000\nER  -\n").records
    assert (record.type, record.title, record.year) == ("article-journal", "A title", None)
