"""Citations in body text and the entries they are tied to: tables of cases."""

import pytest

from coprodcite.manuscripts.citations import Cited, entry_key, find_citations, resolve

FA = ("Fillingham",)
SJ = ("Smith", "Jones")
CASES = [
    ("as shown (Fillingham et al., 2023).", "(Fillingham et al., 2023)", [(FA, "2023", "")]),
    ("Fillingham et al. (2023) argue", "Fillingham et al. (2023)", [(FA, "2023", "")]),
    (
        "(Smith, 2020a, 2020b; Jones 2019, p. 4)",
        "(Smith, 2020a, 2020b; Jones 2019, p. 4)",
        [(("Smith",), "2020", "a"), (("Smith",), "2020", "b"), (("Jones",), "2019", "")],
    ),
    ("(see Smith & Jones, 2020)", "(see Smith & Jones, 2020)", [(SJ, "2020", "")]),
    ("Smith and Jones (2020) said", "Smith and Jones (2020)", [(SJ, "2020", "")]),
    (
        "(World Health Organization, 2020)",
        "(World Health Organization, 2020)",
        [(("World Health Organization",), "2020", "")],
    ),
    ("as van der Berg (2019) notes", "van der Berg (2019)", [(("van der Berg",), "2019", "")]),
    (
        "(e.g., Smith 2020; Lee and Park, 2018)",
        "(e.g., Smith 2020; Lee and Park, 2018)",
        [(("Smith",), "2020", ""), (("Lee", "Park"), "2018", "")],
    ),
    ("(Smith, 2020, pp. 4–5)", "(Smith, 2020, pp. 4–5)", [(("Smith",), "2020", "")]),
    ("(Smith, n.d.)", "(Smith, n.d.)", [(("Smith",), "n.d.", "")]),
    ("Smith's (2020) view", "Smith's (2020)", [(("Smith",), "2020", "")]),
    ("(García Márquez, 1967)", "(García Márquez, 1967)", [(("García Márquez",), "1967", "")]),
    ("(최호열, 2011)", "(최호열, 2011)", [(("최호열",), "2011", "")]),
    ("как Паршин (2015) писал", "Паршин (2015)", [(("Паршин",), "2015", "")]),
    # "et al." and "and" in other languages
    ("(Müller u. a., 2019)", "(Müller u. a., 2019)", [(("Müller",), "2019", "")]),
    ("selon Dupont et coll. (2018)", "Dupont et coll. (2018)", [(("Dupont",), "2018", "")]),
    ("(García y col., 2017)", "(García y col., 2017)", [(("García",), "2017", "")]),
    ("enligt Berg m.fl. (2016)", "Berg m.fl. (2016)", [(("Berg",), "2016", "")]),
    ("как Иванов и др. (2015)", "Иванов и др. (2015)", [(("Иванов",), "2015", "")]),
    (
        "(Müller und Schmidt, 2020)",
        "(Müller und Schmidt, 2020)",
        [(("Müller", "Schmidt"), "2020", "")],
    ),
    (
        "Jansen en de Vries (2019) tonen",
        "Jansen en de Vries (2019)",
        [(("Jansen", "de Vries"), "2019", "")],
    ),
    # a capitalised particle where the family name stands alone
    (
        "Jansen en De Vries (2019)",
        "Jansen en De Vries (2019)",
        [(("Jansen", "De Vries"), "2019", "")],
    ),
    ("(De Smet, 2018)", "(De Smet, 2018)", [(("De Smet",), "2018", "")]),
    ("(Ortega y Gasset, 1930)", "(Ortega y Gasset, 1930)", [(("Ortega y Gasset",), "1930", "")]),
]


@pytest.mark.parametrize(("text", "written", "expected"), CASES)
def test_author_date_citations(text, written, expected):
    (citation,) = find_citations(text)
    assert citation.text == written
    assert [(c.names, c.year, c.suffix) for c in citation.cited] == expected


