"""Reading BibTeX: tables of real snippets (the corpus file each comes from is
named beside it) and of LaTeX, names, types and dates."""

from __future__ import annotations

import pytest

from coprodcite.formats.bibtex import read_bibtex
from coprodcite.formats.bibtex.latex_in import latex_to_rich, latex_to_text
from coprodcite.formats.bibtex.reader import split_names

NOCASE = '<span class="nocase">'


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"The {COVID} pandemic", f"The {NOCASE}COVID</span> pandemic"),
        (r"{{Whole Title Protected}}", f"{NOCASE}Whole Title Protected</span>"),
        (r"Caf{\'e} na\"{\i}ve \c{c}a \ss{} \o{} {\aa}", "Café naïve ça ß ø å"),
        (r"Radim {\v R}eh{\r u}{\v r}ek", "Radim Řehůřek"),  # Wrong_ring-above_import_1115.bib
        (r"Bound Pair in Driven $t$-$J$ Models", "Bound Pair in Driven $t$-$J$ Models"),
        (r"pages 45--50 --- done", "pages 45–50 — done"),
        (r"R \& D at 50\% of \$5", "R &amp; D at 50% of $5"),
        (r"Knuth~D.", "Knuth\u00a0D."),
        (r"``quoted''", "“quoted”"),
        (
            r"\emph{Homo sapiens} and \textit{E.~coli}",
            "<i>Homo sapiens</i> and <i>E.\u00a0coli</i>",
        ),
        (r"{\em Small} \textbf{bold}", "<i>Small</i> <b>bold</b>"),
        (r"\textsc{Nasa} H\textsubscript{2}O x\textsuperscript{2}", None),
        (r"\textit{A {DNA} study}", f"<i>A {NOCASE}DNA</span> study</i>"),
        (r"\unknown{kept} \dropped text", "kept text"),
        ("a <b> & c", "a &lt;b&gt; &amp; c"),
        ("  spaced \n  out  ", "spaced out"),
    ],
)
def test_latex_to_rich_text(latex, rich):
    if rich is None:
        rich = '<span style="font-variant:small-caps;">Nasa</span> H<sub>2</sub>O x<sup>2</sup>'
    assert latex_to_rich(latex) == rich


def test_latex_to_plain_text_drops_formatting_and_protection():
    assert latex_to_text(r"\emph{A} {COVID} \"{o} 1--2") == "A COVID ö 1–2"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sasson, Comilla", {"given": "Comilla", "family": "Sasson"}),
        ("Abella, Benjamin S", {"given": "Benjamin S", "family": "Abella"}),
        ("Ludwig van Beethoven", {"given": "Ludwig", "family": "Beethoven", "particle": "van"}),
        ("van der Berg, Jr, Jan", {"given": "Jan", "family": "Berg", "particle": "van der"}),
        ("D.~E. Knuth", {"given": "D. E.", "family": "Knuth"}),
        (r"Bon{\v c}a, J", {"given": "J", "family": "Bonča"}),  # Math_formatting_lost_...627
        ("{{World Health Organization}}", {"literal": "World Health Organization"}),
        # Literal_names.bib
        ("{Council on Cardiopulmonary, Critical Care, Perioperative and Resuscitation}",
         {"literal": "Council on Cardiopulmonary, Critical Care, Perioperative and Resuscitation"}),
    ],
)  # fmt: skip
def test_name_splitting(written, expected):
    (person,), others = split_names(written, "author")
    assert not others
    assert person.given == expected.get("given")
    assert person.family == expected.get("family")
    assert person.non_dropping_particle == expected.get("particle")
    assert person.literal == expected.get("literal")
    assert person.original == {"literal": written}
    if written.startswith("van der"):
        assert person.suffix == "Jr"


def test_and_others_adds_nobody_and_is_warned_about():
    # jabref-testbib/testjabref.bib, line 617
    text = "@article{who2020,\n  author = {World Health Organization and others},\n}\n"
    result = read_bibtex(text, file="testjabref.bib")
    (record,) = result.records
    assert [c.display_name() for c in record.contributors] == ["World Health Organization"]
    assert record.contributors[0].literal is None  # unbraced: BibTeX splits it as a person
    assert result.warnings == [
        "testjabref.bib:1: 'who2020': author ends in 'and others'; nobody was added"
    ]


