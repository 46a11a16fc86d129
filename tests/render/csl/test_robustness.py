"""Property: whatever a CSL-JSON item holds, the own engine renders it without raising.

Items are made of arbitrary text (markup, quotes, entities, CJK, lone surrogates are
left out), odd names (particles, literals, empty parts), broken dates and any number
of contributors, in styles that exercise different machinery: author-date with
disambiguation and collapsing (APA, Chicago), numeric (IEEE), note (Chicago notes is
not bundled: MLA's title disambiguation instead).
"""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprodcite.csl_schema import CSL_TYPES
from coprodcite.render import FORMATS, render_bibliography, render_citations

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)).filter(lambda c: c != "\x00"), max_size=30
) | st.sampled_from(
    ['<i>It</i> "q" \'s\'', "&amp; &lt;b&gt;", "<span class=\"nocase\">iPod</span>", "王小明",
     "Ph.D. v. 2-4", "''", '"', "<i>", "</b>", "Co., Ltd.", "a: b; c.", "«x»"]
)  # fmt: skip
_NAME = st.fixed_dictionaries(
    {},
    optional={
        "family": _TEXT,
        "given": _TEXT,
        "non-dropping-particle": st.sampled_from(["van", "de la", "d'", ""]),
        "suffix": st.sampled_from(["Jr.", "III", ""]),
        "literal": _TEXT,
    },
)
_DATE = st.one_of(
    st.fixed_dictionaries(
        {"date-parts": st.lists(st.lists(st.integers(-3000, 3000) | _TEXT, max_size=4), max_size=3)}
    ),
    st.fixed_dictionaries({"raw": _TEXT}),
    st.fixed_dictionaries({"literal": _TEXT}),
    _TEXT,
)
_ITEM = st.fixed_dictionaries(
    {"type": st.sampled_from(sorted(CSL_TYPES))},
    optional={
        "title": _TEXT,
        "container-title": _TEXT,
        "author": st.lists(_NAME, max_size=8),
        "editor": st.lists(_NAME, max_size=3),
        "issued": _DATE,
        "accessed": _DATE,
        "page": _TEXT,
        "volume": _TEXT | st.integers(-5, 10**6),
        "issue": _TEXT,
        "edition": _TEXT | st.integers(0, 30),
        "DOI": _TEXT,
        "URL": _TEXT,
        "publisher": _TEXT,
        "note": _TEXT,
        "language": st.sampled_from(["en", "de-DE", "ja", "fr", ""]),
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
@given(
    st.lists(_ITEM, min_size=1, max_size=5),
    st.sampled_from(["apa", "chicago-author-date", "ieee", "modern-language-association"]),
    st.sampled_from(FORMATS),
    st.lists(st.sampled_from(["locator", "prefix", "suppress-author", "label"]), max_size=3),
)
def test_any_item_renders_without_raising(items, style, fmt, cite_keys):
    items = [{**item, "id": f"i{n}"} for n, item in enumerate(items)]
    cite_extra = {
        "locator": {"locator": "12-14"},
        "prefix": {"prefix": "see <i>also</i> "},
        "suppress-author": {"suppress-author": True},
        "label": {"label": "chapter", "locator": "3"},
    }
    clusters = [[{"id": item["id"], **cite_extra.get(k, {})} for k in cite_keys[:1] or [""]]
                for item in items]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # empty items warn; that is not a failure here
        entries = render_bibliography(items, style, fmt=fmt, cited=clusters)
        cites = render_citations(items, clusters, style, fmt=fmt)
    assert all(isinstance(e, str) for e in entries)
    assert len(cites) == len(clusters)
    assert not [e for e in entries + cites if "could not render" in e], (entries, cites)
