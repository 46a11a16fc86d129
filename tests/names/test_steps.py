"""Each step of the names pipeline on its own: tables of cases."""

from __future__ import annotations

import pytest

from coprodcite.model import Contributor
from coprodcite.names.case import is_all_caps, recase, recase_words
from coprodcite.names.cjk import fix_order, is_cjk
from coprodcite.names.initials import is_initials, normalise_given
from coprodcite.names.orgs import is_placeholder, looks_like_organisation
from coprodcite.names.particles import normalise_suffix, split_family, split_given, split_suffix
from coprodcite.names.text import clean


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Smith* ", "Smith"),
        ("Lee†", "Lee"),
        ("P ² Hoole", "P Hoole"),  # DataCite corpus
        ("And C. Zimmermann", "C. Zimmermann"),  # DataCite corpus, split author list
        ("Khulood A. Al-Siary.", "Khulood A. Al-Siary"),  # DataCite corpus
        ("Montana.", "Montana"),  # Crossref corpus (library catalogue form)
        ("J.", "J."),
        ("Jr.", "Jr."),
        ("B.YU.", "B.YU."),
        (", H.", "H."),
        ("Ada\u200bQuill", "AdaQuill"),
        ("Cafe\u0301", "Café"),  # NFC
        ("Damtew1", "Damtew"),  # Crossref corpus: footnote number
        ("", None),
        ("  ; ", None),
        (None, None),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_clean_keeps_a_full_stop_in_given_names():
    assert clean("Norsiah Abd.", given=True) == "Norsiah Abd."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KELLY", "Kelly"),
        ("MCDONALD", "McDonald"),
        ("MACLEOD", "MacLeod"),
        ("MACHADO", "Machado"),
        ("MACK", "Mack"),
        ("O'NEILL", "O'Neill"),
        ("D'ANGELO", "D'Angelo"),
        ("JEAN-PIERRE", "Jean-Pierre"),
        ("VAN DER BERG", "van der Berg"),
        ("DE LA TORRE", "de la Torre"),
        ("SMITH III", "Smith III"),
        ("ЗАЯЦ", "Заяц"),
        ("THOMAS E.", "Thomas E."),
        ("bell hooks", "bell hooks"),
        ("McDonald", "McDonald"),
        ("DiCaprio", "DiCaprio"),
    ],
)
def test_recase(raw, expected):
    assert recase(raw) == expected


def test_recase_words_in_a_mixed_name():
    assert recase_words("Changsun KIM") == "Changsun Kim"
    assert recase_words("Al HAMDANI") == "Al Hamdani"


def test_is_all_caps():
    assert is_all_caps("KELLY") and is_all_caps("O'NEILL")
    assert not is_all_caps("J.") and not is_all_caps("Kelly") and not is_all_caps("김려실")


@pytest.mark.parametrize(
    ("raw", "mixed", "expected"),
    [
        ("J.R.", True, "J. R."),
        ("J R", True, "J. R."),
        ("JR", True, "J. R."),
        ("J", True, "J."),
        ("H.J.H.", True, "H. J. H."),
        ("B.YU.", True, "B. Yu."),
        ("M.-C.", True, "M.-C."),
        ("John R", True, "John R."),
        ("Jean-Pierre", True, "Jean-Pierre"),
        ("AMY", False, "AMY"),  # a name in capitals, recased later
        ("MK", False, "M. K."),  # no vowel: initials even in an all-caps name
        ("B.S", True, "B. S."),
    ],
)
def test_normalise_given(raw, mixed, expected):
    assert normalise_given(raw, mixed_case=mixed) == expected


def test_is_initials():
    assert is_initials("J. R.") and is_initials("M.-C.")
    assert not is_initials("John") and not is_initials(None)


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ("van der Veen", ("van der", "Veen")),
        ("d’Ayala", ("d’", "Ayala")),
        ("al-Hakim", ("al-", "Hakim")),
        ("de Oliveira Moraes", ("de", "Oliveira Moraes")),
        ("Van Buren", (None, "Van Buren")),
        ("van", (None, "van")),
        ("delValle", (None, "delValle")),
    ],
)
def test_split_family(family, expected):
    assert split_family(family) == expected


def test_split_given_and_suffixes():
    assert split_given("Ludwig van") == ("Ludwig", "van")
    assert split_suffix("Smith Jr.") == ("Smith", "Jr.")
    assert split_suffix("Robert E., Jr", roman=False) == ("Robert E.", "Jr.")
    assert split_suffix("J. V", roman=False) == ("J. V", None)
    assert normalise_suffix("iii") == "III" and normalise_suffix("M.D.") == "M.D."


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Meise Botanic Garden", True),
        ("GLIS Of The ITPGRFA", True),
        ("Occdownload Gbif.Org", True),
        ("Volkshochschule Jena", True),
        ("Swissair Photo AG", True),
        ("European Research Council", True),
        ("Smith and Jones", True),
        ("Sujeevan Ratnasingham", False),
        ("Maria de Souza", False),
        ("Kerstin Jon-And", False),
        ("Yunieff AG", False),
    ],
)
def test_looks_like_organisation(text, organisation):
    assert looks_like_organisation(text) is organisation


@pytest.mark.parametrize(
    "text", ["(:Unav)", "Unknown", "[S.N.]", "&NA;", "Et Al.", "No Name Supplied", "Anonymous"]
)
def test_placeholders(text):
    assert is_placeholder(text)


def test_cjk():
    assert is_cjk("王小明") and is_cjk("김려실") and is_cjk("山田たろう")
    assert not is_cjk("Wang") and not is_cjk("")
    assert fix_order("王", "小明") == ("小明", "王")
    assert fix_order("小明", "王") == ("小明", "王")


def test_an_empty_contributor_stays_empty():
    from coprodcite.names import normalise_contributor

    assert normalise_contributor(Contributor(given="  ", family=";")).is_empty
