"""Names: particle parsing, initials, name order and name-part formatting, et-al, "and",
labels and substitution.

Expectations come from the CSL 1.0.2 specification and the test-suite fixtures named
in the comments (/work/shared/csl-test-suite/humans/).
"""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render.csl import api
from coprodcite.render.csl.name_initials import initialize, normalize
from coprodcite.render.csl.reference import _clean_name
from coprodcite.render.styles import resolve_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note"{style}>
{locale}<citation><layout delimiter="; ">{layout}</layout></citation></style>"""


def cite(
    names: list[dict[str, Any]] | dict[str, list[dict[str, Any]]],
    layout: str,
    *,
    style: str = "",
    terms: str = "",
    item: dict[str, Any] | None = None,
) -> str:
    """The citation (text) of one book with ``names`` as author (or as given by role)."""
    roles = names if isinstance(names, dict) else {"author": names}
    locale = f"<locale><terms>{terms}</terms></locale>" if terms else ""
    xml = STYLE.format(style=style, locale=locale, layout=layout)
    record = {"id": "a", "type": "book", **roles, **(item or {})}
    out = api.citations([record], [[{"id": "a"}]], resolve_style(xml), locale=None, fmt="text")
    return out[0]


def name(attrs: str = "", parts: str = "", names: str = "") -> str:
    return f'<names variable="author"{names}><name {attrs}>{parts}</name></names>'


DOE = {"family": "Doe", "given": "John"}
ROE = {"family": "Roe", "given": "Jane"}
SMITH = {"family": "Smith", "given": "Sam"}


# -- parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"family": "van der Vlist", "given": "Eric"},
            {"family": "Vlist", "given": "Eric", "non-dropping-particle": "van der"},
        ),
        (  # name_HyphenatedNonDroppingParticle1
            {"family": "al-One", "given": "Alan"},
            {"family": "One", "given": "Alan", "non-dropping-particle": "al-"},
        ),
        (  # name_ParsedNonDroppingParticleWithApostrophe
            {"family": "d'Aubignac", "given": "François"},
            {"family": "Aubignac", "given": "François", "non-dropping-particle": "d'"},
        ),
        (  # name_ParseNames
            {"family": "Humboldt", "given": "Alexander von"},
            {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"},
        ),
        (  # capitalised words are not particles
            {"family": "La Fontaine", "given": "Jean"},
            {"family": "La Fontaine", "given": "Jean"},
        ),
        (  # name_ParticleCaps3: a quoted family name is not parsed
            {"family": '"Van Dyke"', "given": "Dick"},
            {"family": "Van Dyke", "given": "Dick"},
        ),
        (  # a suffix after a comma; "!" asks for the comma in print
            {"family": "Doe", "given": "John,! Jr."},
            {"family": "Doe", "given": "John", "suffix": "Jr.", "comma-suffix": True},
        ),
        (  # no given name: nothing is parsed
            {"family": "van Gogh"},
            {"family": "van Gogh"},
        ),
        (
            {"family": "van Gogh", "given": "Vincent", "parse-names": False},
            {"family": "van Gogh", "given": "Vincent", "parse-names": False},
        ),
    ],
)
def test_particles_and_suffixes_are_parsed_as_citeproc_js_does(
    raw: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert _clean_name(raw) == expected


# -- initials ----------------------------------------------------------------------

# name_InitialsInitializeTrue*/False*: given -> (" ", "", ".", ". ")
INITIALS = [
    ("ME", ("M", "M", "M.", "M."), ("ME", "ME", "ME", "ME")),
    ("M.E", ("M E", "ME", "M.E.", "M. E."), ("M E", "ME", "M.E.", "M. E.")),
    (
        "John M.E.",
        ("J M E", "JME", "J.M.E.", "J. M. E."),
        ("John M E", "John ME", "John M.E.", "John M. E."),
    ),
    ("Me.", ("Me", "Me", "Me.", "Me."), ("Me", "Me", "Me.", "Me.")),
    (
        "Ph. M.E.",
        ("Ph M E", "PhME", "Ph.M.E.", "Ph. M. E."),
        ("Ph M E", "PhME", "Ph.M.E.", "Ph. M. E."),
    ),
]


@pytest.mark.parametrize(("given", "initialized", "normalized"), INITIALS)
def test_initials_keep_abbreviations_as_written(
    given: str, initialized: tuple[str, ...], normalized: tuple[str, ...]
) -> None:
    marks = (" ", "", ".", ". ")
    assert tuple(initialize(given, mark) for mark in marks) == initialized
    assert tuple(normalize(given, mark) for mark in marks) == normalized


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Jean-Paul", "J.-P."),
        ("Guo-ping", "G."),  # name_LowercaseSurnameSuffix: lowercase part dropped
        ("TSerendorjiin", "Ts."),  # name_LongAbbreviation
        ("J.B. de C.M.", "J. B. de C. M."),  # name_CeltsAndToffsCrowdedInitials
        ("太郎", "太郎"),  # not a script with initials
    ],
)
def test_initialize(given: str, expected: str) -> None:
    assert initialize(given, ". ") == expected


def test_initialize_without_hyphen() -> None:
    assert initialize("Jean-Paul", ". ", hyphen=False) == "J. P."


# -- one name ----------------------------------------------------------------------


def test_particles_take_the_formatting_of_their_name_part() -> None:
    # name_FormattingOfParticles: the dropping particle belongs to the given part
    gerard = {"given": "Gerard", "dropping-particle": "van", "non-dropping-particle": "der"}
    parts = '<name-part name="family" text-case="uppercase"/>'
    assert cite([{**gerard, "family": "Meer"}], name(parts=parts)) == "Gerard van DER MEER"


def test_family_affixes_enclose_particles_and_suffix_when_not_inverted() -> None:
    # name_namepartAffixes
    fontaine = {"family": "Fontaine", "given": "Jean", "dropping-particle": "de"}
    fontaine |= {"non-dropping-particle": "La", "suffix": "III"}
    parts = (
        '<name-part name="family" prefix="(" suffix=")"/>'
        '<name-part name="given" prefix="[" suffix="]"/>'
    )
    assert cite([fontaine], name(parts=parts)) == "[Jean] (de La Fontaine III)"
    inverted = cite([fontaine], name('name-as-sort-order="all"', parts))
    assert inverted == "(Fontaine), [Jean de La], III"


@pytest.mark.parametrize(
    ("demote", "expected"),
    [
        ("display-and-sort", "Gogh, Vincent van"),
        ("sort-only", "van Gogh, Vincent"),
        ("never", "van Gogh, Vincent"),
    ],
)
def test_demote_non_dropping_particle(demote: str, expected: str) -> None:
    style = f' demote-non-dropping-particle="{demote}"'
    gogh = {"family": "van Gogh", "given": "Vincent"}
    assert cite([gogh], name('name-as-sort-order="all"'), style=style) == expected


def test_apostrophe_particles_join_the_family_name() -> None:
    # name_ParsedDroppingParticleWithApostrophe
    aubignac = {"family": "Aubignac", "given": "François Hédelin d'"}
    parts = '<name-part name="family" prefix="(" suffix=")"/>'
    assert cite([aubignac], name(parts=parts)) == "François Hédelin (d’Aubignac)"


def test_suffix_with_and_without_comma() -> None:
    jr = {"family": "Doe", "given": "Jeffrey", "suffix": "Jr."}
    assert cite([jr], name()) == "Jeffrey Doe Jr."
    assert cite([{**jr, "comma-suffix": True}], name()) == "Jeffrey Doe, Jr."
    assert cite([jr], name('name-as-sort-order="all"')) == "Doe, Jeffrey, Jr."


def test_names_in_scripts_without_spaces_print_family_then_given() -> None:
    # name_AsianGlyphs; a Latin given name with such a family name takes a space
    assert cite([{"family": "田中", "given": "太郎"}], name('initialize-with="."')) == "田中太郎"
    assert cite([{"family": "田中", "given": "Taro"}], name()) == "田中 Taro"


def test_a_given_name_alone_is_not_initialized() -> None:
    # name_OnlyGivenname
    assert cite([{"given": "Banksy"}], name('initialize-with="."')) == "Banksy"


def test_a_space_after_a_name_part_suffix_is_not_doubled() -> None:
    # name_WithNonBreakingSpace
    parts = '<name-part name="given" suffix="&#160;"/>'
    assert cite([DOE], name(parts=parts)) == "John\u00a0Doe"


def test_markup_in_names_survives_initials() -> None:
    # name_InTextMarkupInitialize
    doe = {"family": "<b>Doe</b>", "given": "<b>John</b>-Quiggly"}
    out = api.citations(
        [{"id": "a", "type": "book", "author": [doe]}],
        [[{"id": "a"}]],
        resolve_style(STYLE.format(style="", locale="", layout=name('initialize-with=". "'))),
        locale=None,
        fmt="html",
    )
    assert out == ["<b>J.</b>-Q. <b>Doe</b>"]


# -- lists ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "count", "expected"),
    [
        ('and="text"', 2, "John Doe and Jane Roe"),
        ('and="text"', 3, "John Doe, Jane Roe, and Sam Smith"),
        ('and="symbol" delimiter-precedes-last="never"', 3, "John Doe, Jane Roe & Sam Smith"),
        ('and="text" delimiter-precedes-last="always"', 2, "John Doe, and Jane Roe"),
        (
            'and="text" name-as-sort-order="first" delimiter-precedes-last="after-inverted-name"',
            2,
            "Doe, John, and Jane Roe",
        ),
        (
            'and="text" name-as-sort-order="first" delimiter-precedes-last="after-inverted-name"',
            3,
            "Doe, John, Jane Roe and Sam Smith",
        ),
    ],
)
def test_and_and_delimiter_precedes_last(attrs: str, count: int, expected: str) -> None:
    assert cite([DOE, ROE, SMITH][:count], name(attrs)) == expected


def test_an_and_term_in_a_script_without_spaces_takes_none() -> None:
    # name_HebrewAnd: the Hebrew conjunction vav joins the next word
    hebrew = [{"family": "תפוח"}, {"family": "תפוז"}]
    assert cite(hebrew, name('and="text"'), terms='<term name="and">ו</term>') == "תפוחותפוז"


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ('et-al-min="3" et-al-use-first="1"', "John Doe et al."),
        ('et-al-min="3" et-al-use-first="2"', "John Doe, Jane Roe, et al."),
        (
            'et-al-min="3" et-al-use-first="2" delimiter-precedes-et-al="never"',
            "John Doe, Jane Roe et al.",
        ),
        ('et-al-min="3" et-al-use-first="1" delimiter-precedes-et-al="always"', "John Doe, et al."),
        ('et-al-min="3" et-al-use-first="1" et-al-use-last="true"', "John Doe … Sam Smith"),
    ],
)
def test_et_al(attrs: str, expected: str) -> None:
    four = [DOE, ROE, {"family": "Poe", "given": "Pat"}, SMITH]
    assert cite(four, name(attrs)) == expected


def test_count_counts_the_names_shown_in_every_variable() -> None:
    roles = {"author": [DOE, ROE, SMITH], "editor": [DOE]}
    layout = '<names variable="author editor"><name form="count" et-al-min="3" et-al-use-first="1"/></names>'  # noqa: E501
    assert cite(roles, layout) == "2"


def test_same_editor_and_translator_print_once_with_the_combined_label() -> None:
    roles = {"editor": [DOE], "translator": [DOE]}
    layout = '<names variable="editor translator" delimiter=", "><name/><label prefix=" (" suffix=")"/></names>'  # noqa: E501
    assert cite(roles, layout) == "John Doe (editor & translator)"
    # name_EditorTranslatorSameEmptyTerm: an empty combined term keeps them apart
    empty = '<term name="editortranslator"></term>'
    assert cite(roles, layout, terms=empty) == "John Doe (editor), John Doe (translator)"


# -- substitute ----------------------------------------------------------------------


def test_substitute_shorthand_inherits_name_and_suppresses_the_variable() -> None:
    layout = (
        '<group delimiter=" / "><names variable="author"><name and="text"/>'
        '<label prefix=" (" suffix=")"/><substitute><names variable="editor"/>'
        '</substitute></names><names variable="editor"/></group>'
    )
    roles = {"editor": [DOE, ROE]}
    assert cite(roles, layout) == "John Doe and Jane Roe (editors)"


def test_a_defined_but_empty_term_ends_the_substitution() -> None:
    # substitute_SubstituteOnlyOnceTermEmpty
    layout = (
        '<group delimiter=" "><group><text value="Content:"/></group>'
        '<names variable="translator"><substitute><text term="editor"/>'
        '<text term="author"/></substitute></names></group>'
    )
    terms = '<term name="author">Author</term><term name="editor"></term>'
    assert cite({}, layout, terms=terms) == "Content:"
