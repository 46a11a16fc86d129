"""CSL text-case and strip-periods on rich text (coprodcite.render.csl.textcase).

Expectations come from the CSL 1.0.2 specification and the test-suite fixtures named in
the comments (their input parsed with parse_field, as a processor would).
"""

from __future__ import annotations

import pytest

from coprodcite.render.csl.fieldtext import parse_field
from coprodcite.render.csl.output import Quotes, render
from coprodcite.render.csl.rich import Formatting, Out, leaf
from coprodcite.render.csl.textcase import apply_case, strip_periods


def cased(text: str, case: str, lang: str = "en") -> str:
    node = Out([parse_field(text)])
    apply_case(node, case, lang)
    return render(node, "html", Quotes())


TITLE = [
    # textcase_TitleCapitalization: words with capitals kept, nocase kept, stop words
    (
        'This IS a pen that is a <span class="nocase">smith</span> pencil',
        "This IS a Pen That Is a smith Pencil",
    ),
    # textcase_TitleCapitalization2: a slash separates words
    (
        'This IS a pen that is a cat/mouse <span class="nocase">smith</span> pencil',
        "This IS a Pen That Is a Cat/Mouse smith Pencil",
    ),
    # textcase_CapitalsUntouched
    ("UK", "UK"),
    ("Writings on UK people and places", "Writings on UK People and Places"),
    ("All for one. For all.", "All for One. For All."),
    ("OC 1", "OC 1"),
    # textcase_TitleCaseWithInitials
    ("Review of book by A.N. author", "Review of Book by A.N. Author"),
    # textcase_TitleCaseWithCleverBrandName
    ("iPad is a thing", "iPad Is a Thing"),
    # textcase_TitleCaseWithHyphens: stop word inside a compound stays lowercase
    ("Out-of-fashion initiatives: a second story", "Out-of-Fashion Initiatives: A Second Story"),
    # textcase_StopWordBeforeHyphen
    ("Employee pro-environmental behavior", "Employee Pro-Environmental Behavior"),
    # textcase_LastChar: a single letter after a hyphen is left alone
    ("07-x", "07-x"),
    ("07-x test", "07-x Test"),
    # textcase_NonEnglishChars
    ("Saline solution of β-carotine", "Saline Solution of β-Carotine"),
    # textcase_TitleWithEmDash
    (
        "Relationship of core self-evaluation traits—self-esteem, and stability—with job"
        " performance: a meta-analysis",
        "Relationship of Core Self-Evaluation Traits—Self-Esteem, and Stability—with Job"
        " Performance: A Meta-Analysis",
    ),
    # textcase_TitleWithEnDash
    (
        "Closing the scientist–practitioner gap: studies from 2016 with significant utility",
        "Closing the Scientist–Practitioner Gap: Studies from 2016 with Significant Utility",
    ),
    # textcase_TitleCaseWithNonBreakSpace
    (
        "The physical\u00a0volcanology of the 1600 eruption of Huaynaputina",
        "The Physical\u00a0Volcanology of the 1600 Eruption of Huaynaputina",
    ),
    # textcase_AfterQuote: a word after an opening quote
    (
        "The “new Career” and Organizational Commitment",
        "The “New Career” and Organizational Commitment",
    ),
    # textcase_InQuotes: the last word is capitalized even if a stop word
    (
        'from "distance" to "friction": substituting metaphors for',
        "From “Distance” to “Friction”: Substituting Metaphors For",
    ),
    # flipflop_SingleBeforeColon: apostrophe in a word, single quotes, after a colon
    (
        "'Nobody Knows You're a Dog': As iconic cartoon turns 20, the joke rings as true as ever",
        "“Nobody Knows You’re a Dog”: As Iconic Cartoon Turns 20, the Joke Rings as True as Ever",
    ),
    # textcase_SkipNameParticlesInTitleCase: particles, after ? and !
    ("John von Doe: an about up life", "John von Doe: An about up Life"),
    ("John van Doe? a life", "John van Doe? A Life"),
    ("John d'Doe! a life", "John d’Doe! A Life"),
    ("John de Doe a life", "John de Doe a Life"),
    # flipflop_Apostrophes: French elision, non-ASCII words
    (
        "Supplément aux annales du Service des Antiquités de l'Égypte, Cahier",
        "Supplément Aux Annales Du Service Des Antiquités de l’Égypte, Cahier",
    ),
    # flipflop_OrphanQuote: an unpaired quote, "under"
    (
        'Nation of "Positive Obligations " of State under the European Convention (1)',
        'Nation of "Positive Obligations " of State under the European Convention (1)',
    ),
    # textcase_NoSpaceBeforeApostrophe
    ("Response to Shafi'i comment", "Response to Shafi’i Comment"),
    ("Response to Shafi`i comment", "Response to Shafi`i Comment"),
    # textcase_TitleWithCircumflex
    ("About arvâsî", "About Arvâsî"),
    # textcase_ImplicitNocase: small caps, superscript and subscript are kept
    (
        "My <sc>small caps phrase</sc> in a title",
        'My <span style="font-variant:small-caps;">small caps phrase</span> in a Title',
    ),
    ("My <sup>superscript phrase</sup> in a title", "My <sup>superscript phrase</sup> in a Title"),
    # textcase_TitleCaseWithFinalNocase: the last word may be a nocase one
    (
        'The <span class="nocase">Mirror</span>, the <span class="nocase">Window</span>:'
        ' <span class="nocase">How Perspective Changed</span> of the'
        ' <span class="nocase">Universe</span>',
        "The Mirror, the Window: How Perspective Changed of the Universe",
    ),
    # bugreports_TitleCase: every stop word of the specification
    (
        "One but two or three yet four so five for six and seven nor eight a nine an ten the"
        " eleven at twelve by thirteen from fourteen in fifteen into sixteen of seventeen on"
        " eighteen to nineteen with twenty up twenty-one down twenty-two as twenty-three via"
        " twenty-four till twenty-five onto twenty-six over twenty-seven.",
        "One but Two or Three yet Four so Five for Six and Seven nor Eight a Nine an Ten the"
        " Eleven at Twelve by Thirteen from Fourteen in Fifteen into Sixteen of Seventeen on"
        " Eighteen to Nineteen with Twenty up Twenty-One down Twenty-Two as Twenty-Three via"
        " Twenty-Four till Twenty-Five onto Twenty-Six over Twenty-Seven.",
    ),
    # spec: a stop word first or last is capitalized
    ("the way of the world to", "The Way of the World To"),
    # a stop word as the first part of a compound is a word of its own (Chicago)
    ("an in-depth look", "An In-Depth Look"),
    # CSL 1.0.2 with citeproc-js's stop words (CSL.SKIP_WORDS): the longer list
    ("burnout among nurses", "Burnout among Nurses"),
    ("decline during the war", "Decline during the War"),
    # its phrases are not applied: citeproc-js matches one word at a time
    ("invalid citations due to DOI errors", "Invalid Citations Due to DOI Errors"),
    # a lone letter is capitalized only at a start or before a hyphen (citeproc-js)
    ("contributions in d i s a c", "Contributions in d i s a c"),
    ("la 1 − x sr x mno", "La 1 − x Sr x Mno"),
    ("x-ray study", "X-Ray Study"),
    # no new start after a period (citeproc-js restarts after ":", "?", "!")
    ("extract of thunb. by uhplc", "Extract of Thunb. by Uhplc"),
    ("care versus cure via the web", "Care versus Cure via the Web"),
    # a stop word before a colon stays lowercase (CSL 1.0.2: only after a colon it opens)
    ("the author's name in: a guide", "The Author’s Name in: A Guide"),
    ("material for: a study", "Material for: A Study"),
    # TeX: math and commands are left alone
    ("measuring $\\sqrt{s_{\\rm nn}}$ at rhic", "Measuring $\\sqrt{s_{\\rm nn}}$ at Rhic"),
    ("the \\emph{big} idea", "The \\emph{Big} Idea"),
]


