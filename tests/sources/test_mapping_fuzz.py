"""Whatever JSON a service sends, a mapping returns a record or raises FormatError
(which the source chain reports as one line): never another exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprodcite.errors import FormatError
from coprodcite.sources.crossref import map_crossref
from coprodcite.sources.datacite import map_datacite
from coprodcite.sources.negotiation import map_csl

KEYS = [
    "title",
    "subtitle",
    "author",
    "editor",
    "given",
    "family",
    "name",
    "literal",
    "DOI",
    "doi",
    "type",
    "issued",
    "date-parts",
    "message",
    "data",
    "attributes",
    "creators",
    "contributors",
    "titles",
    "publisher",
    "container",
    "nameType",
    "givenName",
    "familyName",
    "ORCID",
    "affiliation",
    "page",
    "volume",
    "publicationYear",
    "dates",
    "types",
    "id",
    "nameIdentifiers",
    "container-title",
    "published-print",
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_values)
def test_mappers_raise_only_format_error(value):
    for mapper in (map_crossref, map_datacite, map_csl):
        try:
            record = mapper(value)
        except FormatError:
            continue
        record.to_csl()
        record.to_json()


def test_a_name_with_an_odd_affiliation_value_maps():
    """Found by Hypothesis: ``affiliation`` as a bool or a string, not a list."""
    from coprodcite.model import contributor_from_csl

    assert (
        contributor_from_csl({"family": "Quill", "affiliation": True}, "author").affiliations == ()
    )
    one = contributor_from_csl({"family": "Quill", "affiliation": "Invented U"}, "author")
    assert one.affiliations == ("Invented U",)
