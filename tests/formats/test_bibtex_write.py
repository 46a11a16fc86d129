"""Writing BibTeX and BibLaTeX: escaping, rich text, names and the two dialects."""

from __future__ import annotations

import pytest

from coprodcite.errors import InvalidInput
from coprodcite.formats.bibtex import escape_latex, read_bibtex, rich_to_latex, write_bibtex
from coprodcite.model import Contributor, Record


def _record(**fields) -> Record:
    return Record(
        type="article-journal",
        key="quill2024",
        fields={"title": "Co-produced research", **fields},
        contributors=[
            Contributor(given="Ada", family="Quill"),
            Contributor(given="Tomasz", family="Wren", non_dropping_particle="van"),
            Contributor(literal="Lived Experience Advisory Group"),
            Contributor(role="editor", given="Jan", family="Berg", suffix="Jr."),
        ],
    )


def test_escaping_leaves_no_latex_command():
    evil = r"\input{/etc/passwd} # $x$ % & ~ _ ^ {}"
    latex = escape_latex(evil)
    assert latex == (
        r"\textbackslash{}input\{/etc/passwd\} \# \$x\$ \% \& \textasciitilde{} \_"
        r" \textasciicircum{} \{\}"
    )
    text = write_bibtex([_record(title=evil, note=evil)])
    assert "\\input" not in text
    assert read_bibtex(text).records[0].fields["note"] == evil


@pytest.mark.parametrize(
    ("rich", "latex"),
    [
        ("<i>E. coli</i> &amp; <b>more</b>", r"\textit{E. coli} \& \textbf{more}"),
        ('The <span class="nocase">COVID</span> year', "The {COVID} year"),
        ('<span class="nocase"><i>iPhone</i></span>', r"{{}\textit{iPhone}}"),
        ('<span style="font-variant:small-caps;">Sc</span> H<sub>2</sub>O x<sup>2</sup>',
         r"\textsc{Sc} H\textsubscript{2}O x\textsuperscript{2}"),
        ("a--b ''c''", "a-{}-b '{}'c'{}'"),
    ],
)  # fmt: skip
def test_rich_text_to_latex(rich, latex):
    assert rich_to_latex(rich) == latex


def test_non_ascii_is_escaped_for_bibtex_and_kept_for_biblatex():
    assert rich_to_latex("Çağ Öztürk – ß ø í 漢", ascii=True) == (
        r"{\c{C}}a{\u{g}} {\"O}zt{\"u}rk -- {\ss} {\o} {\'\i} 漢"
    )
    assert rich_to_latex("Çağ – 漢") == "Çağ – 漢"


def test_bibtex_dialect():
    record = _record(
        **{
            "container-title": "British Journal of Social Work",
            "issued": {"date-parts": [[2023, 7, 1]]},
            "publisher-place": "Oxford",
            "page": "1593-1601",
            "issue": "3",
            "DOI": "10.1093/bjsw/bcad019",
        }
    )
    text = write_bibtex([record])
    assert text.startswith("@article{quill2024,\n")
    for line in [
        "author = {Quill, Ada and van Wren, Tomasz and {Lived Experience Advisory Group}},",
        "editor = {Berg, Jr., Jan},",
        "journal = {British Journal of Social Work},",
        "year = {2023},",
        "month = jul,",
        "number = {3},",
        "pages = {1593--1601},",
        "address = {Oxford},",
        "doi = {10.1093/bjsw/bcad019}",
    ]:
        assert line in text


def test_biblatex_dialect():
    record = _record(
        **{
            "container-title": "Ärzteblatt",
            "issued": {"date-parts": [[2020, 1], [2020, 3]]},
            "publisher-place": "Köln",
            "accessed": {"date-parts": [[2024, 2, 3]]},
        }
    )
    text = write_bibtex([record], dialect="biblatex")
    for line in [
        "journaltitle = {Ärzteblatt},",
        "date = {2020-01/2020-03},",
        "location = {Köln},",
        "urldate = {2024-02-03}",
    ]:
        assert line in text
    assert "year =" not in text and "journal =" not in text


def test_thesis_and_extra_roles():
    thesis = Record(
        type="thesis",
        key="t",
        fields={"title": "T", "genre": "Master's thesis", "publisher": "Uni"},
        contributors=[Contributor(role="compiler", given="Ada", family="Quill")],
    )
    bibtex = write_bibtex([thesis])
    assert bibtex.startswith("@mastersthesis{t,") and "school = {Uni}" in bibtex
    assert "type =" not in bibtex and "compiler" not in bibtex
    biblatex = write_bibtex([thesis], dialect="biblatex")
    assert biblatex.startswith("@thesis{t,")
    for line in ["type = {mathesis}", "institution = {Uni}", "editora = {Quill, Ada}"]:
        assert line in biblatex
    (back,) = read_bibtex(biblatex).records
    assert back.fields["genre"] == "Master's thesis" and back.contributors[0].role == "compiler"


def test_keys_stay_and_duplicates_are_told_apart():
    records = [Record(key="same", fields={"title": "A"}), Record(key="same", fields={"title": "B"})]
    keys = [r.key for r in read_bibtex(write_bibtex(records)).records]
    assert keys == ["same", "same-2"]


def test_unknown_dialect():
    with pytest.raises(InvalidInput, match="unknown BibTeX dialect"):
        write_bibtex([], dialect="ris")


@pytest.mark.parametrize(
    ("issued", "bibtex", "biblatex"),
    [
        ({"date-parts": [["2020", "05"]]}, "year = {2020},\n\tmonth = may", "date = {2020-05}"),
        ({"date-parts": [["Spring"]]}, "year = {Spring}", "year = {Spring}"),
        ({"raw": "in press {x}"}, r"year = {in press \{x\}}", r"year = {in press \{x\}}"),
        ("not a date", "title = {T}\n}", "title = {T}\n}"),
    ],
)
def test_dates_from_other_sources_never_break_the_writer(issued, bibtex, biblatex):
    record = Record(key="k", fields={"title": "T", "issued": issued})
    assert bibtex in write_bibtex([record])
    assert biblatex in write_bibtex([record], dialect="biblatex")


def test_fields_without_a_csl_variable_are_carried_over_safely():
    # JabRef's escaped file field and groups, as in jabref-testbib/testjabref.bib
    text = (
        r"@article{k, title = {T}, eprint = {2101.00001}, eprinttype = {arxiv},"
        r" file = {:C\:/my papers/a.pdf:PDF;x:\input{y}:PDF}, groups = {Co-production},"
        r" mrclass = {\emph{x} \input{y}}, crossref = {gone}}"
    )
    written = write_bibtex(read_bibtex(text).records, dialect="biblatex")
    for line in [
        "eprint = {2101.00001},",
        "eprinttype = {arxiv},",
        r"file = {:C\:/my papers/a.pdf:PDF;x:%5Cinput%7By%7D:PDF},",
        "groups = {Co-production},",
        "mrclass = {x y}",
    ]:
        assert line in written
    assert "crossref" not in written and "\\input" not in written
    # a record edited in the library wins over the source data
    (record,) = read_bibtex("@article{k, title = {Old}, note = {old note}}").records
    record.fields["title"] = "New"
    del record.fields["note"]
    assert "Old" not in write_bibtex([record]) and "old note" not in write_bibtex([record])