@pytest.mark.parametrize(("text", "expected"), TITLE)
def test_title_case(text: str, expected: str) -> None:
    assert cased(text, "title") == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Review of Book by A.N. Author"),  # textcase_TitleCaseNonEnglish2
        ("en-GB", "Review of Book by A.N. Author"),
        ("", "Review of Book by A.N. Author"),  # no language: English
        ("de", "Review of book by A.N. author"),  # textcase_TitleCaseNonEnglish
        ("fr-FR", "Review of book by A.N. author"),
    ],
)
def test_title_case_is_english_only(lang: str, expected: str) -> None:
    assert cased("Review of book by A.N. author", "title", lang) == expected


OTHER_CASES = [
    # textcase_Lowercase
    (
        'This is a pen that is a <span class="nocase">Smith</span> pencil',
        "lowercase",
        "this is a pen that is a Smith pencil",
    ),
    # textcase_Uppercase
    (
        'This is a pen that is a <span class="nocase">Smith</span> pencil',
        "uppercase",
        "THIS IS A PEN THAT IS A Smith PENCIL",
    ),
    # textcase_CapitalizeFirst
    (
        'this is a Pen that is a <span class="nocase">Smith</span> Pencil',
        "capitalize-first",
        "This is a Pen that is a Smith Pencil",
    ),
    # capitalize-first: a first word with capitals is kept
    ("iPad is a thing", "capitalize-first", "iPad is a thing"),
    # textcase_CapitalizeAll: only lowercase words change
    (
        'This IS a Pen that is a <span class="nocase">SMITH</span> Pencil',
        "capitalize-all",
        "This IS A Pen That Is A SMITH Pencil",
    ),
    # flipflop_ItalicsWithOkAndTextcase: nodecor text is kept
    ('lessard <span class="nodecor">v.</span> schmidt', "capitalize-all", "Lessard v. Schmidt"),
    # textcase_SentenceCapitalization: capitalized words are lowercased
    (
        'This is a Pen that is a <span class="nocase">Smith</span> Pencil',
        "sentence",
        "This is a pen that is a Smith pencil",
    ),
    # sentence case (spec): an uppercase string is lowercased but for its first letter
    ("THE TITLE OF A BOOK", "sentence", "The title of a book"),
    # sentence case: words in capitals or mixed case, and initials, are kept
    ("The UK and the iPad by A.N. Other", "sentence", "The UK and the iPad by A.N. Other"),
    ("a study of things: The Sequel", "sentence", "A study of things: The sequel"),
]