@pytest.mark.parametrize("text", ["In 2020 (n=34) we found (p < 0.05)", "(see above)", "[sic]"])
def test_no_citation(text):
    assert find_citations(text) == []


NUMBERED = [
    ("as in [1].", [[1]]),
    ("see [1-3] and [1–3]", [[1, 2, 3], [1, 2, 3]]),
    ("[2, 5, 7]", [[2, 5, 7]]),
    ("[4,6–8]", [[4, 6, 7, 8]]),
    ("array[i] and [sic]", []),
]


@pytest.mark.parametrize(("text", "numbers"), NUMBERED)
def test_numbered_citations(text, numbers):
    assert [[c.number for c in cit.cited] for cit in find_citations(text)] == numbers


ENTRIES = [
    "Fillingham, J., Smith, J. & Sealey, C. (2023) Reflections on making co-production work.",
    "Smith, J. (2020a). First study. Journal, 1, 1-2.",
    "Smith, J. (2020b). Second study. Journal, 2, 1-2.",
    "Smith, K. (2019). A K Smith study. Journal, 3, 1-2.",
    "Smith, P. (2019). A P Smith study. Journal, 3, 3-4.",
    "Smith, J., & Jones, A. (2020). Together. Journal, 4, 5-6.",
    "World Health Organization. (2020). Guidance. Geneva: WHO.",
    "van der Berg, A. (2019). Particles. Journal, 5, 1.",
    "Quill A, Nobody B. Invented Vancouver entry. Invented J. 2018;3(2):10-12.",
    "García Márquez, G. (1967). Cien años de soledad. Sudamericana.",
    "Паршин, Д. А., & Столин, А. М. (2015). Математическое моделирование. Журнал, 1, 1-9.",
]

TIES = [
    (Cited(("Fillingham",), "2023", et_al=True), [0]),
    (Cited(("Smith",), "2020", "a"), [1]),
    (Cited(("Smith",), "2020", "b"), [2]),
    (Cited(("Smith",), "2019", initials="K"), [3]),
    (Cited(("Smith",), "2019", initials="P"), [4]),
    (Cited(("Smith",), "2019"), [3, 4]),  # nothing decides: both
    (Cited(("Smith", "Jones"), "2020"), [5]),
    (Cited(("World Health Organization",), "2020"), [6]),
    (Cited(("van der Berg",), "2019"), [7]),
    (Cited(("Quill", "Nobody"), "2018"), [8]),
    (Cited(("García Márquez",), "1967"), [9]),
    (Cited(("Smith",), "2021"), []),
    (Cited(("Berg",), "2019"), [7]),  # the particle left out
    (Cited(("Паршин", "Столин"), "2015"), [10]),
    (Cited(("Nobody",), "2018"), []),  # not the first author
    (Cited(number=9), [8]),
    (Cited(number=12), []),
]


@pytest.mark.parametrize(("cited", "indexes"), TIES)
def test_citations_tied_to_entries(cited, indexes):
    keys = [entry_key(text) for text in ENTRIES]
    assert resolve(cited, keys) == indexes


def test_a_dash_for_the_authors_before_and_a_given_name_written_out():
    from coprodcite.manuscripts.citations import entry_keys

    entries = [
        "Titangos, Hui-Lan H. 2013a. “One Chapter.” In Invented Book. Invented Press.",
        "———. 2013b. “Another Chapter.” In Invented Book. Invented Press.",
        "---. 2014. A Third. Invented Press.",
        "Titangos, Hui-Lan H., and Ada Quill. 2013. “Written Together.” Invented Journal 2: 1–9.",
    ]
    keys = entry_keys(entries)
    assert [k.several for k in keys] == [False, False, False, True]
    assert resolve(Cited(("Titangos",), "2013", "b"), keys) == [1]
    assert resolve(Cited(("Titangos",), "2014"), keys) == [2]
    # "Titangos (2013)" is Titangos alone, not the work written with Quill
    assert resolve(Cited(("Titangos",), "2013"), keys) == [0, 1]
