"""CSL-JSON date values parsed to :class:`Date`: ``date-parts`` (with open ranges),
the old ``year``/``month``/``day`` form, ``season``, ``circa``, ``literal`` and ``raw``
strings (ISO dates, EDTF-like ranges, words such as "3 May 2000" or "Spring 2001").

Bad data gives None or a literal date, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["EN_DASH", "OPEN", "PART_NAMES", "Date", "DateParts", "parse_date", "parse_raw"]

DateParts = tuple[int | None, int | None, int | None]  # year, month (13-16: seasons), day
OPEN: DateParts = (None, None, None)  # the end of an open range ("1987–")
EN_DASH = "\u2013"
PART_NAMES = ("year", "month", "day")


@dataclass(frozen=True, slots=True)
class Date:
    """A date value: one date, or a range of two (an all-None end is an open range)."""

    parts: tuple[DateParts, ...] = ()
    season: int | str | None = None
    circa: bool = False
    literal: str | None = None

    @property
    def start(self) -> DateParts | None:
        return self.parts[0] if self.parts else None

    @property
    def end(self) -> DateParts | None:
        """The end of a range (``OPEN`` for an open one), None for a single date."""
        return self.parts[1] if len(self.parts) > 1 else None

    @property
    def is_range(self) -> bool:
        return len(self.parts) > 1

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts else None


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {name: index for index, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: index for name, index in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_SEASONS = {"spring": 13, "summer": 14, "autumn": 15, "fall": 15, "winter": 16}
_CIRCA = {"circa", "ca", "c", "approx", "about"}
_ISO = re.compile(r"(-?\d{1,4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{3,4})")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_WORDY = re.compile(r"[\w\s,.]+")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
    return None


def _month(value: int | None) -> int | None:
    """Months 1-12 as they are; 13-24 (CSL-JSON and EDTF seasons) as 13-16."""
    if value is None or not 1 <= value <= 24:
        return None
    return value if value <= 12 else 13 + (value - 13) % 4


def _triple(year: int | None, month: int | None, day: int | None) -> DateParts:
    month = _month(month)
    if day is not None and (month is None or month > 12 or not 1 <= day <= 31):
        day = None
    return (year, month, day)


def _from_list(values: Any) -> DateParts | None:
    if not isinstance(values, (list, tuple)) or not values:
        return None
    numbers = [_int(v) for v in list(values)[:3]] + [None, None]
    year = numbers[0]
    if year is None:
        return None
    return _triple(year, numbers[1], numbers[2])


def _from_date_parts(value: Any) -> tuple[DateParts, ...]:
    if not isinstance(value, (list, tuple)) or not value:
        return ()
    start = _from_list(value[0])
    if start is None or start[0] == 0:
        return ()
    if len(value) < 2:
        return (start,)
    end = _from_list(value[1])
    if end is None or end[0] == 0:
        return (start, OPEN)
    return (start,) if end == start else (start, end)


def _words(text: str) -> tuple[DateParts, bool] | None:
    """A date written with words ("3 May 2000", "May 3, 2000", "Spring 2001", "250 BC")."""
    if not _WORDY.fullmatch(text):
        return None
    year = month = day = None
    circa = negative = False
    numbers: list[int] = []
    for token in _TOKEN.findall(text.lower()):
        if token.isdigit():
            numbers.append(int(token))
        elif (token in _MONTHS or token in _SEASONS) and month is None:
            month = _MONTHS.get(token) or _SEASONS[token]
        elif token in _CIRCA:
            circa = True
        elif token in ("bc", "bce"):
            negative = True
        elif token not in ("ad", "ce", "of", "the"):
            return None
    for number in numbers:
        if year is None and (number > 31 or number == numbers[-1] and len(numbers) > 1):
            year = number
        elif day is None and month is not None and 1 <= number <= 31:
            day = number
        elif year is None:
            year = number
        else:
            return None
    if year is not None and negative:
        year = -year
    if year is None and month is None and day is None:
        return None
    return _triple(year, month, day), circa


def _parse_one(text: str) -> tuple[DateParts, bool] | None:
    """One date (the year may be missing: "May" in "May-June 2000")."""
    text = text.strip()
    circa = text.endswith(("?", "~", "%"))
    text = text.rstrip("?~%").strip()
    if not text:
        return None
    month_year = _MONTH_YEAR.fullmatch(text)
    if month_year and 1 <= int(month_year.group(1)) <= 12:
        return _triple(int(month_year.group(2)), int(month_year.group(1)), None), circa
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = (_int(group) for group in iso.groups())
        if year == 0 or (month is not None and _month(month) is None):
            return None
        return _triple(year, month, day), circa
    found = _words(text)
    if found is None:
        return None
    return found[0], found[1] or circa


def _fill(left: str, start: DateParts, end: DateParts) -> DateParts:
    """The start of "May-June 2000" or "3-5 May 2000" takes what it lacks from the end."""
    year, month, day = start
    if left.strip().isdigit() and len(left.strip()) <= 2 and end[2] is not None:
        return (end[0], end[1], int(left))  # "3-5 May 2000": a day, not the year 3
    if year is None:
        year = end[0]
        if month is None:
            month = end[1]
    return (year, month, day)


def _fill_end(right: str, start: DateParts, end: DateParts) -> DateParts:
    """The end of "1990-92" is 1992."""
    digits = right.strip()
    year = start[0]
    if digits.isdigit() and year and end[0] is not None and len(digits) < len(str(year)):
        full = int(str(year)[: len(str(year)) - len(digits)] + digits)
        if full > year:
            return (full, end[1], end[2])
    return end


def _parse_range(text: str) -> tuple[tuple[DateParts, ...], bool] | None:
    for separator in ("/", EN_DASH, "\u2014", " to ", "-"):
        for match in re.finditer(re.escape(separator), text):
            left, right = text[: match.start()], text[match.end() :]
            end = _parse_one(right) if right.strip() not in ("", "..") else (OPEN, False)
            start = _parse_one(left)
            if start is None or end is None:
                continue
            first = _fill(left, start[0], end[0])
            last = _fill_end(right, first, end[0])
            if first[0] is None or (last != OPEN and last[0] is None):
                continue
            return (first, last), start[1] or end[1]
    return None


def parse_raw(text: str) -> Date | None:
    """A date from free text: ISO ("2000-05-03"), EDTF-ish ranges ("2000/2001"), words
    ("May 2000", "3 May 2000", "Spring 2001"), ranges ("1990-1992", "May-June 2000").
    Text that is no date becomes a literal date."""
    text = text.strip()
    if not text:
        return None
    single = _parse_one(text)
    if single is not None and single[0][0] is not None:
        return Date(parts=(single[0],), circa=single[1])
    ranged = _parse_range(text)
    if ranged is not None:
        parts, circa = ranged
        return Date(parts=parts if parts[1] != parts[0] else parts[:1], circa=circa)
    return Date(literal=text)


def _season(value: Any) -> int | str | None:
    number = _int(value)
    if number is not None:
        month = _month(number if number > 4 else number + 12)
        return month - 12 if month and month > 12 else None
    if isinstance(value, str) and value.strip():
        season = _SEASONS.get(value.strip().lower())
        return season - 12 if season else value.strip()
    return None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no")
    return bool(value)


def parse_date(value: Any) -> Date | None:
    """A CSL-JSON date (a dict with "date-parts", "raw", "literal", "season", "circa"),
    or a string parsed as "raw". Bad data gives None or a literal date, never an error."""
    if isinstance(value, str):
        return parse_raw(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Date(parts=((value, None, None),)) if value else None
    if not isinstance(value, dict):
        return None
    season, circa = _season(value.get("season")), _truthy(value.get("circa"))
    parts = _from_date_parts(value.get("date-parts"))
    if not parts and _int(value.get("year")) is not None:  # the old CSL-JSON form
        year, month, day = (_int(value.get(key)) for key in PART_NAMES)
        parts = (_triple(year, month, day),)
    if parts:
        return Date(parts=parts, season=season, circa=circa)
    literal = value.get("literal")
    if isinstance(literal, str) and literal.strip():
        return Date(literal=literal, circa=circa)
    raw = value.get("raw")
    if isinstance(raw, str):
        parsed = parse_raw(raw)
        if parsed is not None:
            return replace(parsed, season=season or parsed.season, circa=circa or parsed.circa)
    return None
