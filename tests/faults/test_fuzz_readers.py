"""The fault suite's fuzzing property (issue 17): whatever bytes a file holds, every
reader returns entries and per-entry failures (or raises one CoprodciteError for the
file), never another exception; what it reads normalises, exports as valid CSL-JSON
and writes out in every format. Inputs are real-looking files of each format, mutated:
bytes inserted, deleted, repeated, cut short, control and markup characters, deep
nesting."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprodcite.errors import CoprodciteError, FormatError
from coprodcite.files import decode
from coprodcite.formats import FORMATS, ReadResult, detect_format
from coprodcite.model import Record
from coprodcite.names import normalise_record
from tests.formats.csl_data_schema import errors

SEEDS = {
    "bibtex": """@string{jis = "Journal of Invented Studies"}
@article{quill2024invented,
  author = {Quill, Ada and Wren, T{\\"o}masz and {Invented Collective}},
  title = {An {Invented} \\emph{co-produced} study --- of $x^2$},
  journal = jis # " (online)", year = 2024, month = mar, pages = {1--10},
  doi = {10.5555/quill2024invented}, crossref = {book2023}
}
@book{book2023, editor = {Tarn, Uma}, title = {A book}, publisher = {Invented Press}}
""",
    "ris": """TY  - JOUR
AU  - Quill, Ada
AU  - Wren, Tomasz
TI  - An invented co-produced study
T2  - Journal of Invented Studies
PY  - 2024/03/01/
SP  - 1
EP  - 10
DO  - 10.5555/quill2024invented
ER  -
""",
    "csl-json": """[{"id": "quill2024", "type": "article-journal",
"title": "An <i>invented</i> study",
"author": [{"family": "Quill", "given": "Ada"}, {"literal": "Invented Collective"}],
"issued": {"date-parts": [[2024, 3, 1]]}, "license": [{"URL": "https://example.org/l"}],
"DOI": "10.5555/quill2024invented", "page": "1-10", "volume": 3}]""",
    "csl-yaml": """---
references:
- id: quill2024
  type: article-journal
  title: An invented study
  author:
  - family: Quill
    given: Ada
  issued: 2024-03-01
...
""",
    "json": """[{"key": "quill2024", "doi": "10.5555/q", "type": "book", "fields":
{"title": "An invented book", "issued": {"date-parts": [[2024]]}}, "contributors":
[{"family": "Quill", "given": "Ada", "role": "author", "orcid":
"https://orcid.org/0000-0002-1825-0097"}], "source": "file", "fetched_at": null}]""",
    "medline": """PMID- 12345678
TI  - An invented co-produced study.
AU  - Quill A
FAU - Quill, Ada
DP  - 2024 Mar
TA  - J Invented Stud
PG  - 1-10
LID - 10.5555/quill2024invented [doi]
""",
    "endnote": """%0 Journal Article
%A Quill, Ada
%T An invented co-produced study
%J Journal of Invented Studies
%D 2024
%P 1-10
%R 10.5555/quill2024invented
""",
    "endnote-xml": """<?xml version="1.0" encoding="UTF-8"?><xml><records><record>
<ref-type name="Journal Article">17</ref-type><contributors><authors><author>Quill, Ada
</author></authors></contributors><titles><title>An invented study</title>
<secondary-title>Journal of Invented Studies</secondary-title></titles>
<dates><year>2024</year></dates><electronic-resource-num>10.5555/q</electronic-resource-num>
</record></records></xml>""",
    "wos": """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Quill, A
AF Quill, Ada
TI An invented co-produced study
SO JOURNAL OF INVENTED STUDIES
PY 2024
DI 10.5555/quill2024invented
ER

EF
""",
}

#: characters that mean something to one reader or another
SPECIAL = list('{}@"#%,=\\$~&<>[]:-\n\r\t\x00\x1b\u00a0\u202e\ufeff') + ["TY  - ", "ER  - "]

_OPS = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.text(max_size=12)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(SPECIAL)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40)),
    st.tuples(st.just("repeat"), st.floats(0, 1), st.integers(1, 60)),
    st.tuples(st.just("cut"), st.floats(0, 1), st.just(0)),
    st.tuples(st.just("nest"), st.sampled_from(["[", "{", "<a>", "{\\emph"]), st.integers(1, 1500)),
)


def mutate(text: str, ops: list) -> str:
    for op, where, arg in ops:
        at = int(where * len(text)) if isinstance(where, float) else 0
        if op == "insert":
            text = text[:at] + arg + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + arg :]
        elif op == "repeat":
            text = text[:at] + text[at : at + arg] * 3 + text[at:]
        elif op == "cut":
            text = text[:at]
        elif op == "nest":
            text = where * arg + text
    return text


def check_result(result: object) -> list[Record]:
    assert isinstance(result, ReadResult)
    assert all(isinstance(f, FormatError) for f in result.failures)
    assert all(isinstance(r, Record) for r in result.records)
    return result.records


def read_everywhere(text: str) -> None:
    """Every reader, and format detection, on ``text``."""
    with contextlib.suppress(CoprodciteError):
        detect_format(text, "fuzz.bib")
    for fmt in FORMATS.values():
        if fmt.reader is None:
            continue
        try:
            records = check_result(fmt.read(text, file="fuzz"))
        except CoprodciteError:
            continue
        records = [normalise_record(r) for r in records]
        assert errors([r.to_csl() for r in records]) == []
        for out in FORMATS.values():
            if out.writer is not None and out.name != "json":
                out.write(records)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(sorted(SEEDS)), st.lists(_OPS, max_size=6))
def test_every_reader_survives_mutated_files(seed, ops):
    read_everywhere(mutate(SEEDS[seed], ops))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_every_reader_survives_arbitrary_bytes(data):
    read_everywhere(decode(data))


def test_the_seeds_are_read_as_their_format():
    """The property starts from files each reader really reads."""
    for name, text in SEEDS.items():
        result = FORMATS[name].read(text, file=f"seed.{name}")
        assert result.records and not result.failures, name


# -- what fuzzing found (atheris, bench/fuzz_readers.py), kept as cases ------------------

FOUND = {
    "an XML encoding Python does not know": SEEDS["endnote-xml"].replace("UTF-8", "UTF-9"),
    "a contributor role CSL does not know": SEEDS["json"].replace('"author"', '"auth0097"'),
    "a month that is not a number, written as RIS": SEEDS["csl-json"].replace(
        "[[2024, 3, 1]]", '[[2024, "\u203a\u203a 3"]]'
    ),
    "a UTF-16 byte order mark, then not UTF-16": decode(bytes.fromhex("feffffff5efffe")),
    "JSON nested deeper than the stack": "[" * 5000 + "]" * 5000,
    "YAML nested deeper than the stack": "references: " + "[" * 5000,
}


@pytest.mark.parametrize("text", list(FOUND.values()), ids=list(FOUND))
def test_what_fuzzing_found(text):
    read_everywhere(text)


def test_a_contributor_role_csl_does_not_know_is_a_contributor():
    (record,) = FORMATS["json"].read(FOUND["a contributor role CSL does not know"]).records
    assert record.to_csl()["contributor"] == [{"family": "Quill", "given": "Ada"}]
