"""Disambiguation of citations, in the order CSL 1.0.2 gives.

Cites of different items that render the same are ambiguous (the text compared is the
whole rendered cite, in its first-position form and, for items also cited later or
styles with ``et-al-subsequent-*``, in its subsequent form). The style's methods are
tried in turn on what is still ambiguous:

1. ``givenname-disambiguation-rule`` other than ``by-cite``: names that share a family
   name with another person anywhere in the document are expanded (initials, or the
   full given name when initials do not tell them apart), ambiguous or not;
2. ``disambiguate-add-names`` (with ``by-cite`` given names): each ambiguous item
   shows the fewest extra names that leave it clashing with the fewest other items,
   expanding (by-cite) only the names whose expansion removes a clash;
3. the ``disambiguate="true"`` condition for the items still ambiguous, one more
   element that tests it at a time (the first test met, then the first two...);
4. ``disambiguate-add-year-suffix``: a, b, c... in bibliography order within each set
   of items that still render the same. A style that never renders the
   ``year-suffix`` variable gets it after the year of the first date (see
   :func:`implicit_year_suffix`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coprodcite.render.csl.context import Cite, Disamb
from coprodcite.render.csl.rich import Out, leaf

if TYPE_CHECKING:
    from coprodcite.render.csl.processor import Engine

__all__ = ["disambiguate", "implicit_year_suffix"]


@dataclass
class _Forms:
    """How one item's cites are rendered for comparison."""

    first: Cite
    subsequent: Cite | None = None
    cited_later: bool = False


@dataclass
class _State:
    engine: Engine
    forms: dict[str, _Forms] = field(default_factory=dict)
    cache: dict[tuple[Any, ...], tuple[str, str]] = field(default_factory=dict)


def disambiguate(
    engine: Engine, ids: list[str], clusters: Sequence[Sequence[Cite]] | None = None
) -> None:
    """Set ``engine.disamb`` for ``ids`` (the cited or listed items); ``clusters`` (with
    positions assigned) tell which items are also cited in subsequent position."""
    options = engine.style.citation.options
    ids = [key for key in ids if key in engine.refs]
    if not ids:
        return
    add_names = options.get("disambiguate-add-names") == "true"
    add_given = options.get("disambiguate-add-givenname") == "true"
    rule = options.get("givenname-disambiguation-rule", "by-cite")
    state = _State(engine, _forms(engine, ids, clusters or []))
    if add_given and rule != "by-cite":
        _global_names(state, ids, rule)
    groups = _groups(state, ids)
    if not groups:
        return
    if add_names or (add_given and rule == "by-cite"):
        by_cite = add_given and rule == "by-cite"
        for group in groups:
            if _same_names(engine, group):
                continue  # more names or given names cannot tell these cites apart
            chosen = [_best_names(state, key, group, add_names, by_cite) for key in group]
            for key, (n, levels) in zip(group, chosen, strict=True):
                target = engine.disamb[key]
                target.add_names = n
                for index, level in levels.items():
                    target.givenname[index] = max(target.givenname.get(index, 0), level)
        groups = _regroup(state, groups)
    tests = engine.style.features.disambiguate_tests
    for level in range(1, tests + 1):  # one more disambiguate="true" element at a time
        if not groups:
            break
        for group in groups:
            for key in group:
                engine.disamb[key].condition = level
        groups = _regroup(state, groups)
    if groups and options.get("disambiguate-add-year-suffix") == "true":
        _year_suffixes(engine, groups)


def _same_names(engine: Engine, group: list[str]) -> bool:
    """Whether every item of ``group`` has the same names in every name variable: then
    adding names or given names changes all their cites alike (Smith 2020a, 2020b: the
    same authors' works of a year go straight to the later steps)."""
    first = engine.refs[group[0]].names
    return all(engine.refs[key].names == first for key in group[1:])


# -- rendering and comparing -----------------------------------------------------------


