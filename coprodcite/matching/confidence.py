"""From evidence to a calibrated confidence, and from confidence to a decision.

Evidence is weighed by a logistic model (:func:`score`, fitted on every candidate the
searches return), then calibrated twice: :func:`calibrated` for a candidate on its
own, :func:`decided_confidence` for the best candidate given its lead over the next
work. Every constant below was fitted by ``python bench/bench_match.py --fit`` on
references rendered from one half of the shared corpus records (eight CSL styles, both
engines, a quarter with typos, some with wrong DOIs, a tenth of the works withheld from
the registry) against a loopback registry that returns look-alike works; the bench
measures precision, recall and calibration on the other half.

A decision never rests on the registry's relevance score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coprodcite.matching.evidence import FEATURES, Evidence

#: fitted weights, one per evidence feature (in FEATURES order), and the bias
WEIGHTS: dict[str, float] = {
    "title": 1.101,
    "title_cover": 1.843,
    "title_words": 1.369,
    "author_first": 1.305,
    "authors": 1.222,
    "no_authors": 0.180,
    "year": 0.662,
    "year_conflict": -0.377,
    "numbers": 1.028,
    "first_page": 1.864,
    "no_numbers": 0.146,
    "unexplained": -1.983,
    "unexplained_words": -2.147,
    "container": 0.532,
    "no_container": 0.068,
}
BIAS = -6.086
#: Platt scaling of the score, so that the best candidate's confidence is calibrated
SCALE = 2.365
SHIFT = 2.429
#: calibration of the best candidate's confidence given its lead over the runner-up
PAIR = (3.862, 1.889, -0.348)
MAX_MARGIN = 4.0
assert tuple(WEIGHTS) == FEATURES

#: "matched" from this confidence up (``--min-confidence`` changes it)
MATCHED = 0.9
#: below this, a best candidate is not worth showing as a close call
UNCERTAIN = 0.35
#: a lead in weighed evidence (log-odds) below which two fitting works are a tie
MIN_LEAD = 1.0
#: no match from text is surer than this (the bench cannot show rarer errors)
CERTAIN = 0.999


def score(found: Evidence) -> float:
    """The weighed evidence (a log-odds scale, before calibration)."""
    values = found.as_vector()
    return BIAS + sum(WEIGHTS[name] * value for name, value in zip(FEATURES, values, strict=True))


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, value))))


def calibrated(weighed: float) -> float:
    """The probability that a candidate with weighed evidence ``weighed``, were it the
    best of a search, is the work the reference describes."""
    return _sigmoid(SCALE * weighed + SHIFT)


def confidence(found: Evidence) -> float:
    return calibrated(score(found))


def margin(best: float, runner_up: float | None) -> float:
    """How far the best candidate's weighed evidence is ahead of the next work's, up to
    :data:`MAX_MARGIN` (beyond it, or with no other work, the runner-up says nothing)."""
    return MAX_MARGIN if runner_up is None else max(0.0, min(best - runner_up, MAX_MARGIN))


def decided_confidence(best: float, runner_up: float | None) -> float:
    """The probability that the best candidate (weighed evidence ``best``) is the work,
    knowing how far ahead of the next best (another work) it is: calibrated on what
    the bench's searches return, so a close second lowers it as much as it should."""
    value = _sigmoid(PAIR[0] * best + PAIR[1] * margin(best, runner_up) + PAIR[2])
    return min(value, CERTAIN)


@dataclass(frozen=True)
class Decision:
    status: str  # "matched" | "uncertain" | "unmatched"
    confidence: float
    why: str


def decide(
    best: float | None,
    runner_up: float | None,
    *,
    minimum: float = MATCHED,
    named: bool = True,
) -> Decision:
    """The status of a reference whose best candidate has weighed evidence ``best``
    (:func:`score`) and whose best candidate for another work has ``runner_up``;
    ``named``: whether the text names the work (see
    :func:`~coprodcite.matching.evidence.names_the_work`), without which it is at most
    uncertain."""
    if best is None:
        return Decision("unmatched", 0.0, "no candidate found")
    value = decided_confidence(best, runner_up)
    alone = calibrated(best)
    if alone < UNCERTAIN and value < UNCERTAIN:
        return Decision("unmatched", value, "no candidate agrees with the text")
    if runner_up is not None and calibrated(runner_up) >= UNCERTAIN and best - runner_up < MIN_LEAD:
        return Decision("uncertain", min(value, 0.5), "two works fit the text about as well")
    if value >= minimum and not named:
        why = "the names and year agree, but the text gives no title, or journal and pages"
        return Decision("uncertain", value, why)
    if value >= minimum:
        return Decision("matched", value, "the text agrees with the record")
    if runner_up is not None and calibrated(runner_up) >= 0.5:
        return Decision("uncertain", value, "two works fit the text about as well")
    return Decision("uncertain", value, "some of the text agrees with the record, some does not")
