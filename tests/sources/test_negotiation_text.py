"""Content negotiation's CSL-JSON text fields are stored as CSL rich text that other
CSL-JSON readers print as written: an HTML-escaped "&amp;" becomes "&" (issue 16)."""

import pytest

from coprodcite.sources.negotiation import map_csl


@pytest.mark.parametrize(
    "field", ["title", "container-title", "container-title-short", "title-short"]
)
def test_escaped_ampersands_are_stored_as_text(field: str) -> None:
    item = {"type": "article-journal", field: "Trends in Ecology &amp; Evolution"}
    assert map_csl(item).fields[field] == "Trends in Ecology & Evolution"


def test_markup_stays_markup() -> None:
    item = {"type": "article-journal", "title": "The <i>E. coli</i> genome &amp; x &lt;i&gt;"}
    assert map_csl(item).fields["title"] == "The <i>E. coli</i> genome & x &lt;i>"
