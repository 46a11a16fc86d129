"""The record model's fast copies behave as ``dataclasses.replace`` would."""

from dataclasses import replace

from coprodcite.model import Contributor


def test_evolve_and_with_person_are_replace_without_the_rebuild():
    c = Contributor(given="Ada", family="Quill", original={"literal": "Quill, Ada"}, person_id=3)
    for changes in ({"family": "Quill-Brook"}, {"person_id": 7}, {"given": None, "literal": "X"}):
        evolved = c.evolve(**changes)
        expected = replace(c, **changes)
        assert evolved == expected and hash(evolved) == hash(expected)
        assert evolved.__dict__ == expected.__dict__
    assert c.family == "Quill" and c.person_id == 3  # the original is untouched
    assert c.with_person(3) is c
    assert c.with_person(None).person_id is None and c.with_person(None).family == "Quill"