@pytest.mark.parametrize(("text", "case", "expected"), OTHER_CASES)
def test_other_cases(text: str, case: str, expected: str) -> None:
    assert cased(text, case) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("ia and ıb EN", "en", "IA AND IB EN"),  # textcase_LocaleUnicode
        ("ic and ıd TR", "tr", "İC AND ID TR"),
        ("bad language code", "original-one hello", "BAD LANGUAGE CODE"),
    ],
)
def test_uppercase_by_language(text: str, lang: str, expected: str) -> None:
    assert cased(text, "uppercase", lang) == expected


def test_turkish_lowercase_has_dotless_i() -> None:
    assert cased("ISTANBUL İZMIR", "lowercase", "tr") == "ıstanbul izmır"


def test_words_span_leaves_and_affixes_separate_words() -> None:
    # one word in two leaves: only its first letter is capitalized
    node = Out([leaf("ex"), Out([leaf("ample")], Formatting(font_style="italic")), leaf(" text")])
    apply_case(node, "title")
    assert [part.text for part in node.leaves()] == ["Ex", "ample", " Text"]
    # a delimiter between children separates words, and is not rewritten
    names = Out([leaf("smith"), leaf("john")], Formatting(delimiter=" and "))
    apply_case(names, "capitalize-all")
    assert names.plain_text() == "Smith and John"
    # the first word of the node may be a nocase leaf: it still is the first word
    node = Out([leaf("the", nocase=True), leaf(" end of the")])
    apply_case(node, "capitalize-first")
    assert node.plain_text() == "the end of the"


def test_unknown_case_is_ignored() -> None:
    assert cased("a title", "none") == "a title"


def test_strip_periods_removes_periods_from_leaves_only() -> None:
    # spec: "any periods in the rendered text are removed"; affixes are not the text
    node = Out([leaf("ed."), leaf("U.S.", nocase=True)], Formatting(delimiter=". ", suffix="."))
    strip_periods(node)
    assert node.plain_text() == "ed. US."
