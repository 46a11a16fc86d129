"""Reading and writing bibliographic files: one registry of formats.

A reader turns text into a :class:`ReadResult`: the records it could read, and a
:class:`~coprodcite.errors.FormatError` (with file and line) for each entry it could not,
so one bad entry never stops the rest of a file. A writer turns records into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coprodcite.errors import FormatError
from coprodcite.model import Record


@dataclass
class ReadResult:
    """What a reader made of one file."""

    records: list[Record] = field(default_factory=list)
    failures: list[FormatError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. duplicate keys kept apart

    @property
    def entries(self) -> int:
        """Entries seen in the file: read plus failed."""
        return len(self.records) + len(self.failures)
