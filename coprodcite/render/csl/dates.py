"""CSL dates: ``cs:date`` rendered to rich text (localized and non-localized formats,
ranges, seasons, AD/BC, sort keys). Parsing is in :mod:`.date_parse` (re-exported here).

Rendering follows CSL 1.0.2: a localized date (``form`` "text" or "numeric") takes its
date-parts, their order, affixes and delimiter from the locale, the style's
``cs:date-part`` elements overriding every attribute but the affixes; a non-localized
date uses the style's date-parts in their order. A range repeats only the parts that
differ, joined by the ``range-delimiter`` of the largest differing part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from coprodcite.render.csl.date_parse import (
    EN_DASH,
    OPEN,
    PART_NAMES,
    Date,
    DateParts,
    parse_date,
    parse_raw,
)
from coprodcite.render.csl.locale import Locale, gender_of
from coprodcite.render.csl.numbers import ordinal
from coprodcite.render.csl.rich import Formatting, Out, formatting_of, joined, leaf, span
from coprodcite.render.csl.style import Node

__all__ = ["OPEN", "Date", "DateParts", "parse_date", "parse_raw", "render_date", "sort_key"]

TextCase = Callable[[Out, str], None]


@dataclass(frozen=True, slots=True)
class _Part:
    """One cs:date-part to render: its name, (merged) attributes and formatting."""

    name: str
    attrs: dict[str, str]
    fmt: Formatting


@dataclass(frozen=True, slots=True)
class _Context:
    date: Date
    locale: Locale
    case: TextCase | None


def _style_parts(node: Node) -> list[_Part]:
    return [
        _Part(p.attrs.get("name", ""), p.attrs, p.fmt)
        for p in node.all("date-part")
        if p.attrs.get("name") in PART_NAMES
    ]


def _localized_parts(node: Node, format_node: Node) -> list[_Part]:
    shown = node.attrs.get("date-parts", "year-month-day").split("-")
    overrides = {p.attrs.get("name"): p.attrs for p in node.all("date-part")}
    parts = []
    for part in format_node.all("date-part"):
        name = part.attrs.get("name", "")
        if name not in shown or name not in PART_NAMES:
            continue
        attrs = dict(part.attrs)
        attrs.update(
            (k, v) for k, v in overrides.get(name, {}).items() if k not in ("prefix", "suffix")
        )
        parts.append(_Part(name, attrs, formatting_of(attrs, delimiter=False)))
    return parts


def _value(parts: DateParts, name: str) -> int | None:
    year, month, day = parts
    if name == "year":
        return year
    if name == "month":
        return month
    return day if month is not None and month <= 12 else None


def _year_text(year: int, form: str, locale: Locale) -> str:
    if form == "short":
        return f"{abs(year) % 100:02d}"
    if year < 0:
        return f"{-year}{locale.term('bc') or ' BC'}"
    if year < 1000:
        return f"{year}{locale.term('ad') or ' AD'}"
    return str(year)


def _season_text(season: int | str, locale: Locale) -> str:
    if isinstance(season, str):
        return season
    return locale.term(f"season-{season:02d}") or ""


def _month_text(month: int | None, part: _Part, ctx: _Context) -> str | None:
    if month is None:
        if ctx.date.season is None:
            return None
        text = _season_text(ctx.date.season, ctx.locale)
    elif month > 12:
        text = _season_text(month - 12, ctx.locale)
    else:
        form = part.attrs.get("form", "long")
        if form == "numeric":
            return str(month)
        if form == "numeric-leading-zeros":
            return f"{month:02d}"
        text = ctx.locale.term(f"month-{month:02d}", "short" if form == "short" else "long") or ""
    if part.attrs.get("strip-periods") == "true":
        text = text.replace(".", "")
    return text


def _day_text(day: int, month: int, form: str, locale: Locale) -> str:
    if form == "numeric-leading-zeros":
        return f"{day:02d}"
    if form == "ordinal" and (day == 1 or not locale.limit_day_ordinals):
        return ordinal(day, locale, gender_of(locale, f"month-{month:02d}"))
    return str(day)


def _part_text(part: _Part, parts: DateParts, ctx: _Context) -> str | None:
    value = _value(parts, part.name)
    form = part.attrs.get("form", "")
    if part.name == "year":
        return None if value is None else _year_text(value, form, ctx.locale)
    if part.name == "month":
        return _month_text(value, part, ctx)
    if value is None or parts[1] is None:
        return None
    return _day_text(value, parts[1], form, ctx.locale)


def _render_part(part: _Part, parts: DateParts, ctx: _Context) -> Out | None:
    text = _part_text(part, parts, ctx)
    if not text:
        return None
    out = Out([leaf(text)], part.fmt, tag="date-part", data=part.name)
    text_case = part.attrs.get("text-case")
    if text_case and ctx.case is not None:
        ctx.case(out, text_case)
    return out


def _render_all(parts: list[_Part], values: DateParts, ctx: _Context) -> list[Out]:
    return [out for part in parts if (out := _render_part(part, values, ctx)) is not None]


def _range(
    first: list[Out], second: list[Out], delimiter: str, joiner: str, ends: bool = True
) -> Out | None:
    """``first`` + range delimiter + ``second``; the affixes facing the delimiter go."""
    if not first:
        return span(list(second), joined(delimiter))
    first[-1].fmt = replace(first[-1].fmt, suffix="")
    if second:
        second[0].fmt = replace(second[0].fmt, prefix="")
    sides = [span(list(first), joined(delimiter)), leaf(joiner)]
    if ends:
        sides.append(span(list(second), joined(delimiter)))
    return Out([side for side in sides if side is not None])


def _body(parts: list[_Part], ctx: _Context, delimiter: str) -> Out | None:
    start, end = ctx.date.parts[0], ctx.date.end
    shown = [part.name for part in parts]
    by_name = {part.name: part for part in parts}
    differing = [
        name
        for name in PART_NAMES
        if end is not None and name in shown and _value(start, name) != _value(end, name)
    ]
    if end is None or not differing:
        return span(list(_render_all(parts, start, ctx)), joined(delimiter))
    largest = "year" if end == OPEN else differing[0]
    joiner = EN_DASH
    if largest in by_name:
        joiner = by_name[largest].attrs.get("range-delimiter", EN_DASH)
    names = {"year": PART_NAMES, "month": ("month", "day"), "day": ("day",)}[largest]
    indices = [index for index, part in enumerate(parts) if part.name in names]
    low, high = min(indices), max(indices) + 1
    middle = _range(
        _render_all(parts[low:high], start, ctx),
        _render_all(parts[low:high], end, ctx),
        delimiter,
        joiner,
        ends=end != OPEN,
    )
    children = [*_render_all(parts[:low], start, ctx), middle]
    children += _render_all(parts[high:], start, ctx)
    return span(children, joined(delimiter))


def _outer(node: Node) -> Formatting:
    return replace(node.fmt, delimiter="")


def _apply_case(out: Out, attrs: dict[str, str], case: TextCase | None) -> None:
    text_case = attrs.get("text-case")
    if text_case and case is not None:
        case(out, text_case)


def render_date(
    node: Node, date: Date | None, locale: Locale, *, case: TextCase | None = None
) -> Out | None:
    """A cs:date ``node`` rendering ``date`` as an Out tagged "date" (None when nothing
    shows). Each date-part is a child Out tagged "date-part" (``data`` = its name), with
    its own formatting and affixes. ``case(out, text_case)`` applies the text-case of the
    date-parts and of the date itself."""
    if date is None:
        return None
    if not date.parts:
        if not date.literal:
            return None
        out = Out([leaf(date.literal)], _outer(node), tag="date", data=date)
        _apply_case(out, node.attrs, case)
        return out
    ctx = _Context(date, locale, case)
    form = node.attrs.get("form")
    format_node = locale.dates.get(form) if form else None
    if format_node is not None:
        body = _body(_localized_parts(node, format_node), ctx, format_node.fmt.delimiter)
        if body is not None:
            body = Out([body], replace(format_node.fmt, delimiter=""))
            _apply_case(body, format_node.attrs, case)
    else:
        body = _body(_style_parts(node), ctx, node.fmt.delimiter)
    if body is None:
        return None
    out = Out([body], _outer(node), tag="date", data=date)
    _apply_case(out, node.attrs, case)
    return out


def _shown(node: Node, locale: Locale) -> tuple[str, ...]:
    form = node.attrs.get("form")
    if form and form in locale.dates:
        return tuple(node.attrs.get("date-parts", "year-month-day").split("-"))
    names = tuple(part.name for part in _style_parts(node))
    return names or PART_NAMES


def _sort_parts(parts: DateParts, shown: tuple[str, ...]) -> str:
    year, month, day = parts
    if month is not None and month > 12:
        month = day = None  # seasons sort with the year alone
    y = f"{year + _YEAR_OFFSET:05d}" if year is not None and "year" in shown else "00000"
    m = f"{month:02d}" if month is not None and "month" in shown else "00"
    d = f"{day:02d}" if day is not None and month is not None and "day" in shown else "00"
    return f"{y}-{m}-{d}"


_YEAR_OFFSET = 10000  # years -9999..89999 keep their order as fixed-width text


def sort_key(node: Node, date: Date | None, locale: Locale) -> str | None:
    """``date`` as a cs:date ``node`` gives it to a macro sort key: the date-parts the
    node shows as fixed-width text, "YYYYY-MM-DD" with the year offset by 10000 so
    that BC years sort first, missing parts as zeros; a range is "start/end" (an open
    one "start/"). A literal date is its text."""
    if date is None:
        return None
    if not date.parts:
        return date.literal or None
    shown = _shown(node, locale)
    key = _sort_parts(date.parts[0], shown)
    if date.end is not None:
        key += "/" + ("" if date.end == OPEN else _sort_parts(date.end, shown))
    return key
