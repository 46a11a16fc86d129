"""Round trips as properties (Hypothesis): record -> BibTeX -> record and
record -> BibLaTeX -> record keep every field BibTeX can hold; reading never
raises, whatever the text."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprodcite.formats.bibtex import read_bibtex, write_bibtex
from coprodcite.model import Contributor, Record

# Words over letters (some accented, some non-Latin), digits and every LaTeX special.
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøçÅłıΩж漢"
_SPECIALS = "#$%&~_^\\{}-'`\"<>.,:;!?()[]/@*+=|"
word = st.text(alphabet=_LETTERS + "0123456789" + _SPECIALS, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=5).map(" ".join)
capitalised = st.text(alphabet=_LETTERS, min_size=1, max_size=8).map(
    lambda w: w[:1].upper() + w[1:]
)
name_words = st.lists(capitalised, min_size=1, max_size=2).map(" ".join)

_TAGS = {
    "i": ("<i>", "</i>"),
    "b": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
    "nocase": ('<span class="nocase">', "</span>"),
}


def _rich(segments: list[tuple[str | None, str]]) -> str:
    parts = []
    for tag, text in segments:
        escaped = html.escape(text, quote=False)
        parts.append(escaped if tag is None else _TAGS[tag][0] + escaped + _TAGS[tag][1])
    return " ".join(parts)


rich_text = st.lists(
    st.tuples(st.none() | st.sampled_from(sorted(_TAGS)), words), min_size=1, max_size=4
).map(_rich)
person = st.builds(
    Contributor,
    role=st.sampled_from(["author", "editor", "translator"]),
    given=st.none() | name_words,
    family=name_words | st.sampled_from(["dos Santos", "Smith-Jones", "Ó Briain"]),
    non_dropping_particle=st.none() | st.sampled_from(["van", "de", "von der"]),
    suffix=st.none() | st.sampled_from(["Jr.", "III"]),
)
organisation = st.builds(Contributor, role=st.just("author"), literal=words)
dates = st.lists(
    st.tuples(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: list(t)
    ),
    min_size=1,
    max_size=1,
).map(lambda parts: {"date-parts": parts})
years = st.integers(1000, 2100).map(lambda y: {"date-parts": [[y]]})
year_months = st.tuples(st.integers(1000, 2100), st.integers(1, 12)).map(
    lambda t: {"date-parts": [list(t)]}
)
ranges = st.tuples(st.integers(1000, 2100), st.integers(1, 12), st.integers(1, 12)).map(
    lambda t: {"date-parts": [[t[0], t[1]], [t[0], t[2]]]}
)
numbers = st.integers(1, 9999).map(str)
common = {
    "volume": numbers,
    "page": st.sampled_from(["1–10", "e123", "1593–1601"]),
    "publisher": words,
    "publisher-place": words,
    "DOI": st.sampled_from(["10.1093/bjsw/bcad019", "10.1000/xyz_(1)-2"]),
    "ISBN": st.sampled_from(["978-3-16-148410-0"]),
    "note": words,
    "abstract": words,
    "keyword": words,
    "edition": numbers,
}
TYPES = ["article-journal", "book", "chapter", "paper-conference", "thesis", "report"]


@st.composite
def records(draw: st.DrawFn, *, biblatex: bool) -> Record:
    csl_type = draw(st.sampled_from([*TYPES, "manuscript", "document"]))
    optional = dict(common)
    optional["issued"] = years | year_months | (dates | ranges if biblatex else years)
    if csl_type in ("article-journal", "chapter", "paper-conference"):
        optional["container-title"] = rich_text
    if csl_type == "article-journal":
        optional["issue"] = numbers
    if csl_type == "document":
        del optional["DOI"]
    if csl_type == "thesis":
        optional["genre"] = st.sampled_from(["PhD thesis", "Master's thesis"])
    fields = draw(st.fixed_dictionaries({"title": rich_text}, optional=optional))
    if csl_type == "thesis":
        fields.setdefault("genre", "PhD thesis")
    people = draw(st.lists(person | organisation, max_size=4))
    key = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,15}", fullmatch=True))
    return Record(type=csl_type, fields=fields, contributors=people, key=key)


def _comparable(record: Record) -> tuple[object, ...]:
    people = [
        (c.role, c.given, c.family, c.non_dropping_particle, c.suffix, c.literal)
        for c in record.contributors
    ]
    return record.type, record.key, record.fields, sorted(people, key=str)


def _round_trip(record: Record, dialect: str) -> None:
    text = write_bibtex([record], dialect=dialect)
    result = read_bibtex(text, file="roundtrip.bib")
    assert not result.failures, (text, result.failures)
    assert len(result.records) == 1, text
    assert _comparable(result.records[0]) == _comparable(record), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(biblatex=False))
def test_record_to_bibtex_to_record(record: Record) -> None:
    _round_trip(record, "bibtex")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(biblatex=True))
def test_record_to_biblatex_to_record(record: Record) -> None:
    _round_trip(record, "biblatex")


_PIECES = [*'@{}()"=,#%\\$~ \n\tabcxyz019äé', "@article{", "@string{", "\n@misc(", " and "]
bibtex_like = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


_LATEX_PIECES = [*"{}\\$~-`'\"&%#_^ ,.aAzZ0é", r"\'", r"\c", r"\emph{", r"\i", " and ", "others"]
latex_like = st.lists(st.sampled_from(_LATEX_PIECES), max_size=30).map("".join)
entry_like = st.builds(
    "@{}{{k, author = {{{}}}, editor = {}, title = {{{}}}, date = {{{}}}, month = {}}}".format,
    st.sampled_from(["article", "misc", "incollection", "thesis"]),
    latex_like,
    latex_like,
    latex_like,
    latex_like,
    latex_like,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), bibtex_like, entry_like), st.none() | bibtex_like)
def test_reading_never_raises(text: str, macros: str | None) -> None:
    result = read_bibtex(text, file="fuzz.bib", macros=macros)
    for failure in result.failures:
        assert failure.file == "fuzz.bib" and failure.line is not None


@settings(max_examples=150, deadline=None)
@given(st.one_of(entry_like, bibtex_like), st.sampled_from(["bibtex", "biblatex"]))
def test_whatever_is_read_is_written_back_to_the_same_fields(text: str, dialect: str) -> None:
    first = read_bibtex(text, file="fuzz.bib").records
    again = read_bibtex(write_bibtex(first, dialect=dialect)).records
    assert [r.fields for r in again] == [r.fields for r in first]
