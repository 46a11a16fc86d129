"""Personal and organisational names: splitting, recasing, comparing. Pure functions.

Every way a record comes in (Crossref, DataCite, CSL-JSON, BibTeX, RIS, manual entry)
passes its contributors through :func:`normalise_record` before it is stored.
"""

from __future__ import annotations

from coprodcite.model import Contributor, Record

__all__ = ["normalise_contributors", "normalise_record"]


def normalise_contributors(contributors: list[Contributor]) -> list[Contributor]:
    """The contributors of one record, normalised, in their order.

    (Issue 5 fills in the pipeline; until then names pass through unchanged.)
    """
    return list(contributors)


def normalise_record(record: Record) -> Record:
    """``record`` with its contributors normalised (a new Record; the input is unchanged)."""
    return record.copy_with(contributors=normalise_contributors(record.contributors))