def test_an_entry_from_the_corpus():
    # bbt-import-fixtures/Wrong_ring-above_import_1115.bib
    text = r"""@inproceedings{rehurek_lrec,
title = {{Software Framework for Topic Modelling with Large Corpora}},
author = {Radim {\v R}eh{\r u}{\v r}ek and Petr Sojka},
booktitle = {{Proceedings of the LREC 2010 Workshop on New
Challenges for NLP Frameworks}},
pages = {45--50},
year = 2010,
month = May,
day = 22,
publisher = {ELRA},
address = {Valletta, Malta},
url={http://is.muni.cz/publication/884893/en},
language={English}
}
"""
    result = read_bibtex(text, file="ring.bib")
    (record,) = result.records
    assert not result.failures and not result.warnings
    assert record.key == "rehurek_lrec" and record.type == "paper-conference"
    assert record.source == "file:ring.bib"
    assert record.fields == {
        "title": f"{NOCASE}Software Framework for Topic Modelling with Large Corpora</span>",
        "container-title": (
            f"{NOCASE}Proceedings of the LREC 2010 Workshop on New Challenges for NLP"
            " Frameworks</span>"
        ),
        "page": "45–50",
        "publisher": "ELRA",
        "publisher-place": "Valletta, Malta",
        "URL": "http://is.muni.cz/publication/884893/en",
        "language": "English",
        "issued": {"date-parts": [[2010, 5, 22]]},
    }
    assert [(c.given, c.family) for c in record.contributors] == [
        ("Radim", "Řehůřek"),
        ("Petr", "Sojka"),
    ]
    assert record.source_data["ENTRYTYPE"] == "inproceedings"
    assert record.source_data["month"] == "May"  # unknown macro kept as written
    assert record.source_data["author"].startswith(r"Radim {\v R}eh")


def test_string_macros_and_concatenation():
    # bbt-import-fixtures/Spaces_lost_when_expanding_string_variables_during_import_1081.bib
    text = """@string{j = {a space between this }}
@article{key,
    author  = "Author",
    title   = "Title",
    year    = 1990,
    journal = j # "and this"
}
"""
    (record,) = read_bibtex(text).records
    assert record.fields["container-title"] == "a space between this and this"
    assert record.fields["issued"] == {"date-parts": [[1990]]}


def test_macros_from_a_separate_file():
    text = "@article{a, journal = jsw # { (online)}, month = oct, year = 2021}"
    macros = '@string{jsw = "Journal of Social Work"}\n@string{unused = {x}}'
    (record,) = read_bibtex(text, macros=macros).records
    assert record.fields["container-title"] == "Journal of Social Work (online)"
    assert record.fields["issued"] == {"date-parts": [[2021, 10]]}
    # the file's own @string overrides the macros file
    own = '@string{jsw = "Own"}\n' + text
    assert read_bibtex(own, macros=macros).records[0].fields["container-title"] == "Own (online)"


def test_crossref_inheritance():
    # bbt-import-fixtures/Crossrefd_incollection_items_are_missing_date_on_import_3514.bib
    text = """@incollection{Hauck_2011,
\tauthor = {Hauck, Jan David},
\tcrossref = {Hauck_etal_2011},
\tpages = {130-153},
\tshorttitle = {Lenguas, fronteras e ideolog{\\'\\i}a ling{\\"u}{\\'\\i}stica en el Paraguay},
\ttitle = {{Lenguas, fronteras e ideología lingüística en el Paraguay}}}

@book{Hauck_etal_2011,
\tdate = {2011},
\teditor = {Hauck, Jan David and Chiappini, Ligia and Timm, Liana},
\tlocation = {Porto Alegre},
\tpublisher = {Território das Artes},
\tshorttitle = {Fronteiras da integração},
\ttitle = {{Fronteiras da integração}: {dimensões culturais do Mercosul}}}
"""
    child, parent = read_bibtex(text).records
    assert child.type == "chapter" and parent.type == "book"
    assert child.fields["container-title"] == (
        f"{NOCASE}Fronteiras da integração</span>: {NOCASE}dimensões culturais do Mercosul</span>"
    )
    assert child.fields["issued"] == {"date-parts": [[2011]]}
    assert child.fields["publisher-place"] == "Porto Alegre"
    assert (
        child.fields["title-short"] == "Lenguas, fronteras e ideología lingüística en el Paraguay"
    )
    assert [c.family for c in child.names("editor")] == ["Hauck", "Chiappini", "Timm"]
    assert "crossref" in child.source_data and "editor" not in child.source_data


