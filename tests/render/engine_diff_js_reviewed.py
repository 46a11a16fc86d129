"""The reviewed disagreements between coprodcite's engine and citeproc-js.

``bench/engine_diff_js.py --record`` calls :func:`review` for every text the two
processors render differently and writes the verdict and reason beside both texts in
``engine_diff_js_expected.json``; ``test_engine_diff_js.py`` fails on any disagreement
without one. Verdicts:

* ``citeproc-js`` - citeproc-js departs from the CSL 1.0.2 specification or the style's
  guide; coprodcite keeps its output (the reason names the rule);
* ``data`` - the record is empty, broken or in another language, and the two processors
  fill the gap differently;
* ``convention`` - a choice the project made and documented (README, Rendering);
* ``ours`` - coprodcite is wrong and it is not fixed yet (kept visible here).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Rule = tuple[str, str, str, Callable[[str, str, str, str, str], bool]]


def _has(ours_part: str | None, theirs_part: str) -> Callable[[str, str, str, str, str], bool]:
    def test(style: str, kind: str, item: str, ours: str, theirs: str) -> bool:
        return theirs_part in theirs and (ours_part is None or ours_part in ours)

    return test


def _item(*parts: str) -> Callable[[str, str, str, str, str], bool]:
    def test(style: str, kind: str, item: str, ours: str, theirs: str) -> bool:
        return any(p in item for p in parts)

    return test


def _re(pattern: str) -> Callable[[str, str, str, str, str], bool]:
    compiled = re.compile(pattern)

    def test(style: str, kind: str, item: str, ours: str, theirs: str) -> bool:
        return bool(compiled.search(theirs))

    return test


# records with no author, title or date, or only a link: the processors fill them apart
_EMPTY = (
    "manubot-cite-tests-raw/empty-csl",
    "manubot-cite-tests-raw/null-date-parts",
    "manubot-cite-tests-raw/excess-date-parts",
    "10.1371_journal.pgen.1004905.s0",
    "10.1111_aec.2014.39.issue-4",
    "10.1111_(issn)1442-9993",
    "10.1007_13594.1958-5594",
    "10.1016_j.physleta.2004.09.025",
    "10.1080_00405841.2021.1932155",
    "10.5040_9781472541529.ch-001",
    "10.7717_peerj.15393",
    "10.15405_epsbs(2357-1330).2021.6.1",
)

RULES: list[Rule] = [
    ("EMPTY_CITE", "convention", "a cite the style prints nothing for shows the item id in "
     "brackets with a RenderWarning; citeproc-js prints '[CSL STYLE ERROR: reference with "
     "no printed form.]' or a bare term",
     lambda s, k, i, o, t: k == "cite" and o.strip("()[]. ").endswith(i.split("#")[0][-12:])),
    ("EMPTY", "data", "the record has no author, title or date; an empty entry keeps its "
     "number without the layout's suffix in citeproc-js", _item(*_EMPTY)),
    ("PUNCTUATION_COLLISION", "citeproc-js", "citeproc-js prints colliding affix "
     "punctuation as written ('2021. . AMA J', '87:. https', '2007; : 1', '2002. , in:'); "
     "CSL 1.0.2 leaves punctuation to the processor and the style guides print one mark",
     _re(r"\. \.|:\. |; :|\. , ")),
    ("THAI_INITIAL", "citeproc-js", "citeproc-js initializes a Thai given name to its first "
     "character, which may be a leading vowel sign (เจษฎา -> 'เ.'); Thai names are not "
     "initialized, so the given name is kept whole", _item("10.14457_")),
    ("EDITION_SUFFIX", "citeproc-js", "'1ª' is a number with a suffix, numeric by CSL 1.0.2 "
     "(is-numeric: 'numbers may have prefixes and suffixes'), so the edition term follows; "
     "citeproc-js reads only Latin letters as suffixes", _has(None, "1ª")),
    ("UNICODE_HYPHEN", "citeproc-js", "U+2010 HYPHEN joins a compound as '-' does, so both "
     "parts are title-cased (Self‐Care); citeproc-js splits words on '-' only",
     _has("Self‐Care", "Self‐care")),
    ("CODE_WORD", "citeproc-js", "a word of letters and digits (gp120, p53) is a name or code "
     "typed as meant and is not title-cased (CMOS 8.153)", _has("gp120", "Gp120")),
    ("DASH_WORD", "citeproc-js", "a word after a dash with no space ('―focusing') is a word of "
     "the title and is title-cased; citeproc-js only looks at space-separated tokens",
     _has("―Focusing", "―focusing")),
    ("FILE_NAME", "citeproc-js", "a file name ('NWD165827.recab.cram') is one token whose "
     "case is kept (CMOS 8.153); citeproc-js capitalizes the part after a period",
     _has(".recab", ".Recab")),
    ("SUBSCRIPT_LETTER", "citeproc-js", "a lone Greek letter in a formula ('MnO3+δ') is left "
     "as typed; citeproc-js capitalizes it after a subscript", _has("+ δ", "+ Δ")),
    ("NOT_ENGLISH", "citeproc-js", "CSL 1.0.2 Text-case: title case is for English items; "
     "the record's language is fr, and citeproc-js title-cases its original-title anyway",
     _has(None, "Renormalized Perturbation Theory Auf")),
    ("FRENCH", "data", "a French journal title without a language field gets English title "
     "case; the elided article l’ stays lowercase and the word after it is capitalized",
     _item("10.4000_rfsic.3220")),
    ("LOCALE_QUOTES", "citeproc-js", "quotes typed in a field become the locale's outer "
     "quotes (en-GB ‘…’: Nature, BMJ, The Lancet); citeproc-js keeps typed curly quotes",
     _has("‘Prime", "“Prime")),
    ("INSTITUTION_DELIMITER", "citeproc-js", "delimiter-precedes-last applies to personal "
     "names; citeproc-js drops it before '&' after an institutional name",
     _has("Hannover, &", "Hannover &")),
    ("NEVER_DELIMITER", "citeproc-js", "the style says delimiter-precedes-last='never'; "
     "citeproc-js prints ', and' for long lists",
     lambda s, k, i, o, t: ", and " in t and ", and " not in o and " and " in o),
    ("SUFFIX_PERIOD", "citeproc-js", "a name suffix is printed as stored ('Jr.'); "
     "citeproc-js drops its period where initialize-with has none", _has("Jr.", "Jr (")),
    ("GIVEN_NAMES_IN_ENTRY", "citeproc-js", "two authors of one entry who share a family name "
     "and initial are printed as the style says; citeproc-js expands them within the entry "
     "(CSL 1.0.2 disambiguates cites, not the names of one entry)", _has(None, "Melissa")),
    ("VOLUMES_LABEL", "citeproc-js", "'1-5 September 2008' is not numeric (CSL 1.0.2 "
     "is-numeric), so it takes no 'vols.' label", _has(None, "vols. 1-5 September")),
    ("SAME_INITIALS", "citeproc-js", "APA 7 8.20 adds initials only when first authors share a "
     "surname with different initials (X. Zhang and X. Zhang stay 'Zhang'); MLA: add-names "
     "comes before add-givenname (CSL 1.0.2 Disambiguation steps 1 and 2)",
     _has(None, "Xinxin Zhang")),
    ("SAME_INITIALS_APA", "citeproc-js", "APA 7 8.20 adds initials only when first authors "
     "share a surname with different initials; both are 'X. Zhang'", _has(None, "(X. Zhang")),
    ("SAME_INITIALS_MLA", "citeproc-js", "MLA: add-names comes before add-givenname (CSL 1.0.2 "
     "Disambiguation steps 1 and 2); citeproc-js expands the given name first",
     _has(None, "Xin Zhang")),
    ("SUFFIX_ORDER", "data", "two records of one article sort alike; the year-suffixes follow "
     "the input order (ours) or citeproc-js's registry order", _item("scihub")),
    ("REVIEW_OF", "ours", "APA: the description group '[Review of]' is printed although the "
     "title it would hold stood in for the author (CSL 1.0.2 cs:group: a group whose "
     "variables are all empty is suppressed); not fixed yet", _has("[Review of]", "(2020). https")),
    ("REVIEW_NOTE", "ours", "Chicago notes: 'review of' printed after a title that stood in "
     "for the author; not fixed yet", _has("review of", "Control.”")),
]  # fmt: skip


def review(style: str, kind: str, item: str, ours: str, theirs: str) -> tuple[str, str]:
    """The verdict and reason for one disagreement, or ("unreviewed", "")."""
    for name, verdict, reason, test in RULES:
        if test(style, kind, item, ours, theirs):
            return verdict, f"{name}: {reason}"
    return "unreviewed", ""
