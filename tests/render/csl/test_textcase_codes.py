"""Title case leaves a lone letter written together with digits (a karyotype, a
p-value): Chicago printed "Robertsonian Translocation T(13;17)"."""

from __future__ import annotations

import pytest

from tests.render.csl.test_textcase import cased


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a translocation t(13;17) in pigs", "A Translocation t(13;17) in Pigs"),
        ("effects at p=0.05 in mice", "Effects at p=0.05 in Mice"),
        # a lone letter is left as typed, as citeproc-js leaves it (type "Vitamin D")
        ("vitamin d in the int j", "Vitamin d in the Int j"),
        ("a t test and a z score", "A t Test and a z Score"),
        ("the p53 gene", "The p53 Gene"),
    ],
)
def test_lone_letter_in_a_code(text: str, expected: str) -> None:
    assert cased(text, "title") == expected
