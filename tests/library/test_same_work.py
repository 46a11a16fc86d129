"""Which records are the same work: a shared DOI is not enough when the titles differ."""

import pytest

from coprodcite.errors import InvalidInput
from coprodcite.library import open_library
from coprodcite.library.same_work import titles_agree
from coprodcite.model import Contributor, Record, RoleAssignment

BOOK_DOI = "10.5555/invented.book"


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Raman Spectroscopy on Semiconductor Nanowires", "Phonon Confinement in Nanowires", False),
        ("Grain Boundary Networks", "Present State of Electron Backscatter Diffraction", False),
        ("Reflections on co-production", "REFLECTIONS ON CO-PRODUCTION", True),
        ("Réflexions sur la coproduction", "Reflexions sur la co-production", True),
        ("High-e Ffi Ciency Harmonic Generation", "High Efficiency Harmonic Generation", True),
        ("Making co-production work: a practical guide", "Making co-production work", True),
        ("Making co-production work", "Making co-production work in social care", True),
        ("Introduction", "Introduction to invented methods", False),  # too short a head
        ("Co-production in practise", "Co-production in practice", True),  # one letter
        ("Chapter 1", "Chapter 2", False),
        ("", "Anything at all", True),  # one side has no title
        (None, "Anything at all", True),
        ("王小明的研究", "王小明的研究", True),  # not ASCII: still compared, not empty
        ("王小明的研究", "李华的书", False),
    ],
)
def test_titles_agree(a, b, agree):
    assert titles_agree(a, b) is agree
    assert titles_agree(b, a) is agree


def chapter(title, family, key=None, doi=BOOK_DOI):
    fields = {"title": title, "issued": {"date-parts": [[2010]]}, "container-title": "Nanowires"}
    if doi:
        fields["DOI"] = doi
    return Record(
        type="chapter",
        key=key,
        fields=fields,
        contributors=[Contributor(given="Ada", family=family)],
        source="file",
    )


@pytest.fixture
def lib(library_location):
    library = open_library(library_location)
    yield library
    library.close()


def test_chapters_sharing_their_books_doi_are_different_works(lib):
    first = lib.save(chapter("Raman spectroscopy on invented wires", "Quill"))
    second = lib.save(chapter("Phonons in invented wires", "Wren"))
    assert (first.outcome, second.outcome) == ("added", "added")
    # the same chapter again, its title written otherwise: one work
    again = lib.save(chapter("RAMAN SPECTROSCOPY ON INVENTED WIRES", "Quill"))
    assert again.outcome == "exists" and again.record.key == first.record.key
    # a record of the same DOI without a title is taken as the first of them
    untitled = lib.save(chapter("", "Quill"))
    assert untitled.outcome == "exists" and untitled.record.key == first.record.key
    assert lib.count() == 2


def test_save_many_with_merge_brings_each_chapter_in(lib):
    lib.save(chapter("Raman spectroscopy on invented wires", "Quill"))
    results = lib.save_many(
        [
            chapter("Raman spectroscopy on invented wires", "Quill"),
            chapter("Phonons in invented wires", "Wren"),
        ],
        merge=True,
    )
    assert [r.outcome for r in results] == ["exists", "added"]
    assert lib.count() == 2


def test_a_shared_doi_names_no_single_record(lib):
    lib.save(chapter("Raman spectroscopy on invented wires", "Quill", key="quill2010raman"))
    assert lib.get(BOOK_DOI).key == "quill2010raman"
    lib.save(chapter("Phonons in invented wires", "Wren", key="wren2010phonons"))
    with pytest.raises(InvalidInput, match="DOI of 2 records .quill2010raman, wren2010phonons."):
        lib.get(BOOK_DOI)
    assert lib.get("wren2010phonons").doi == BOOK_DOI
    assert lib.find(BOOK_DOI).key == "quill2010raman"  # the oldest, for `add`'s check


def test_refresh_never_overwrites_another_work_with_the_same_doi(lib):
    lib.save(chapter("Raman spectroscopy on invented wires", "Quill", key="quill2010raman"))
    book = lib.save(chapter("Nanowires", "Editor"), refresh=True)
    assert book.outcome == "added"
    assert lib.get("quill2010raman").title == "Raman spectroscopy on invented wires"


def test_a_role_on_a_shared_doi_record_is_kept_apart(lib):
    lib.save(chapter("Raman spectroscopy on invented wires", "Quill", key="quill2010raman"))
    lib.save(chapter("Phonons in invented wires", "Wren", key="wren2010phonons"))
    wren = lib.get("wren2010phonons").contributors[0].person_id
    lib.add_role(RoleAssignment("credit:investigation", wren, "wren2010phonons", 1))
    assert lib.roles(record_key="quill2010raman") == []


def test_the_registered_metadata_of_a_doi_is_one_work_whatever_its_title(lib):
    fetched = chapter("Raman spectroscopy on invented wires", "Quill")
    fetched.source = "crossref"
    lib.save(fetched)
    corrected = chapter("Raman spectroscopy of invented nanowires, corrected", "Quill")
    corrected.source = "crossref"
    assert lib.save(corrected).outcome == "exists"
    assert lib.save(corrected, refresh=True).outcome == "updated"
    from_a_file = chapter("Phonons in invented wires", "Wren")
    assert lib.save(from_a_file).outcome == "added"
    assert lib.count() == 2
