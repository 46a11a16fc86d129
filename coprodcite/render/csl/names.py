"""cs:names: name lists, et-al, labels, substitution, and the name options a style
inherits (cs:style → cs:citation/cs:bibliography → cs:names → cs:name).

One name is formatted by :mod:`.name_format`; this module chooses which names appear
(et-al, et-al-use-last, et-al-subsequent-*, the names added by disambiguation), joins
them with the delimiters and "and", adds the label, and runs cs:substitute when every
variable is empty. The output is tagged ``names`` with the rendered names' identities,
for disambiguation and subsequent-author-substitute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coprodcite.render.csl.context import Ctx
from coprodcite.render.csl.name_format import format_name, is_latin, shows_inverted
from coprodcite.render.csl.name_initials import starts_romanesque
from coprodcite.render.csl.rich import Out, joined, leaf, span, without_delimiter
from coprodcite.render.csl.style import Node

__all__ = ["NameOptions", "render_names", "trigraph"]


@dataclass(slots=True)
class NameOptions:
    and_: str | None
    delimiter: str
    precedes_et_al: str
    precedes_last: str
    et_al_min: int | None
    et_al_use_first: int | None
    et_al_use_last: bool
    form: str
    initialize: bool
    initialize_with: str | None
    sort_order: str | None
    sort_separator: str


def name_options(name: Node | None, ctx: Ctx) -> NameOptions:
    opts = dict(ctx.opts)
    if "name-delimiter" in opts:
        opts.setdefault("delimiter", opts["name-delimiter"])
    if "name-form" in opts:
        opts.setdefault("form", opts["name-form"])
    if name is not None:
        opts.update(name.attrs)
    subsequent = ctx.mode == "citation" and ctx.cite is not None and ctx.cite.position != "first"
    et_al_min = _int(opts.get("et-al-min"))
    use_first = _int(opts.get("et-al-use-first"))
    if subsequent and "et-al-subsequent-min" in opts:
        et_al_min = _int(opts.get("et-al-subsequent-min"))
    if subsequent and "et-al-subsequent-use-first" in opts:
        use_first = _int(opts.get("et-al-subsequent-use-first"))
    if ctx.names_min is not None:
        et_al_min = ctx.names_min
    if ctx.names_use_first is not None:
        use_first = ctx.names_use_first
    use_last = opts.get("et-al-use-last") == "true"
    if ctx.names_use_last is not None:
        use_last = ctx.names_use_last
    sort_order = opts.get("name-as-sort-order")
    if ctx.sort_names:
        sort_order = "all"
    return NameOptions(
        and_=opts.get("and"),
        delimiter=opts.get("delimiter", ", "),
        precedes_et_al=opts.get("delimiter-precedes-et-al", "contextual"),
        precedes_last=opts.get("delimiter-precedes-last", "contextual"),
        et_al_min=et_al_min,
        et_al_use_first=use_first,
        et_al_use_last=use_last,
        form=opts.get("form", "long"),
        initialize=opts.get("initialize", "true") != "false",
        initialize_with=opts.get("initialize-with"),
        sort_order=sort_order,
        sort_separator=opts.get("sort-separator", ", "),
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def render_names(node: Node, ctx: Ctx, inherited: Node | None = None) -> Out | None:
    """Render a cs:names element (``inherited``: the cs:names a substitute shorthand
    takes its cs:name, cs:et-al and cs:label from)."""
    variables = node.attrs.get("variable", "").split()
    if inherited is None and not node.children and ctx.substituting:
        inherited = ctx.substitute_for  # a shorthand inside a cs:choose of the substitute
    source = node if (node.children or inherited is None) else inherited
    name_node = source.child("name")
    etal_node = source.child("et-al")
    label_node = None if ctx.sort_names else source.child("label")  # not in sort keys
    ctx.called += 1
    lists = [
        (var, ctx.ref.names[var])
        for var in variables
        if ctx.ref.names.get(var) and var not in ctx.suppressed
    ]
    if not lists:
        substitute = node.child("substitute")
        if substitute is None:
            return None
        return _substitute(substitute, node if inherited is None else inherited, ctx)
    for var, _ in lists:
        ctx.rendered(var)
    opts = name_options(name_node, ctx)
    if opts.form == "count":
        total = sum(len(_shown(names, opts, ctx)[0]) for _, names in lists)
        return leaf(str(total), tag="count") if total else None
    lists = _editor_translator(lists, ctx)
    label_after = _label_after(source)
    parts: list[Out | None] = []
    for index, (var, names) in enumerate(lists):
        body = _name_list(names, opts, name_node, etal_node, ctx, index)
        label = _label(label_node, var, names, ctx) if label_node is not None else None
        if label is None:
            parts.append(body)
        elif label_after:
            parts.append(span([body, label]))
        else:
            parts.append(span([label, body]))
    delimiter = node.attrs.get("delimiter", ctx.opts.get("names-delimiter", ""))
    inner = span(parts, joined(delimiter))
    if inner is None:
        return None
    if ctx.substituting:
        for var, _ in lists:
            ctx.suppressed.add(var)
    tagged = Out([inner], tag="names", data=tuple(v for v, _ in lists))
    return _wrap(tagged, node, ctx)


def _wrap(out: Out, node: Node, ctx: Ctx) -> Out | None:
    from coprodcite.render.csl.finish import finish

    fmt = node.fmt
    if fmt.delimiter:
        fmt = without_delimiter(fmt)
    return finish(out, node, ctx, fmt=fmt)


def _label_after(names: Node) -> bool:
    """Whether the label follows the names: unless a cs:label comes before a cs:name (a
    cs:label with no cs:name beside it follows the names, as after an implicit cs:name)."""
    order = [c.name for c in names.children if c.name in ("name", "label")]
    return not (order[:1] == ["label"] and "name" in order)


def _editor_translator(lists: list[tuple[str, list[dict[str, Any]]]], ctx: Ctx) -> list[Any]:
    """Identical editor and translator lists print once, as "editortranslator" (unless
    the locale leaves that term empty)."""
    by_var = dict(lists)
    same = "editor" in by_var and by_var.get("editor") == by_var.get("translator")
    if same and ctx.locale.term("editortranslator") != "":
        out = []
        for var, names in lists:
            if var == "translator":
                continue
            out.append(("editortranslator" if var == "editor" else var, names))
        return out
    return lists


def _substitute(substitute: Node, names: Node, ctx: Ctx) -> Out | None:
    was, outer, parent = ctx.substituting, ctx.substituted, ctx.substitute_for
    ctx.substituting, ctx.substitute_for = True, names
    try:
        for child in substitute.children:
            ctx.substituted = set()
            if child.name == "names":
                out = render_names(child, ctx, inherited=names)
            else:
                out = ctx.engine.render_node(child, ctx)  # the evaluator, by its engine
            if out is not None and not out.is_empty():
                # only the variables it rendered, not those its conditions tested
                ctx.suppressed |= ctx.substituted
                outer |= ctx.substituted
                if next(out.find("name"), None) is None:
                    out = Out([out], tag="name")  # a title standing for the names
                return _wrap(Out([out], tag="names", data=("substitute",)), names, ctx)
            if _defined_term(child, ctx):
                ctx.nonempty += 1  # a term the locale defines, even empty, substitutes
                return None
    finally:
        ctx.substituting, ctx.substituted, ctx.substitute_for = was, outer, parent
    return None


def _defined_term(node: Node, ctx: Ctx) -> bool:
    term = node.attrs.get("term")
    if node.name != "text" or term is None:
        return False
    return ctx.locale.find(term, node.attrs.get("form", "long")) is not None


def _label(label: Node, var: str, names: list[dict[str, Any]], ctx: Ctx) -> Out | None:
    from coprodcite.render.csl.finish import finish

    rule = label.attrs.get("plural", "contextual")
    plural = rule == "always" or (rule == "contextual" and len(names) > 1)
    text = ctx.locale.term(var, label.attrs.get("form", "long"), plural)
    if not text:
        return None
    return finish(leaf(text, tag="label"), label, ctx)


def _shown(names: list[dict[str, Any]], opts: NameOptions, ctx: Ctx) -> tuple[list[Any], bool]:
    """The names to show and whether "et al." follows."""
    count = len(names)
    min_, use_first = opts.et_al_min, opts.et_al_use_first
    if min_ is not None and use_first is not None and count >= min_ and use_first < count:
        # names added to tell cites apart widen citations only (CSL 1.0.2
        # disambiguate-add-names: "to all members of a set of ambiguous cites"); the
        # bibliography keeps its own et-al rule
        first = use_first + (ctx.disamb.add_names if ctx.mode == "citation" else 0)
        if first < count:
            return names[: max(first, 0)], True
    return names, False


def _name_list(
    names: list[dict[str, Any]],
    opts: NameOptions,
    name_node: Node | None,
    etal_node: Node | None,
    ctx: Ctx,
    list_index: int,
) -> Out | None:
    from coprodcite.render.csl.finish import finish

    shown, et_al = _shown(names, opts, ctx)
    if not shown:
        return None
    parts = [_one(name, i, opts, name_node, ctx, list_index) for i, name in enumerate(shown)]
    inverted = [shows_inverted(name, _inverted(i, opts), ctx) for i, name in enumerate(shown)]
    kept = [(part, inv) for part, inv in zip(parts, inverted, strict=True) if part is not None]
    if not kept:
        return None
    pieces: list[Out] = [kept[0][0]]
    count = len(kept)
    and_term = None if et_al or ctx.sort_names else _and(opts, ctx)
    for i in range(1, count):
        if i == count - 1 and and_term:
            pieces.append(leaf(_before_and(and_term, opts, count, kept[i - 1][1])))
            pieces.append(leaf(and_term + (" " if starts_romanesque(and_term) else "")))
        else:
            pieces.append(leaf(opts.delimiter))
        pieces.append(kept[i][0])
    if et_al and opts.et_al_use_last and len(shown) <= len(names) - 2:
        last_out = _one(names[-1], len(names) - 1, opts, name_node, ctx, list_index)
        if last_out is not None:
            pieces.append(leaf((" " if count == 1 else opts.delimiter) + "\u2026 "))
            pieces.append(last_out)
    elif et_al and not ctx.sort_names:  # sort keys compare the names only
        pieces.extend(_et_al(etal_node, opts, count, kept[-1][1], ctx))
    out = Out(pieces, tag="name-list", data=len(shown))
    if name_node is not None:
        fmt = without_delimiter(name_node.fmt)
        return finish(out, name_node, ctx, fmt=fmt)
    return out


def _before_and(term: str, opts: NameOptions, count: int, after_inverted: bool) -> str:
    """What comes between the last but one name and the "and" term."""
    space = " " if starts_romanesque(term) else ""
    rule = opts.precedes_last
    if rule == "always":
        return opts.delimiter
    if rule == "never":
        return space
    if rule == "after-inverted-name":
        return opts.delimiter if after_inverted else space
    return opts.delimiter if count >= 3 and space else space


def _et_al(
    etal_node: Node | None, opts: NameOptions, count: int, after_inverted: bool, ctx: Ctx
) -> list[Out]:
    """The delimiter (or space) and the et-al term after a truncated list."""
    from coprodcite.render.csl.finish import finish

    term_name = etal_node.attrs.get("term", "et-al") if etal_node is not None else "et-al"
    term = ctx.locale.term(term_name)
    if not term:
        return []
    rule = opts.precedes_et_al
    if rule == "always":
        before = opts.delimiter
    elif rule == "never":
        before = " "
    elif rule == "after-inverted-name":
        before = opts.delimiter if after_inverted else " "
    else:
        before = opts.delimiter if count >= 2 else " "
    if before == " " and not starts_romanesque(term):
        before = ""
    term_out = leaf(term, tag="et-al")
    if etal_node is not None:
        term_out = finish(term_out, etal_node, ctx) or term_out
    return [leaf(before), term_out] if before else [term_out]


def _and(opts: NameOptions, ctx: Ctx) -> str | None:
    if opts.and_ == "symbol":
        return "&"
    if opts.and_ == "text":
        return ctx.locale.term("and") or "and"
    return None


def _inverted(index: int, opts: NameOptions) -> bool:
    if opts.form == "short":
        return False
    return opts.sort_order == "all" or (opts.sort_order == "first" and index == 0)


def _one(
    name: dict[str, Any],
    index: int,
    opts: NameOptions,
    name_node: Node | None,
    ctx: Ctx,
    list_index: int,
) -> Out | None:
    level = ctx.disamb.givenname.get(index, 0) if list_index == 0 else 0
    level = max(level, ctx.disamb.givenname_all if list_index == 0 else 0)
    return format_name(name, opts, _inverted(index, opts), name_node, ctx, level)


def trigraph(ctx: Ctx) -> str:
    """A citation label such as ``Smit00`` (citeproc-js's default trigraph)."""
    names: list[dict[str, Any]] = []
    for var in ("author", "editor", "translator"):
        if ctx.ref.names.get(var):
            names = ctx.ref.names[var]
            break
    families = [str(n.get("family") or n.get("literal") or "") for n in names]
    if len(families) == 1:
        head = families[0][:4]
    elif len(families) == 2:
        head = families[0][:2] + families[1][:2]
    else:
        head = "".join(f[:1] for f in families[:4])
    year = ""
    issued = ctx.ref.dates.get("issued")
    parts = getattr(issued, "parts", None)
    if parts and parts[0][0] is not None:
        year = f"{parts[0][0] % 100:02d}"
    return head + year if is_latin(head) or head else ""
