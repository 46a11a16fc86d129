"""The keys .tex, .aux and .bcf files cite."""

import pytest

from coprodcite.errors import FormatError
from coprodcite.manuscripts.cited import cited_keys, tex_keys


@pytest.mark.parametrize(
    ("tex", "keys"),
    [
        (r"\cite{a}", ["a"]),
        (r"\cite{a, b,c}", ["a", "b", "c"]),
        (r"\parencite[see][p. 4]{a}", ["a"]),
        (r"\textcite{a} \autocite[12]{b} \footcite{c} \smartcite{d} \supercite{e}",
         ["a", "b", "c", "d", "e"]),
        (r"\Textcite{a} \Parencite*{b} \cite*{c}", ["a", "b", "c"]),
        (r"\citet{a} \citep[p.~2]{b} \citealt{c} \citealp{d} \citeauthor{e} \citeyear{f}",
         ["a", "b", "c", "d", "e", "f"]),
        (r"\parencites(pre)(post)[p. 1]{a}[p. 2]{b} then", ["a", "b"]),
        (r"\cites{a}{b}{c}", ["a", "b", "c"]),
        (r"\nocite{*}", ["*"]),
        ("% \\cite{commented}\n\\cite{live} 50\\% \\cite{after}", ["live", "after"]),
        (r"\cite{a}{not-a-key}", ["a"]),
        (r"\cite{doe:2020.x/y}", ["doe:2020.x/y"]),
    ],
)  # fmt: skip
def test_tex(tex, keys):
    assert [k for k, _ in tex_keys(tex)] == keys


def test_lines_are_those_of_the_first_citation():
    assert tex_keys("a\n\\cite{x}\n\\cite{y,x}\n") == [("x", 2), ("y", 3)]


def test_aux_and_biblatex_aux():
    aux = "\\relax\n\\citation{a,b}\n\\abx@aux@cite{0}{c}\n\\bibdata{refs}\n"
    assert [k for k, _ in cited_keys(aux, "paper.aux")] == ["a", "b", "c"]


def test_a_cut_off_aux_is_an_error():
    with pytest.raises(FormatError, match=r"paper.aux:3: the file is cut off"):
        cited_keys("\\relax\n\\citation{a}\n\\citation{b,c", "paper.aux")


def test_bcf():
    bcf = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bcf:controlfile xmlns:bcf="https://sourceforge.net/projects/biblatex">'
        '<bcf:section number="0"><bcf:citekey order="1">a</bcf:citekey>'
        '<bcf:citekey order="2">b</bcf:citekey><bcf:citekey order="3">a</bcf:citekey>'
        "</bcf:section></bcf:controlfile>"
    )
    assert [k for k, _ in cited_keys(bcf, "paper.bcf")] == ["a", "b"]
    with pytest.raises(FormatError, match="paper.bcf:2: not a biblatex control file"):
        cited_keys(bcf[:120], "paper.bcf")


def test_markdown_and_unknown_kinds():
    assert cited_keys('---\nnocite: "@z"\n---\n[@a; @b] @a\n', "p.md") == [
        ("a", 4),
        ("b", 4),
        ("z", 1),
    ]
    with pytest.raises(FormatError, match="cannot tell what .odt cites"):
        cited_keys("", "paper.odt")
