"""The one reader of CSL rich-text markup (coprodcite.rich_text)."""

from __future__ import annotations

import pytest

from coprodcite.rich_text import strip_tags, tags


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("<i>x</i>", [("i", False, "i"), ("i", True, "i")]),
        ("<b><sup>2</sup></b>", [("b", False, "b"), ("sup", False, "sup"),
                                 ("sup", True, "sup"), ("b", True, "b")]),
        ("<sc>Nasa</sc>", [("sc", False, "sc"), ("sc", True, "sc")]),
        ('<span class="nocase">pH</span>', [("span", False, "nocase"), ("span", True, "span?")]),
        ("<span class='nodecor'>x</span>", [("span", False, "nodecor"), ("span", True, "span?")]),
        ('<span style="font-variant: small-caps;">x</span>', [("span", False, "sc"),
                                                             ("span", True, "span?")]),
        ('<span style="font-style:italic">x</span>', [("span", False, "i"),
                                                     ("span", True, "span?")]),
        ('<span style="font-weight:bold">x</span>', [("span", False, "b"),
                                                    ("span", True, "span?")]),
        ('<span id="x">y</span>', [("span", False, "span?"), ("span", True, "span?")]),
        ('<i class="x">y</i>', [("i", False, None), ("i", True, "i")]),  # attributes: text
        ("<u>x</u> <em>y</em> a < b", []),  # not CSL rich text
    ],
)  # fmt: skip
def test_tags_and_what_they_mean(text: str, want: list[tuple[str, bool, str | None]]) -> None:
    assert [(t.name, t.closing, t.kind) for t in tags(text)] == want
    for tag in tags(text):
        assert text[tag.start : tag.end] == tag.raw


def test_strip_tags() -> None:
    assert strip_tags('<i>E. coli</i> &amp; <span class="nocase">pH</span>') == "E. coli &amp; pH"