def _forms(engine: Engine, ids: list[str], clusters: Sequence[Sequence[Cite]]) -> dict[str, _Forms]:
    options = engine.style.citation.options
    subsequent_names = any(k.startswith("et-al-subsequent") for k in options)
    first_note: dict[str, int | None] = {}
    later: set[str] = set()
    for cluster in clusters:
        for cite in cluster:
            first_note.setdefault(cite.id, cite.note)
            if cite.position != "first":
                later.add(cite.id)
    uses_position = subsequent_names or engine.style.features.tests_position
    forms: dict[str, _Forms] = {}
    for key in ids:
        note = first_note.get(key)
        form = _Forms(Cite(key, note=note))  # as assign_positions makes a first cite
        if uses_position:
            form.subsequent = Cite(key, position="subsequent", note=note, first_note=note)
            form.cited_later = key in later or subsequent_names
        forms[key] = form
    return forms


def _texts(state: _State, key: str, disamb: Disamb) -> tuple[str, str]:
    cache_key = (
        key,
        disamb.add_names,
        tuple(sorted(disamb.givenname.items())),
        disamb.givenname_all,
        disamb.condition,
        disamb.year_suffix,
    )
    cached = state.cache.get(cache_key)
    if cached is not None:
        return cached
    forms = state.forms[key]
    first = _write(state.engine, forms.first, disamb)
    later = _write(state.engine, forms.subsequent, disamb) if forms.subsequent else ""
    state.cache[cache_key] = (first, later)
    return first, later


def _write(engine: Engine, cite: Cite, disamb: Disamb) -> str:
    """The cite's text to compare: its leaves, affixes and delimiters (formatting and
    the punctuation fixes of the output layer never tell two cites apart)."""
    out = engine.render_cite(cite, disamb=disamb)
    return out.plain_text() if out is not None else ""


def _clash(state: _State, a: str, b: str, da: Disamb, db: Disamb) -> bool:
    first_a, later_a = _texts(state, a, da)
    first_b, later_b = _texts(state, b, db)
    if first_a and first_a == first_b:
        return True
    either_later = state.forms[a].cited_later or state.forms[b].cited_later
    return bool(either_later and later_a and later_a == later_b)


def _groups(state: _State, ids: list[str]) -> list[list[str]]:
    """The sets of items (two or more) that clash, directly or through another."""
    disamb = state.engine.disamb
    parent = {key: key for key in ids}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(keys: list[str]) -> None:
        for other in keys[1:]:
            if root(other) != root(keys[0]):
                parent[root(other)] = root(keys[0])

    # items clash when their first texts are equal, or their subsequent texts are and
    # one of them is cited later: bucket by text instead of comparing every pair
    by_first: dict[str, list[str]] = {}
    by_later: dict[str, list[str]] = {}
    for key in ids:
        first, later = _texts(state, key, disamb[key])
        if first:
            by_first.setdefault(first, []).append(key)
        if later:
            by_later.setdefault(later, []).append(key)
    for keys in by_first.values():
        union(keys)
    for keys in by_later.values():
        if len(keys) > 1 and any(state.forms[k].cited_later for k in keys):
            union(keys)
    members: dict[str, list[str]] = {}
    for key in ids:
        members.setdefault(root(key), []).append(key)
    return [group for group in members.values() if len(group) > 1]


