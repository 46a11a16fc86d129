"""Free text to a Contributor (:func:`parse_name`), and how the DataCite mapping tells
people from organisations when a creator has only a ``name``."""

from __future__ import annotations

import pytest

from coprodcite.names import parse_name
from coprodcite.sources.datacite import map_datacite


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quill, Ada", {"family": "Quill", "given": "Ada"}),
        ("Ada Quill", {"family": "Quill", "given": "Ada"}),
        ("van der Berg, J.", {"family": "Berg", "given": "J.", "non-dropping-particle": "van der"}),
        ("Vries, J. de", {"family": "Vries", "given": "J.", "non-dropping-particle": "de"}),
        (
            "Anne van der Veen",
            {"family": "Veen", "given": "Anne", "non-dropping-particle": "van der"},
        ),
        ("Wren, Tomasz, Jr.", {"family": "Wren", "given": "Tomasz", "suffix": "Jr."}),
        ("Tomasz Wren Jr.", {"family": "Wren", "given": "Tomasz", "suffix": "Jr."}),
        ("Wren Jr., Tomasz", {"family": "Wren", "given": "Tomasz", "suffix": "Jr."}),
        ("QUILL, ADA", {"family": "Quill", "given": "Ada"}),
        ("Quill AJ", {"family": "Quill", "given": "A. J."}),  # Vancouver style
        ("Plato", {"family": "Plato"}),
        ("Dr. Ada Quill", {"family": "Quill", "given": "Ada"}),
        ("Peer Researchers Collective", {"literal": "Peer Researchers Collective"}),
        ("Consortium for Invented Studies", {"literal": "Consortium for Invented Studies"}),
        ("Anonymous", {"literal": "Anonymous"}),
        ("", {}),
        ("  ,  ", {}),
    ],
)
def test_parse_name(text, expected):
    person = parse_name(text)
    assert person.to_csl() == expected
    assert person.role == "author"
    assert person.original == {"literal": text}


def test_parse_name_literal_and_role():
    group = parse_name("Quill, Ada and Wren, Tomasz", "editor", literal=True)
    assert group.to_csl() == {"literal": "Quill, Ada and Wren, Tomasz"}
    assert group.role == "editor"


def _creator(creator: dict) -> dict:
    payload = {"data": {"attributes": {"doi": "10.5555/x", "creators": [creator]}}}
    return map_datacite(payload).contributors[0].to_csl()


@pytest.mark.parametrize(
    ("creator", "expected"),
    [
        # DataCite corpus (datacite_list_items): name only, no nameType
        ({"name": "Sujeevan Ratnasingham"}, {"given": "Sujeevan", "family": "Ratnasingham"}),
        ({"name": "Jean-François Ponge"}, {"given": "Jean-François", "family": "Ponge"}),
        ({"name": "กัญจนา แซ่เตียว"}, {"given": "กัญจนา", "family": "แซ่เตียว"}),
        ({"name": "Камалов Камал Гаджиевич"}, {"given": "Камал Гаджиевич", "family": "Камалов"}),
        ({"name": "Gandarilla Sarmiento JC"}, {"given": "JC", "family": "Gandarilla Sarmiento"}),
        ({"name": "Nguyen Phuong Cham"}, {"given": "Phuong Cham", "family": "Nguyen"}),
        ({"name": "Dr. Jatinder Grover"}, {"given": "Jatinder", "family": "Grover"}),
        ({"name": "Tiff Van Huysen"}, {"given": "Tiff", "family": "Van Huysen"}),
        ({"name": "Petrelli, Alioscia <1979>"}, {"given": "Alioscia", "family": "Petrelli"}),
        (
            {"name": "Soliyev Murodjon Xokimjon O'g'li"},
            {"given": "Murodjon Xokimjon O'g'li", "family": "Soliyev"},
        ),  # fmt: skip
        ({"name": "Meise Botanic Garden"}, {"literal": "Meise Botanic Garden"}),
        ({"name": "URGI Data"}, {"literal": "URGI Data"}),
        ({"name": "Statistics Canada"}, {"literal": "Statistics Canada"}),
        (
            {"name": "Heiliges Römisches Reich Deutscher Nation"},
            {"literal": "Heiliges Römisches Reich Deutscher Nation"},
        ),  # fmt: skip
        ({"name": "GLIS Of The ITPGRFA"}, {"literal": "GLIS Of The ITPGRFA"}),
        ({"name": "Occdownload Gbif.Org"}, {"literal": "Occdownload Gbif.Org"}),
        ({"name": "APPLAUSE Collaboration"}, {"literal": "APPLAUSE Collaboration"}),
        ({"name": "Volkshochschule Jena"}, {"literal": "Volkshochschule Jena"}),
        ({"name": "(:Unav)"}, {"literal": "(:Unav)"}),
        ({"name": "ORCID EU"}, {"literal": "ORCID EU"}),  # acronyms: no evidence of a person
        ({"name": "Plazi"}, {"literal": "Plazi"}),  # one word: kept whole
        (
            {"name": "Steinemann, Ernesto, Fotograf, -1968"},
            {"literal": "Steinemann, Ernesto, Fotograf, -1968"},
        ),  # fmt: skip
        # evidence from the record: nameType Personal, an ORCID
        ({"name": "YUE SHI", "nameType": "Personal"}, {"given": "YUE", "family": "SHI"}),
        (
            {
                "name": "Ada Quill Wren",
                "nameIdentifiers": [
                    {"nameIdentifier": "0000-0002-1825-0097", "nameIdentifierScheme": "ORCID"}
                ],
            },
            {"given": "Ada Quill", "family": "Wren"},
        ),
        # DataCite corpus: organisations DataCite itself split as Personal
        (
            {
                "name": "Tara Oceans Consortium, Coordinators",
                "nameType": "Personal",
                "givenName": "Coordinators",
                "familyName": "Tara Oceans Consortium",
            },
            {"literal": "Tara Oceans Consortium, Coordinators"},
        ),
        (
            {"name": "Invented Archive", "nameType": "Organizational"},
            {"literal": "Invented Archive"},
        ),
    ],
)
def test_datacite_person_or_organisation(creator, expected):
    assert _creator(creator) == expected
