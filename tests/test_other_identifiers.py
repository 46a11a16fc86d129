"""ISBN, arXiv, PMID and PMCID: parsing, check digits and finding them in text."""

import pytest

from coprodcite.errors import InvalidIdentifier
from coprodcite.identifiers import (
    ARXIV,
    DOI,
    ISBN,
    PMCID,
    PMID,
    Identifier,
    arxiv_doi,
    find_identifiers,
    normalise_isbn,
    scan_identifiers,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("978-0-306-40615-7", "9780306406157"),
        ("9780306406157", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),  # ISBN-10 becomes its ISBN-13
        ("ISBN 0-8044-2957-X", "9780804429573"),  # check character X
        ("ISBN-13: 978-3-16-148410-0", "9783161484100"),
        ("isbn: 0 19 852663 6", "9780198526636"),
        ("978\u20110\u2011306\u201140615\u20117", "9780306406157"),  # non-breaking hyphens
    ],
)
def test_normalise_isbn(written, expected):
    assert normalise_isbn(written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("978-0-306-40615-8", "ISBN 978-0-306-40615-8 has a wrong check digit (8, expected 7)"),
        ("0-306-40615-3", "wrong check digit (3, expected 2)"),
        ("12345", "not an ISBN: '12345'"),
        ("977-0-306-40615-7", "not an ISBN"),  # 13 digits, but not a book prefix
    ],
)
def test_bad_isbns_are_named_in_one_line(written, message):
    with pytest.raises(InvalidIdentifier) as caught:
        normalise_isbn(written)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        # bare, as one command-line argument
        ("2301.00001v2", Identifier(ARXIV, "2301.00001")),
        ("0704.0001", Identifier(ARXIV, "0704.0001")),
        ("arXiv:1706.03762", Identifier(ARXIV, "1706.03762")),
        ("hep-th/9901001", Identifier(ARXIV, "hep-th/9901001")),
        ("math.GT/0309136v1", Identifier(ARXIV, "math.gt/0309136")),
        ("https://arxiv.org/abs/2301.00001", Identifier(ARXIV, "2301.00001")),
        ("https://arxiv.org/pdf/2301.00001v3", Identifier(ARXIV, "2301.00001")),
        ("31452104", Identifier(PMID, "31452104")),
        ("PMID: 31452104", Identifier(PMID, "31452104")),
        ("https://pubmed.ncbi.nlm.nih.gov/31452104/", Identifier(PMID, "31452104")),
        ("PMC6710286", Identifier(PMCID, "PMC6710286")),
        ("pmc6710286", Identifier(PMCID, "PMC6710286")),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6710286/", Identifier(PMCID, "PMC6710286")),
        ("0-306-40615-2", Identifier(ISBN, "9780306406157")),
        ("9780306406157", Identifier(ISBN, "9780306406157")),
        ("doi:10.1093/BJSW/bcad019", Identifier(DOI, "10.1093/bjsw/bcad019")),
        ("10.48550/arXiv.2301.00001", Identifier(DOI, "10.48550/arxiv.2301.00001")),
    ],
)
def test_one_argument_is_one_identifier(argument, expected):
    assert find_identifiers(argument, whole=True) == [expected]


def test_a_bare_isbn_argument_with_a_wrong_check_digit_is_an_error():
    found, errors = scan_identifiers("9780306406158", whole=True)
    assert found == []
    assert [e.message for e in errors] == [
        "ISBN 9780306406158 has a wrong check digit (8, expected 7)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vaswani A et al. Attention is all you need. arXiv:1706.03762 [cs.CL]; "
            "PMID: 31452104; PMCID: PMC6710286.",
            ["arXiv:1706.03762", "PMID 31452104", "PMC6710286"],
        ),
        (
            "Sealey C (2022) Social policy. Bristol: Policy Press. ISBN 978-0-306-40615-7.",
            ["ISBN 9780306406157"],
        ),
        # an unlabelled 978 number is an ISBN; an ISBN inside a DOI is the DOI's
        (
            "Book 978 0 306 40615 7 and 10.1007/978-3-030-12345-6_7",
            ["ISBN 9780306406157", "10.1007/978-3-030-12345-6_7"],
        ),
    ],
)
def test_identifiers_in_running_text(text, expected):
    assert [str(i) for i in find_identifiers(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "British Journal of Social Work, 53(3), pp. 1593.1601",  # not an arXiv id
        "Lancet. 2020;395:31452104",  # a number is not a PMID without its label
        "Published 2023. 0306406152 copies sold",  # nor an unlabelled ISBN-10
    ],
)
def test_numbers_in_references_are_not_identifiers(text):
    assert find_identifiers(text) == []


def test_a_labelled_isbn_with_a_bad_check_digit_is_reported_in_text():
    found, errors = scan_identifiers("Policy Press. ISBN 978-0-306-40615-8.")
    assert found == []
    assert len(errors) == 1 and "wrong check digit" in errors[0].message


def test_arxiv_doi():
    assert arxiv_doi("2301.00001") == "10.48550/arxiv.2301.00001"
    assert arxiv_doi("hep-th/9901001") == "10.48550/arxiv.hep-th/9901001"
