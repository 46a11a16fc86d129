import pytest

from coprodcite.errors import StyleError
from coprodcite.render import render_bibliography, render_citations
from coprodcite.render.credit import ET_AL_ATTRIBUTES, full_credit_style
from coprodcite.render.styles import resolve_style

FAMILIES = ["Quill", "Wren", "Marsh", "Okoro", "Lind", "Fenn", "Hale", "Rook", "Vale", "Birch"]
FAMILIES += ["Moss", "Reed", "Pike", "Snow", "Teal", "Ash", "Dale", "Gale", "Hart", "Wild", "Yew"]
ITEM = {
    "id": "quill2024invented",
    "type": "book",
    "title": "An invented co-produced book",
    "publisher": "Invented Press",
    "issued": {"date-parts": [[2024]]},
    "author": [{"family": f, "given": "A."} for f in FAMILIES],
}


def style_xml(name):
    source = resolve_style(name)
    return source.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name", ["apa", "harvard-cite-them-right", "vancouver", "chicago-author-date"]
)
def test_every_et_al_attribute_is_removed_and_the_rest_kept(name):
    xml = style_xml(name)
    out = full_credit_style(xml)
    assert not any(f'{a}="' in out for a in ET_AL_ATTRIBUTES)
    assert out.count("<ns0:macro ") == xml.count("<macro ")
    assert full_credit_style(out) == out  # idempotent


def test_attributes_go_from_style_citation_bibliography_and_name():
    xml = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" et-al-min="3">
  <!-- a comment -->
  <citation et-al-min="4" et-al-use-first="1" et-al-subsequent-min="3"
            et-al-subsequent-use-first="1"><layout><names variable="author">
      <name et-al-min="2" et-al-use-first="1" et-al-use-last="true" form="short"/>
  </names></layout></citation>
  <bibliography et-al-min="8" et-al-use-first="7"><layout><text value="x"/></layout></bibliography>
</style>"""
    out = full_credit_style(xml)
    assert "et-al" not in out
    assert 'form="short"' in out and 'class="in-text"' in out


def test_not_xml_is_a_style_error():
    with pytest.raises(StyleError, match="cannot read the style"):
        full_credit_style("<style>")


def test_full_credit_lists_every_name_where_the_style_truncates():
    plain = render_bibliography([ITEM], "apa")[0]
    full = render_bibliography([ITEM], full_credit_style(style_xml("apa")))[0]
    assert "Wild" not in plain and "…" in plain
    assert all(f in full for f in FAMILIES)
    cite = render_citations([ITEM], [[{"id": ITEM["id"]}]], full_credit_style(style_xml("apa")))
    assert "et al." not in cite[0] and all(f in cite[0] for f in FAMILIES)
