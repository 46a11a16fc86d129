"""A suffix sent as the whole family name (Crossref 10.2307/1935365: family "Jr",
given "H. H. Shugart.") is H. H. Shugart Jr.; APA printed "Jr, H. H. S."."""

from __future__ import annotations

import pytest

from coprodcite.model import Contributor
from coprodcite.names import normalise_contributors


@pytest.mark.parametrize(
    ("given", "family", "want"),
    [
        ("H. H. Shugart.", "Jr", ("H. H.", "Shugart", "Jr.")),
        ("John Smith", "III", ("John", "Smith", "III")),
        ("Ann Lee", "sr.", ("Ann", "Lee", "Sr.")),
        # nothing to take the family from: kept as sent
        ("J. S.", "Jr", ("J. S.", "Jr", None)),
        ("John", "Jr", ("John", "Jr", None)),
        ("H. H. Shugart", "V", ("H. H. Shugart", "V", None)),  # V is an initial too
        ("John Smith", "Jones", ("John Smith", "Jones", None)),
    ],
)
def test_suffix_as_family(given: str, family: str, want: tuple[str, str, str | None]) -> None:
    (c,) = normalise_contributors([Contributor(role="author", given=given, family=family)])
    assert (c.given, c.family, c.suffix) == want
