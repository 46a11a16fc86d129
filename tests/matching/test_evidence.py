"""The evidence and confidence of a candidate: tables of references as people write
them, against the real BJSW article and invented look-alikes."""

import pytest

from coprodcite.matching.confidence import MATCHED, confidence, decide, score
from coprodcite.matching.evidence import evidence
from coprodcite.matching.reference import Reference
from coprodcite.names import normalise_record
from coprodcite.sources.crossref import map_crossref
from tests.matching.works import bjsw, lookalikes

BJSW = normalise_record(map_crossref(bjsw()))
OTHERS = {r.doi: r for r in (normalise_record(map_crossref(w)) for w in lookalikes())}

WRITTEN_FORMS = [
    # Harvard (as the issue pasted it)
    "Fillingham, J., Smith, J. & Sealey, C. (2023) 'Reflections on making co-production "
    "work', British Journal of Social Work, 53(3), pp. 1593–1601.",
    # APA
    "Fillingham, J., Smith, J., & Sealey, C. (2023). Reflections on making co-production "
    "work: The reality of co-production from an insider perspective. The British Journal of "
    "Social Work, 53(3), 1593–1601.",
    # Vancouver, abbreviated journal and page range
    "Fillingham J, Smith J, Sealey C. Reflections on making co-production work. Br J Soc "
    "Work. 2023;53(3):1593-601.",
    # IEEE
    'J. Fillingham, J. Smith, and C. Sealey, "Reflections on making co-production work," '
    "Br. J. Soc. Work, vol. 53, no. 3, pp. 1593-1601, 2023.",
    # without a title (ACS-like), the numbers carry it
    "Fillingham, J.; Smith, J.; Sealey, C. Br. J. Soc. Work 2023, 53, 1593-1601.",
    # "et al." and a typo
    "Fillingham et al. (2023) Reflections on making co-prodution work. BJSW 53(3): 1593.",
    # online-first year, one off
    "Fillingham, J., Smith, J. and Sealey, C. (2022) Reflections on making co-production "
    "work. British Journal of Social Work.",
]


@pytest.mark.parametrize("text", WRITTEN_FORMS)
def test_the_article_as_people_write_it_is_a_match(text):
    assert confidence(evidence(Reference(text), BJSW)) >= MATCHED


@pytest.mark.parametrize("text", WRITTEN_FORMS)
@pytest.mark.parametrize("doi", sorted(OTHERS))
def test_look_alikes_are_not(text, doi):
    # one shares the first author, the year and most title words: a close call at most
    assert confidence(evidence(Reference(text), OTHERS[doi])) < MATCHED


@pytest.mark.parametrize("text", WRITTEN_FORMS)
def test_with_every_look_alike_competing_the_article_is_still_matched(text):
    reference = Reference(text)
    others = [score(evidence(reference, r)) for r in OTHERS.values()]
    best = score(evidence(reference, BJSW))
    assert decide(best, max(others)).status == "matched"


@pytest.mark.parametrize(
    ("text", "below"),
    [
        # right title and names, but another volume, issue and pages: not the same work
        (
            "Fillingham, J., Smith, J. & Sealey, C. (2019) 'Reflections on making "
            "co-production work', British Journal of Social Work, 49(7), pp. 211–230.",
            MATCHED,
        ),
        # the title alone, no names, no year: a close call at best
        ("Reflections on making co-production work.", MATCHED),
    ],
)
def test_disagreeing_numbers_or_thin_text_are_not_a_match(text, below):
    assert confidence(evidence(Reference(text), BJSW)) < below


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (WRITTEN_FORMS[0], 1.0),  # where the text begins
        (WRITTEN_FORMS[3], 1.0),  # after an initial: "J. Fillingham"
        ("Smith, J. and Fillingham, J. (2023) Reflections on making co-production work.", 0.7),
        ("Smith, J. (2023) Reflections on making co-production work. BJSW 53(3).", 0.0),
    ],
)
def test_the_first_author_counts_most_where_the_reference_begins(text, expected):
    assert evidence(Reference(text), BJSW).author_first == expected


def test_page_ranges_are_not_years_and_abbreviated_ends_are_written_out():
    reference = Reference("Smith J. Title. J Things. 2020;12(3):1593-601.")
    assert reference.years == (2020,)
    assert reference.numbers == ("2020", "12", "3", "1593", "1601")


def _weighed(text, record):
    return score(evidence(Reference(text), record))


def test_decide_on_the_lead_over_the_next_work():
    text = WRITTEN_FORMS[1]
    best = _weighed(text, BJSW)
    assert decide(best, None).status == "matched"
    assert decide(None, None).status == "unmatched"
    # another work that fits exactly as well leaves the call open
    tie = decide(best, best)
    assert tie.status == "uncertain" and tie.why == "two works fit the text about as well"
    assert decide(best, best).confidence < decide(best, best - 1).confidence
    assert decide(best, best - 10).confidence == decide(best, None).confidence
    # a poor fit stays poor, whatever the others
    poor = _weighed(text, OTHERS["10.5555/reading.2020.4"])
    assert decide(poor, None).status == "unmatched"


def test_a_text_that_does_not_name_the_work_is_at_most_uncertain():
    best = _weighed(WRITTEN_FORMS[1], BJSW)
    decision = decide(best, None, named=False)
    assert decision.status == "uncertain"
    assert "no title" in decision.why
