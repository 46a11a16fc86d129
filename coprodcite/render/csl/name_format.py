"""Formatting one personal name: order, particles, initials, name-part formatting.

A name's pieces take the formatting of their cs:name-part: the ``given`` part formats
the given name and the dropping particle, the ``family`` part the family name and the
non-dropping particle (each piece on its own, so ``<b>van</b> <b>Gogh</b>``); the
name-part affixes enclose the pieces that print together: displayed in order
(``Vincent van Gogh``), the family affixes enclose particles, family and suffix;
inverted (``Gogh, Vincent van`` with demote-non-dropping-particle, else ``van Gogh,
Vincent``), the given affixes enclose the given name and the particles after it.

Names without a letter of a script written with spaces (Chinese, Japanese, Korean...)
print family then given with no space; a name in such a script with a Latin given
name, or with ``static-ordering``, or of a Chinese or Japanese item, prints family then
given with a space. Given names are initialized per ``initialize-with`` (see
:mod:`.name_initials`); the add-givenname levels expand a name (1: initials where a
short name had none, 2: the full given name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coprodcite.render.csl.context import Ctx
from coprodcite.render.csl.name_initials import (
    has_romanesque,
    initialize,
    normalize,
    starts_romanesque,
)
from coprodcite.render.csl.rich import Formatting, Out, leaf
from coprodcite.render.csl.style import Node

if TYPE_CHECKING:
    from coprodcite.render.csl.names import NameOptions

__all__ = ["format_name", "initialize", "is_latin", "shows_inverted"]

_APOSTROPHES = ("'", "\u02bc", "\u2019")
_GLUED = (*_APOSTROPHES, "-", " ")


def is_latin(text: str) -> bool:
    """True when ``text`` has a letter of a script written with spaces (or is empty)."""
    return not text or has_romanesque(text)


def _order(name: dict[str, Any], ctx: Ctx) -> int:
    """0: family+given with no space; 1: family given; 2: the style's order."""
    family = str(name.get("family", "")).replace('"', "")
    if not has_romanesque(family):
        given = str(name.get("given", ""))
        return 1 if given and starts_romanesque(given) else 0
    if name.get("static-ordering") in (True, "true", 1):
        return 1
    language = str(ctx.ref.raw.get("language") or "")[:2].lower()
    return 1 if language in ("ja", "zh") else 2


def shows_inverted(name: dict[str, Any], inverted: bool, ctx: Ctx) -> bool:
    """Whether ``name`` prints inverted (``Doe, John``) when the options ask for it."""
    return inverted and "literal" not in name and _order(name, ctx) == 2


def format_name(
    name: dict[str, Any],
    opts: NameOptions,
    inverted: bool,
    name_node: Node | None,
    ctx: Ctx,
    level: int = 0,
) -> Out | None:
    """One name as rich text tagged ``name``, the name's dict as its data (so the
    registry can tell which names a cite shows); None when it has nothing to print."""
    parts = _name_parts(name_node)
    if "literal" in name:
        out = _piece(name["literal"], parts.get("family"), ctx, affixes=True)
        return Out([out], tag="name", data=name) if out is not None else None
    family = str(name.get("family", ""))
    given = str(name.get("given", ""))
    if not family and not given:
        return None
    form, init_with = opts.form, opts.initialize_with
    if level >= 1 and form == "short":
        form = "long"
        if level >= 2:
            init_with = None
    elif level >= 2:
        init_with = None
    initials = _initials(init_with, opts.initialize, ctx) if family and given else None
    short = form == "short" and bool(family)
    if ctx.sort_names:
        plain = _TAG.sub("", given)
        return _sort_key(name, initials(plain) if initials else plain, short, ctx)
    pieces = _Pieces(name, given, initials, short, parts, ctx)
    order = _order(name, ctx)
    if order < 2:
        out = _join([pieces.ndp, pieces.family, pieces.given], " " if order else "")
    elif inverted:
        out = _inverted(pieces, name, opts, ctx)
    else:
        out = _displayed(pieces, name, opts, ctx)
    return Out([out], tag="name", data=name) if out is not None else None


class _Pieces:
    """A name's pieces, each formatted by its name-part (affixes not yet applied)."""

    def __init__(
        self,
        name: dict[str, Any],
        given: str,
        initials: Callable[[str], str] | None,
        short: bool,
        parts: dict[str, Node],
        ctx: Ctx,
    ) -> None:
        self.parts = parts
        given_part, family_part = parts.get("given"), parts.get("family")
        self.raw_dp = "" if short else str(name.get("dropping-particle", ""))
        self.raw_ndp = str(name.get("non-dropping-particle", ""))
        self.family = _piece(str(name.get("family", "")), family_part, ctx)
        self.ndp = _piece(self.raw_ndp, family_part, ctx)
        self.given = None if short else _piece(given, given_part, ctx, initials)
        self.dp = _piece(self.raw_dp, given_part, ctx)
        suffix = "" if short else str(name.get("suffix", ""))
        self.suffix = leaf(suffix.replace("'", "\u2019")) if suffix else None

    def affixed(self, out: Out | None, part: str) -> Out | None:
        node = self.parts.get(part)
        if out is None or node is None or not (node.fmt.prefix or node.fmt.suffix):
            return out
        return Out([out], Formatting(prefix=node.fmt.prefix, suffix=node.fmt.suffix))