def test_xdata_inheritance_and_a_missing_parent():
    text = """@xdata{pub, publisher = {Invented Press}, location = {Leeds}}
@book{a, title = {A}, xdata = {pub}, crossref = {nowhere}}
"""
    result = read_bibtex(text, file="x.bib")
    book = next(r for r in result.records if r.key == "a")
    assert book.fields["publisher"] == "Invented Press"
    assert result.warnings == ["x.bib:2: 'a': no entry 'nowhere' to inherit from"]


def test_a_bad_block_is_reported_and_the_rest_read():
    text = "@article{good1, title = {One}}\n\n@article{bad, title = {Two}\n@book{good2, title={Three}}\n"  # noqa: E501
    result = read_bibtex(text, file="refs.bib")
    assert [r.key for r in result.records] == ["good1", "good2"]
    (failure,) = result.failures
    assert (failure.file, failure.line) == ("refs.bib", 3)
    assert str(failure).startswith(
        "refs.bib:3: @article 'bad' is not closed: a `}` is missing before line 4,"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("@article{k,\n title = {A,\n year = 2020,\n}\n\n@book{b, title={B}}\n", 1,
         "@article 'k': the value of field 'title' has no closing `}`: it runs on over the"
         " next field at line 3"),
        ("@article{k,\n title = \"A,\n year = 2020}\n@book{b, title={B}}\n", 1,
         "@article 'k': the value of field 'title' has no closing `\"`: it runs on over the"
         " next field at line 3"),
        ('@article{k, title = "A, year = 2020}\n@book{b, title={B}}\n', 1,
         "@article 'k': the value of field 'title' has no closing `\"` before line 2, where"
         " the next block starts"),
        ("@article{k, title = {A}, year = 2020\n\n@book{b, title={B}}\n", 1,
         "@article 'k' is not closed: a `}` is missing before line 3, where the next block"
         " starts"),
        ("@book{b, title={B}}\n@article(k, title = {A}, year = 2020\n", 2,
         "@article 'k' is not closed: a `)` is missing before the end of the file"),
        ("@book{b, title={B}}\n\n@article{k, title = {A}, year}\n", 3,
         "@article 'k': field 'year' has no `=` and no value"),
        ("@article{k, title = {A} {B}, year 2020}\n@book{b, title={B}}", 1,
         "@article 'k': field 'year 2020' has no `=` and no value"),
        ('@article{k, title = {A}, year "2020"}\n@book{b, title={B}}', 1,
         "@article 'k': a field name is not followed by `=`"),
        ('@string{oops}\n@book{b, title={B}}', 1, "@string needs `name = value`"),
        # RefManageR/test.bib
        ("@book{b, title={B}}\n%@inbook{t,\n%  year = 2008,\n%}\n", 2,
         "@inbook 't': its lines start with `%` (commented out?), but BibTeX has no comments"
         " inside a file: delete the entry, or its `%` signs"),
        # bbt-import-fixtures/Import_from_Clipboard_stopped_working_2377.bib
        ("@techreport{T,  title = {R},  , number = {2}}\n@book{b, title={B}}", 1,
         "@techreport 'T': two `,` in a row after field 'title' (an empty field)"),
        # citation-js-plugin-bibtex/different_delimiters.bib
        ('@book{b, title={B}}\n\n@book{c,\n  title = "T",\n  year = 2021\n)', 3,
         "@book 'c' opens with `{` but closes with `)`"),
    ],
)  # fmt: skip
def test_a_bad_block_says_what_is_wrong_and_where(text, line, message):
    result = read_bibtex(text, file="refs.bib")
    assert [r.key for r in result.records] == ["b"]
    (failure,) = result.failures
    assert failure.line == line
    assert failure.message == f"refs.bib:{line}: {message}"


