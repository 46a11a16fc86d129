import pytest

from coprodcite.library.keys import ascii_fold, base_key, unique_key
from coprodcite.model import Contributor, Record


def record(title, year=2023, **person):
    fields = {"title": title}
    if year:
        fields["issued"] = {"date-parts": [[year]]}
    people = [Contributor(**person)] if person else []
    return Record(type="article-journal", fields=fields, contributors=people)


@pytest.mark.parametrize(
    ("rec", "expected"),
    [
        (
            record("Reflections on Making Co-production Work", family="Fillingham", given="Joy"),
            "fillingham2023reflections",
        ),
        (record("The Reality of Co-production", family="Smith"), "smith2023reality"),
        (record("A <i>Drosophila</i> study", family="Müller"), "muller2023drosophila"),
        (record("On the origin", family="Vries", non_dropping_particle="de"), "devries2023origin"),
        (
            record("Annual report", literal="Social Care Institute for Excellence"),
            "social2023annual",
        ),
        (record("Untitled", year=None, family="Ng"), "ngnduntitled"),
        (record("The", family="Ng"), "ng2023the"),
        (record("社会政策", family="张"), "zhang2023she"),
        (record("Logika", family="Łukasiewicz", year=2020), "lukasiewicz2020logika"),
        (record("Теория игр", family="Иванов", year=2020), "ivanov2020teoriya"),
        (record("Ἰλιάς", family="Ὅμηρος", year=2020), "homiros2020ilias"),
        (record("สังคมวิทยา", family="สมชาย", year=2020), "smchay2020sangkhmwithya"),
        (record("日本の社会", family="山田", year=2020), "shantian2020ri"),
        (record("Health &amp; Social Care", family="O'Neill"), "oneill2023health"),
    ],
)
def test_base_key(rec, expected):
    assert base_key(rec) == expected


def test_unique_key_adds_letters():
    taken = {"smith2023reality", "smith2023realitya"}
    assert unique_key("smith2023reality", taken.__contains__) == "smith2023realityb"
    assert unique_key("jones2020x", taken.__contains__) == "jones2020x"


def test_unique_key_never_runs_out():
    taken = {"k"} | {"k" + chr(c) for c in range(ord("a"), ord("z") + 1)}
    taken |= {
        "k" + a + b for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"
    }
    assert unique_key("k", taken.__contains__) == "kaaa"


def test_ascii_fold():
    assert ascii_fold("Ærø Straße-Ünïcode") == "aerostrasseunicode"
    assert ascii_fold("Ł́") == ascii_fold("Ł") + ascii_fold("́")


def test_keys_already_given_never_change(library_location):
    from coprodcite.library import open_library

    def logika(doi: str, key: str | None = None) -> Record:
        rec = record("Logika", year=2020, family="Łukasiewicz")
        rec = rec.copy_with(fields={**rec.fields, "DOI": doi})
        return rec.copy_with(key=key) if key else rec

    path = library_location
    lib = open_library(path)
    try:  # the key an earlier version gave (letters outside ASCII dropped)
        assert lib.save(logika("10.1000/old", key="ukasiewicz2020logika")).record.key == (
            "ukasiewicz2020logika"
        )
        assert lib.save(logika("10.1000/new")).record.key == "lukasiewicz2020logika"
    finally:
        lib.close()
    lib = open_library(path)
    try:
        refreshed = lib.save(logika("10.1000/old"), refresh=True)
        assert refreshed.outcome == "updated"
        assert refreshed.record.key == "ukasiewicz2020logika"
        assert sorted(r.key for r in lib.records()) == [
            "lukasiewicz2020logika",
            "ukasiewicz2020logika",
        ]
    finally:
        lib.close()