def _regroup(state: _State, groups: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for group in groups:
        out.extend(_groups(state, group))
    return out


# -- add-names and by-cite given names -------------------------------------------------


def _with(base: Disamb, add_names: int, levels: dict[int, int]) -> Disamb:
    merged = dict(base.givenname)
    for index, level in levels.items():
        merged[index] = max(merged.get(index, 0), level)
    return Disamb(add_names, merged, base.givenname_all, base.condition, base.year_suffix)


def _clashes(state: _State, key: str, group: list[str], n: int, levels: dict[int, int]) -> int:
    """How many other items of ``group`` render as ``key`` does when all of them show
    ``n`` more names and expand the names at ``levels``."""
    disamb = state.engine.disamb
    mine = _with(disamb[key], n, levels)
    return sum(
        1
        for other in group
        if other != key and _clash(state, key, other, mine, _with(disamb[other], n, levels))
    )


def _best_names(
    state: _State, key: str, group: list[str], add_names: bool, by_cite: bool
) -> tuple[int, dict[int, int]]:
    """The extra names and given-name levels that leave ``key`` clashing with the
    fewest other items of ``group`` (the fewest names among equals).

    Names are added one at a time up to ten, then in growing steps (a record may have a
    thousand authors); once a step tells the item apart, the fewest names that do so
    are found between the last two steps.
    """
    names = state.engine.refs[key].names
    # items with the same names as this one clash whatever names are added: only the
    # others can be told apart by names (a twin goes on to the later steps)
    group = [k for k in group if k == key or state.engine.refs[k].names != names]
    if len(group) == 1:
        return 0, {}
    most = _name_count(state.engine, key)
    best: tuple[int, int, dict[int, int]] | None = None
    previous: tuple[str, str] | None = None
    last = 0
    for n in _steps(most) if add_names else [0]:
        texts = _texts(state, key, _with(state.engine.disamb[key], n, {}))
        if texts == previous:  # no more names to show
            break
        previous = texts
        levels: dict[int, int] = {}
        count = _clashes(state, key, group, n, levels)
        if by_cite and count:
            count, levels = _expand_given(state, key, group, n, count, most)
        if best is None or count < best[0]:
            best = (count, n, levels)
        if not count:
            if not levels and n - last > 1:
                best = (0, _fewest(state, key, group, last + 1, n), {})
            break
        last = n
    return (best[1], best[2]) if best is not None else (0, {})


def _steps(most: int) -> list[int]:
    """0, 1, ... 10, then about a third more each time, up to ``most``."""
    steps = list(range(min(most, 10) + 1))
    n = 10
    while n < most:
        n = min(most, n + max(1, n // 3))
        steps.append(n)
    return steps


def _fewest(state: _State, key: str, group: list[str], low: int, high: int) -> int:
    """The fewest added names in ``low..high`` that tell ``key`` apart (``high`` does)."""
    while low < high:
        middle = (low + high) // 2
        if _clashes(state, key, group, middle, {}):
            low = middle + 1
        else:
            high = middle
    return high


def _expand_given(
    state: _State, key: str, group: list[str], n: int, count: int, most: int
) -> tuple[int, dict[int, int]]:
    levels: dict[int, int] = {}
    for index in range(min(most, n + _use_first(state.engine, most))):  # names shown
        for level in (1, 2):
            trial = {**levels, index: level}
            clashes = _clashes(state, key, group, n, trial)
            if clashes < count:
                levels, count = trial, clashes
                break
        if not count:
            break
    return count, levels


def _use_first(engine: Engine, most: int) -> int:
    """How many names a citation shows before "et al." (all when et-al is not set)."""
    try:
        return int(engine.style.citation.options.get("et-al-use-first", most))
    except ValueError:
        return most


def _name_count(engine: Engine, key: str) -> int:
    return max((len(names) for names in engine.refs[key].names.values()), default=0)


# -- given names document-wide ---------------------------------------------------------


def _family(name: dict[str, Any]) -> str:
    return " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)


def _given(name: dict[str, Any]) -> str:
    """The given name without spaces and periods (``J. J.`` and ``J.J.`` are one)."""
    return "".join(ch for ch in str(name.get("given", "")) if ch not in " .")


def _initials(given: str) -> str:
    return "".join(ch for ch in given if ch.isupper()) or given[:1]


def _global_names(state: _State, ids: list[str], rule: str) -> None:
    """Expand the names cites show that share a family name with another name some cite
    shows (only first names for the primary-name rules). CSL 1.0.2 Disambiguation: the
    global rules disambiguate the names of cites, so the names of a variable no cite
    prints (a translator) are neither expanded nor make another name ambiguous (APA:
    "(Lee & Petrov, 2022)" although a translator is called A. Lee)."""
    engine = state.engine
    primary = rule.startswith("primary-name")
    initials_only = rule.endswith("with-initials")
    # only an item with a family name some other item has (in any name variable) can
    # need expanding: the cites of the others are not rendered for this
    owners: dict[str, set[str]] = {}
    for key in ids:
        for listed in engine.refs[key].names.values():
            for person in listed[:1] if primary else listed:
                if person.get("family"):
                    owners.setdefault(_family(person), set()).add(key)
    shared = {key for keys in owners.values() if len(keys) > 1 for key in keys}
    shown = {key: _shown_names(state, key, primary) for key in ids if key in shared}
    people: dict[str, set[str]] = {}
    for names in shown.values():
        for _, name in names:
            people.setdefault(_family(name), set()).add(_given(name))
    for key, found in shown.items():
        target = engine.disamb[key]
        for index, name in found:
            given = _given(name)
            others = people.get(_family(name), set()) - {given}
            if not others:
                continue
            same_initials = any(_initials(o) == _initials(given) for o in others)
            if same_initials and initials_only:
                continue
            level = 2 if same_initials else 1
            target.givenname[index] = max(target.givenname.get(index, 0), level)


def _shown_names(state: _State, key: str, primary: bool) -> list[tuple[int, dict[str, Any]]]:
    """(index, name) of the personal names in the name variables the item's first cite
    prints (all of them, as add-names may show those et-al hides; the first only for
    the primary-name rules); variables no cite prints (a translator) do not count."""
    out = state.engine.render_cite(state.forms[key].first, disamb=Disamb())
    if out is None:
        return []
    names = state.engine.refs[key].names
    found: list[tuple[int, dict[str, Any]]] = []
    for node in _names_nodes(out):
        for variable in node.data or ():
            for index, name in enumerate(names.get(variable, ())):
                if name.get("family"):
                    found.append((index, name))
                if primary:
                    return found
    return found


def _names_nodes(out: Out) -> list[Out]:
    """The cs:names outputs in ``out``, those inside a substitute too."""
    found = []
    stack = [out]
    while stack:
        node = stack.pop()
        if node.tag == "names" and node.data != ("substitute",):
            found.append(node)
        stack.extend(reversed(node.children))
    return found


# -- year-suffix -----------------------------------------------------------------------


def _year_suffixes(engine: Engine, groups: list[list[str]]) -> None:
    order = {key: n for n, key in enumerate(engine.registered)}
    for group in groups:
        for n, key in enumerate(sorted(group, key=lambda k: order.get(k, 0))):
            engine.disamb[key].year_suffix = n


def implicit_year_suffix(engine: Engine, out: Out | None, disamb: Disamb | None) -> Out | None:
    """Add the year-suffix after the year of the first date of ``out`` when the style
    never renders the ``year-suffix`` variable itself (CSL 1.0.2: by default the suffix
    follows the first year rendered through cs:date); a node tagged ``citation-label``
    takes it instead (citeproc-js: ``Smit00a``)."""
    if out is None or disamb is None or disamb.year_suffix is None:
        return out
    if engine.style.features.renders_year_suffix:
        return out
    label = next(out.find("citation-label"), None)  # a trigraph carries the suffix
    date = label or next(out.find("date"), None)
    if date is None:
        return out
    from coprodcite.render.csl.evaluate import year_suffix_letters

    n = disamb.year_suffix
    suffix = leaf(year_suffix_letters(n), tag="year-suffix", data=n)
    if date.text is not None:  # a literal date
        date.children, date.text = [leaf(date.text), suffix], None
    elif not _after_year(date, suffix):
        date.children.append(suffix)
    return out


def _after_year(node: Out, suffix: Out) -> bool:
    for index, child in enumerate(node.children):
        if child.tag == "date-part" and child.data == "year":
            node.children.insert(index + 1, suffix)
            return True
        if _after_year(child, suffix):
            return True
    return False