@pytest.mark.parametrize(
    ("text", "fields", "warning"),
    [
        ("@article{k, title = {A} year = 2020}", {"title": "A", "issued": {"date-parts": [[2020]]}},
         "x.bib:1: 'k': a `,` is missing after field 'title'; read as if it were there"),
        ('@article{k,\n title = {A} # " b"\n year = 2020 month = jan}',
         {"title": "A b", "issued": {"date-parts": [[2020, 1]]}},
         "x.bib:2: 'k': a `,` is missing after field 'title', 'year'; read as if it were there"),
        ("@article{k, title = {A}}, year = 2020}", {"title": "A"},
         "x.bib:1: text after the end of entry 'k' looks like more fields (an extra `}` closes"
         " the entry early?); it was not read"),
        ("@article{k, title = {A}, = 2020}", {"title": "A"},
         "x.bib:1: 'k': a value without a field name was not read"),
        ("@article{k, url = {https://x.org/?a=b&c=d}, title = {A = B}}",
         {"URL": "https://x.org/?a=b&c=d", "title": "A = B"}, None),
    ],
)  # fmt: skip
def test_small_mistakes_are_read_through_with_a_warning(text, fields, warning):
    result = read_bibtex(text, file="x.bib")
    (record,) = result.records
    assert record.fields == fields and not result.failures
    assert result.warnings == ([warning] if warning else [])


@pytest.mark.parametrize(
    "text",
    [
        "@incollection{\nyear={2007},\ntitle={Transfer Learning},\nauthor={Ramon, Jan}\n}",
        "@incollection{, year={2007}, title={Transfer Learning}, author={Ramon, Jan}}",
        "@incollection{year={2007}, title={Transfer Learning}, author={Ramon, Jan}}",
    ],
)
def test_an_entry_without_a_key_is_read_and_gets_one_later(text):
    result = read_bibtex(text + "\n@misc{other, title={O}}\n", file="pubs.bib")
    assert not result.failures
    first, other = result.records
    assert first.key is None and first.title == "Transfer Learning"
    assert first.fields["issued"] == {"date-parts": [[2007]]} and other.key == "other"
    assert result.warnings == [
        "pubs.bib:1: @incollection has no key; it gets one made from its first author,"
        " year and title"
    ]


def test_two_entries_without_a_key_are_not_duplicates():
    result = read_bibtex("@book{, title = {A}}\n@book{, title = {B}}\n", file="x.bib")
    assert [r.title for r in result.records] == ["A", "B"]
    assert not any("duplicate" in w for w in result.warnings)


def test_duplicate_keys_are_kept_apart_and_warned_about():
    text = "@article{same, title = {First}}\n@book{same, title = {Second}}\n"
    result = read_bibtex(text, file="d.bib")
    assert [(r.key, r.title) for r in result.records] == [("same", "First"), ("same", "Second")]
    assert result.warnings == ["d.bib:2: duplicate key 'same' (first at line 1); both entries kept"]


def test_comments_preambles_and_strings_are_not_entries():
    text = '@comment{x}\n@preamble{"\\newcommand{\\x}{}"}\n@string{s = {S}}\n% note\n@misc{m, note = s}\n'  # noqa: E501
    result = read_bibtex(text)
    assert [r.key for r in result.records] == ["m"]
    assert result.records[0].fields == {"note": "S"} and result.records[0].type == "document"