def _displayed(pieces: _Pieces, name: dict[str, Any], opts: NameOptions, ctx: Ctx) -> Out | None:
    """``Vincent van Gogh Jr.``"""
    family, dp = pieces.family, pieces.dp
    glued_dp = pieces.raw_dp.endswith((*_APOSTROPHES, "-"))
    if dp is not None and family is not None and pieces.ndp is None and glued_dp:
        family, dp = _join([dp, family], ""), None  # d'Aubignac
    space = " "
    locale = ctx.style.attrs.get("default-locale", "")[:2]
    if locale in ("fr", "ru", "cs") and "\u00a0" in (opts.initialize_with or ""):
        space = "\u00a0"
    if pieces.raw_ndp.endswith(_GLUED):
        second = _join([dp, _join([pieces.ndp, family], "")], space)
    else:
        second = _join([dp, pieces.ndp, family], space)
    comma = name.get("comma-suffix") in (True, "true", 1)
    second = _join([second, pieces.suffix], ", " if comma else " ")
    return _join([pieces.affixed(pieces.given, "given"), pieces.affixed(second, "family")], space)


def _inverted(pieces: _Pieces, name: dict[str, Any], opts: NameOptions, ctx: Ctx) -> Out | None:
    """``Gogh, Vincent van`` (particle demoted) or ``van Gogh, Vincent``."""
    sep = opts.sort_separator
    if str(name.get("given", "")) in ("Lord", "Lady"):
        sep = ", "
    demote = ctx.style.attrs.get("demote-non-dropping-particle", "display-and-sort")
    if demote in ("always", "display-and-sort"):
        second = _join([_join([pieces.given, pieces.dp], " "), pieces.ndp], " ")
        first = pieces.family
    else:
        glue = "" if pieces.raw_ndp.endswith(_GLUED) else " "
        first = _join([pieces.ndp, pieces.family], glue)
        second = _join([pieces.given, pieces.dp], " ")
    merged = _join([pieces.affixed(first, "family"), pieces.affixed(second, "given")], sep)
    return _join([merged, pieces.suffix], sep)


def _sort_key(name: dict[str, Any], given: str, short: bool, ctx: Ctx) -> Out:
    """A name as a sort key: family first, particles placed per
    demote-non-dropping-particle, apostrophes of particles dropped."""
    ndp = _no_apostrophe(str(name.get("non-dropping-particle", "")))
    dp = "" if short else _no_apostrophe(str(name.get("dropping-particle", "")))
    family = str(name.get("family", "")) or ("" if short else given)
    given = "" if short or not name.get("family") else given
    suffix = "" if short else str(name.get("suffix", ""))
    if ctx.style.attrs.get("demote-non-dropping-particle", "display-and-sort") == "never":
        words = [ndp, family, dp, given, suffix]
    else:
        words = [family, given, dp, ndp, suffix]
    return leaf(" ".join(w for w in words if w), tag="name")


def _no_apostrophe(text: str) -> str:
    for mark in _APOSTROPHES:
        text = text.replace(mark, "", 1)
    return text


def _name_parts(name_node: Node | None) -> dict[str, Node]:
    if name_node is None:
        return {}
    return {p.attrs.get("name", ""): p for p in name_node.all("name-part")}


def _initials(
    init_with: str | None, initialize_names: bool, ctx: Ctx
) -> Callable[[str], str] | None:
    """What initialize-with does to a given name (None: nothing)."""
    if init_with is None:
        return None
    hyphen = ctx.style.attrs.get("initialize-with-hyphen", "true") != "false"
    if initialize_names:
        return lambda given: initialize(given, init_with, hyphen)
    return lambda given: normalize(given, init_with, hyphen)


_TAG = re.compile(r"<[^>]*>")


def _piece(
    text: str,
    part: Node | None,
    ctx: Ctx,
    transform: Callable[[str], str] | None = None,
    *,
    affixes: bool = False,
) -> Out | None:
    """``text`` (rich text if it has markup, initialized by ``transform``) with its
    name-part's formatting (and affixes when asked)."""
    if not text:
        return None
    if "<" in text or "&" in text:
        from coprodcite.render.csl.fieldtext import parse_field

        out = parse_field(text)
        if transform is not None:
            for node in out.leaves():
                node.text = _leafwise(transform, node.text or "")
    else:
        out = leaf((transform(text) if transform else text).replace("'", "\u2019"))
    if part is None:
        return out
    from coprodcite.render.csl.finish import finish

    fmt = part.fmt if affixes else part.fmt.without_affixes()
    return finish(out, part, ctx, fmt=fmt)


def _leafwise(transform: Callable[[str], str], text: str) -> str:
    """``transform`` applied to one run of a marked-up given name, keeping the space or
    hyphen that joins it to the run before."""
    body = text.lstrip(" -")
    lead = text[: len(text) - len(body)]
    joint = "-" if "-" in lead else (" " if lead else "")
    return joint + transform(body) if body.strip() else joint


def _join(pieces: list[Out | None], sep: str) -> Out | None:
    """The pieces that are there, joined by ``sep`` (no doubled space where a piece
    already ends or starts with one, e.g. a name-part suffix ``&#160;``)."""
    kept = [p for p in pieces if p is not None and not p.is_empty()]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    children: list[Out] = [kept[0]]
    for previous, piece in zip(kept, kept[1:], strict=False):
        glue = sep
        if previous.plain_text()[-1:].isspace():
            glue = glue.lstrip()
        if piece.plain_text()[:1].isspace():
            glue = glue.rstrip()
        if glue:
            children.append(leaf(glue))
        children.append(piece)
    return Out(children)
