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
        (record("社会政策", family="张"), "anon2023"),
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
