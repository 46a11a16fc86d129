import pytest

from coprodcite.errors import ExitCode, InvalidIdentifier
from coprodcite.identifiers import (
    doi_url_path,
    find_dois,
    normalise_orcid,
    orcid_check_digit,
    parse_doi,
    same_doi,
)

BJSW = "10.1093/bjsw/bcad019"
SICI = "10.1002/(sici)1097-461x(1998)66:4<261::aid-qua1>3.0.co;2-t"

PASTED_FORMS = [
    ("10.1093/bjsw/bcad019", BJSW),
    ("10.1093/BJSW/BCAD019", BJSW),
    ("doi:10.1093/bjsw/bcad019", BJSW),
    ("DOI: 10.1093/bjsw/bcad019", BJSW),
    ("doi 10.1093/bjsw/bcad019", BJSW),
    ("info:doi/10.1093/bjsw/bcad019", BJSW),
    ("urn:doi:10.1093/bjsw/bcad019", BJSW),
    ("https://doi.org/10.1093/bjsw/bcad019", BJSW),
    ("http://doi.org/10.1093/bjsw/bcad019", BJSW),
    ("http://dx.doi.org/10.1093/bjsw/bcad019", BJSW),
    ("https://dx.doi.org/10.1093/bjsw/bcad019/", BJSW),
    ("doi.org/10.1093/bjsw/bcad019", BJSW),
    ("https://doi.org/10.1093%2Fbjsw%2Fbcad019", BJSW),
    ("10.1093%2Fbjsw%2Fbcad019", BJSW),
    ("(10.1093/bjsw/bcad019)", BJSW),
    ("[10.1093/bjsw/bcad019].", BJSW),
    ("<https://doi.org/10.1093/bjsw/bcad019>", BJSW),
    ('"10.1093/bjsw/bcad019",', BJSW),
    ("'10.1093/bjsw/bcad019';", BJSW),
    ("  10.1093/bjsw/bcad019\n", BJSW),
    ("See Fillingham et al. (doi: 10.1093/bjsw/bcad019), published in 2023.", BJSW),
    (
        "https://academic.oup.com/bjsw/article/doi/10.1093/bjsw/bcad019/7161373?x=1",
        BJSW + "/7161373",
    ),
    ("10.1093/bjsw/bcad019\u00ad", BJSW),  # soft hyphen pasted from a PDF
    ("10.1002/(SICI)1097-461X(1998)66:4<261::AID-QUA1>3.0.CO;2-T", SICI),
    ("https://doi.org/10.1002/(SICI)1097-461X(1998)66:4%3C261::AID-QUA1%3E3.0.CO;2-T", SICI),
    ("(10.1016/0001-8708(89)90001-3)", "10.1016/0001-8708(89)90001-3"),
    ("10.1000.10/123456", "10.1000.10/123456"),
    ("https://doi.org/10.5281/zenodo.1234567#citation", "10.5281/zenodo.1234567"),
]


@pytest.mark.parametrize(("text", "expected"), PASTED_FORMS)
def test_parse_doi_accepts_every_pasted_form(text, expected):
    assert parse_doi(text) == expected


NOT_DOIS = [
    "",
    "bcad019",
    "11.1093/bjsw/bcad019",
    "10.12/too-short-prefix",
    "10.1093/",
    "https://academic.oup.com/bjsw/article/53/3/1593/7161373",
    "Fillingham 2023",
]


@pytest.mark.parametrize("text", NOT_DOIS)
def test_parse_doi_rejects_non_dois_quoting_the_input(text):
    with pytest.raises(InvalidIdentifier) as info:
        parse_doi(text)
    assert repr(text) in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == ExitCode.INVALID_INPUT


def test_parse_doi_rejects_text_with_two_dois():
    with pytest.raises(InvalidIdentifier, match="2 DOIs"):
        parse_doi("10.1000/a and 10.1000/b")


def test_find_dois_in_pasted_text_keeps_order_and_drops_repeats():
    text = """References
    1. Fillingham J, et al. Brit J Soc Work. 2023. doi:10.1093/bjsw/bcad019.
    2. https://doi.org/10.5281/ZENODO.1234567, and again 10.1093/BJSW/bcad019;
    """
    assert find_dois(text) == [BJSW, "10.5281/zenodo.1234567"]


def test_dois_compare_case_insensitively():
    assert same_doi("10.1093/BJSW/BCAD019", "https://doi.org/10.1093/bjsw/bcad019")
    assert not same_doi("10.1093/bjsw/bcad019", "10.1093/bjsw/bcad020")


@pytest.mark.parametrize(
    ("doi", "crossref", "expected"),
    [
        (BJSW, False, BJSW),
        ("10.1000/a b", False, "10.1000/a%20b"),
        ("10.1000/50%off", False, "10.1000/50%25off"),
        ('10.1000/say"hi"', False, "10.1000/say%22hi%22"),
        ("10.1000/a#b", False, "10.1000/a%23b"),
        ("10.1000/why?", False, "10.1000/why%3F"),
        (SICI, False, SICI),
        (SICI, True, "10.1002/(sici)1097-461x(1998)66:4%3C261::aid-qua1%3E3.0.co;2-t"),
    ],
)
def test_doi_url_path_encodes_what_the_doi_handbook_says(doi, crossref, expected):
    assert doi_url_path(doi, crossref=crossref) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("http://orcid.org/0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1694-233X", "https://orcid.org/0000-0002-1694-233X"),
        ("0000-0002-1694-233x", "https://orcid.org/0000-0002-1694-233X"),
        ("0000000218250097", "https://orcid.org/0000-0002-1825-0097"),
        ("0000-0002-1825-0098", None),  # wrong check digit
        ("not an orcid", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_orcid(value, expected):
    assert normalise_orcid(value) == expected


def test_orcid_check_digit_iso_7064():
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"