@pytest.mark.parametrize(
    ("entry", "csl_type", "extra"),
    [
        ("@phdthesis{k, school = {Uni}}", "thesis", {"genre": "PhD thesis", "publisher": "Uni"}),
        ("@mastersthesis{k}", "thesis", {"genre": "Master's thesis"}),
        ("@thesis{k, type = {mathesis}}", "thesis", {"genre": "Master's thesis"}),
        ("@techreport{k, number = {42}, institution = {NHS}}", "report", {"number": "42", "publisher": "NHS"}),  # noqa: E501
        ("@article{k, number = {3}}", "article-journal", {"issue": "3"}),
        ("@book{k, series = {S}, number = {7}}", "book", {"collection-title": "S", "collection-number": "7"}),  # noqa: E501
        ("@online{k, url = {https://x.org/a_b}, urldate = {2024-02-03}}", "webpage",
         {"URL": "https://x.org/a_b", "accessed": {"date-parts": [[2024, 2, 3]]}}),
        (r"@misc{k, url = {\url{https://x.org/a\_b}}}", "webpage", {"URL": "https://x.org/a_b"}),
        ("@misc{k, doi = {https://doi.org/10.1/X}, url = {u}}", "document", {"DOI": "10.1/X", "URL": "u"}),  # noqa: E501
        ("@conference{k, date = {2020-01/2020-03}}", "paper-conference",
         {"issued": {"date-parts": [[2020, 1], [2020, 3]]}}),
        ("@unpublished{k, year = {in press}}", "manuscript", {"issued": {"raw": "in press"}}),
        ("@inbook{k, booktitle = {B}}", "chapter", {"container-title": "B"}),
        ("@patent{k}", "patent", {}),
        ("@dataset{k, version = {2}}", "dataset", {"version": "2"}),
        ("@software{k}", "software", {}),
        ("@whatever{k, keywords = {a; b}}", "document", {"keyword": "a; b"}),
    ],
)  # fmt: skip
def test_types_and_fields(entry, csl_type, extra):
    (record,) = read_bibtex(entry).records
    assert record.type == csl_type
    assert record.fields == extra


def test_biblatex_roles():
    text = (
        "@book{k, editora = {Quill, Ada}, editoratype = {compiler}, translator = {Wren, Tomasz},"
        " editor = {Berg, Jan}, editortype = {director}}"
    )
    (record,) = read_bibtex(text).records
    roles = [(c.role, c.family, c.source_role) for c in record.contributors]
    assert roles == [
        ("director", "Berg", "editor"),
        ("translator", "Wren", "translator"),
        ("compiler", "Quill", "editora"),
    ]


def test_paragraphs_in_plain_fields():
    # the shape of bbt-import-fixtures/Double_newlines_means_parbreak_2789.bib
    text = "@article{k, abstract = {First  paragraph,\n still first.\n\n  Second \\par Third}}"
    (record,) = read_bibtex(text).records
    assert record.fields["abstract"] == "First paragraph, still first.\n\nSecond\n\nThird"


@pytest.mark.parametrize(
    ("howpublished", "fields"),
    [
        # bbt-import-fixtures and RefManageR files carry these shapes
        (r"\url{https://www.mla.org/Resources}", {"URL": "https://www.mla.org/Resources"}),
        ("http://www.americanrightsatwork.org/blogcategory-275/",
         {"URL": "http://www.americanrightsatwork.org/blogcategory-275/"}),
        (r"\href {https://www.gap-system.org} {\texttt{https://www.gap-system.org}}",
         {"URL": "https://www.gap-system.org"}),
        ("From {IPC} 2008 website", {"medium": "From IPC 2008 website"}),
    ],
)  # fmt: skip
def test_a_url_in_howpublished(howpublished, fields):
    (record,) = read_bibtex("@misc{k, howpublished = {" + howpublished + "}}").records
    assert record.fields == fields
    assert record.type == ("webpage" if "URL" in fields else "document")


def test_biblatex_crossref_with_subtitles():
    # RefManageR/biblatexExamples.bib (westfahl:space and its parent collection)
    text = """@incollection{westfahl:space,
  author       = {Westfahl, Gary},
  title        = {The True Frontier},
  subtitle     = {Confronting and Avoiding the Realities of Space in American
                  Science Fiction Films},
  pages        = {55-65},
  crossref     = {westfahl:frontier},
}
@collection{westfahl:frontier,
  editor       = {Westfahl, Gary},
  title        = {Space and Beyond},
  date         = 2000,
  subtitle     = {The Frontier Theme in Science Fiction},
  publisher    = {Greenwood},
  location     = {Westport, Conn. and London},
}
"""
    child, parent = read_bibtex(text).records
    assert child.fields["title"] == (
        "The True Frontier: Confronting and Avoiding the Realities of Space in American"
        " Science Fiction Films"
    )
    assert child.fields["container-title"] == (
        "Space and Beyond: The Frontier Theme in Science Fiction"
    )
    assert child.fields["issued"] == {"date-parts": [[2000]]}
    assert [(c.role, c.family) for c in child.contributors] == [
        ("author", "Westfahl"),
        ("editor", "Westfahl"),
    ]
    assert parent.type == "book" and "container-title" not in parent.fields
