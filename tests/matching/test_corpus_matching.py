"""Matching held to real records: corpus works rendered as reference-list entries in two
styles, matched through the whole pipeline against a loopback registry of every corpus
record. A wrong match fails the test; so does recall below 90% (the bench,
bench/bench_match.py, measures the same on 2,000+ references)."""

import random
import warnings

import pytest

from coprodcite.config import load_settings
from coprodcite.markup import plain_text
from coprodcite.names import normalise_record
from coprodcite.render import render_bibliography
from coprodcite.services.match import match_references
from coprodcite.sources.crossref import map_crossref
from coprodcite.sources.http import HttpClient
from tests.conftest import corpus_dir
from tests.registry import Registry, load_corpus, serve_on

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(corpus_dir("crossref").parent)


def test_rendered_corpus_references_match_their_records(corpus, services_on):
    crossref, datacite = corpus
    rng = random.Random(11)
    works = []
    for item in rng.sample(crossref, 400):
        record = normalise_record(map_crossref(item))
        if len(plain_text(record.title).split()) >= 3 and record.year and record.contributors:
            works.append(record)
        if len(works) == 30:
            break
    withheld = {w.doi for w in works[:3]}  # the right answer for these is "not matched"
    serve_on(services_on, Registry([i for i in crossref if i["DOI"].lower() not in withheld]))
    texts, truth = [], []
    for style in ("apa", "vancouver"):
        for number, record in enumerate(works):
            item = record.to_csl(id=f"w{number}")
            for variable in ("DOI", "URL"):
                item.pop(variable, None)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                texts.append(render_bibliography([item], style)[0])
            truth.append(None if record.doi in withheld else record.doi)
    # no rate limit: the loopback registry is not Crossref
    with HttpClient(user_agent="coprodcite-tests", timeout=10, retries=0, limits={}) as client:
        report = match_references(texts, load_settings(), client=client)
    assert report.stopped is None
    matched = [(r, t) for r, t in zip(report.results, truth, strict=True) if r.status == "matched"]
    wrong = [(r.reference, r.doi, t) for r, t in matched if r.doi != t]
    assert wrong == []
    findable = sum(t is not None for t in truth)
    assert len(matched) >= 0.9 * findable
