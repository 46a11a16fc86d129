"""The names pipeline over every Crossref, DataCite and CSL-JSON record of
../shared/corpus (skipped where it is absent). `python bench/names_report.py` prints
the same counts as a table."""

from __future__ import annotations

import pytest

from coprodcite.names.report import measure
from tests.test_corpus import _all_records

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report():
    return measure(_all_records())


def test_contributors_in_equal_contributors_out_plus_listed_duplicates(report):
    print("\n" + "\n".join(f"{label:<55} {count:>7}" for label, count in report.rows()))
    assert report.records > 5000
    assert report.contributors_in == report.contributors_out + len(report.duplicates)
    assert report.changes["emptied by cleaning"] == 0
    # true duplicates only: a handful per thousand records, each listed
    assert len(report.duplicates) < report.records / 50, report.duplicates


def test_no_organisation_is_split_into_people(report):
    assert report.organisations_split == []


def test_no_all_caps_family_name_is_left(report):
    assert report.caps_families_left == []


def test_no_orcid_with_a_bad_check_digit_is_accepted_silently(report):
    assert report.bad_orcids_accepted == []
    # the corpus holds one; it is refused and reported, not dropped without a word
    assert len(report.orcids_rejected) >= 1
