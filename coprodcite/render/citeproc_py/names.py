"""coprodcite's subclasses of citeproc-py's ``cs:name`` and ``cs:names`` (registered with
:mod:`coprodcite.render.citeproc_py.base`; see :mod:`coprodcite.render.citeproc_py.fixes`)."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model, source

from coprodcite.names.cjk import display, is_cjk
from coprodcite.render.citeproc_py.base import NS, RENDER_HOOKS, _Cached, _cached, _fix


@_fix("name")
class Name(_Cached, model.Name):  # type: ignore[misc]
    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            return super().get_option(name, context, sort_options)
        key = (name, context if context is not None and context is not self else None)
        return _cached(self, "_options", key, lambda: super(Name, self).get_option(name, context))

    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Stock, with two fixes: ``initialize="false"`` keeps given names and only adds
        ``mark`` after initials already there (CSL 1.0.1); a lower-case part after a hyphen
        (``Jae-won``) is left out instead of becoming ``J.-. won .``."""
        if self.get("initialize", "true").lower() == "false":
            return _existing_initials(given, mark)
        if "-" in given and self.get_option("initialize-with-hyphen", context):
            first, *rest = given.split("-")
            given = "-".join([first, *(p for p in rest if not p[:1].islower())])
        return str(super().initialize(given, mark, context))

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """Stock, except names written wholly in Chinese, Japanese or Korean script
        (CSL 1.0.2 "non-romanesque" names): in the long form they print family then given
        with no space, comma or initials (王小明), inverted or not; the short form stays
        the family name (王). Stock gives "王, . 小明 .".

        The reference belongs to this render (renders of one style hold its lock), so
        its name list is swapped for the call and put back."""
        reference = item.reference
        names = reference.get(variable) or []
        long_form = self.get_option("form", context, sort_options) == "long"
        if not long_form or not any(_family_first(n) for n in names):
            return super().process(item, variable, context, sort_options, **kw)
        reference[variable] = [_joined(n) if _family_first(n) else n for n in names]
        try:
            return super().process(item, variable, context, sort_options, **kw)
        finally:
            reference[variable] = names


def _family_first(name: Any) -> bool:
    given, family, dropping, non_dropping, _suffix = name.parts()
    return bool(family) and not (dropping or non_dropping) and is_cjk(family + (given or ""))


def _joined(name: Any) -> Any:
    given, family, *_ = name.parts()
    return source.Name(literal=display(given, family))


def _repressed_roles(names: Any, item: Any, context: Any) -> list[str]:
    """The keys of ``item.reference`` that ``names`` would render but a substitute
    already has, in this render of the item."""
    try:
        repressed = (context if context is not None else names).get_layout().repressed
    except (AttributeError, IndexError):  # no layout above (a sort key): nothing hidden
        return []
    done = {role for variable in repressed.get(names.tag, []) for role in (variable or "").split()}
    wanted = (names.get("variable") or "").split()
    return [
        key
        for role in wanted
        if role in done
        for key in dict.fromkeys((role, role.replace("-", "_")))
        if dict.__contains__(item.reference, key)
    ]


def _existing_initials(given: str, mark: str) -> str:
    """``John M.E.`` with mark ``. `` gives ``John M. E.``; words stay as written."""
    out = ""
    for token, dot in re.findall(r"([^\s.]+)(\.?)", given):
        if dot or (len(token) == 1 and token.isupper()):
            out += token + mark
        else:
            out += ("" if not out or out.endswith(" ") else " ") + token + " "
    return out.strip()


@_fix("names")
class Names(_Cached, model.Names):  # type: ignore[misc]
    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        holder = names_context if names_context is not None else self
        if holder.name is None:  # give it a real cs:name, once
            name = holder.makeelement(f"{{{NS}}}name")
            holder.insert(0, name)
            holder.__dict__.pop("_children", None)  # forget the cached missing name
            holder.get_root()._keep.append(name)
        return self.process_roles(item, names_context, context, **kwargs)

    def substitute(self) -> Any:
        return _cached(self, "_substitute", None, super().substitute)

    def process_roles(self, item: Any, names_context: Any, context: Any, **kwargs: Any) -> Any:
        """Names a ``cs:substitute`` already rendered for this cite or entry count as
        empty for the rest of it (CSL 1.0.2); stock checks that for ``cs:text`` only,
        so APA printed an edited book's editors twice. They are hidden for the call."""
        hidden = _repressed_roles(self, item, context)
        if not hidden:
            return super().process(item, names_context, context, **kwargs)
        reference = item.reference
        saved = {key: reference.pop(key) for key in hidden}
        try:
            return super().process(item, names_context, context, **kwargs)
        finally:
            reference.update(saved)

    def get_parent_delimiter(self, context: Any = None) -> Any:
        key = None if context is None else context
        return _cached(
            self, "_delimiter", key, lambda: super(Names, self).get_parent_delimiter(context)
        )

    def render(self, *args: Any, **kwargs: Any) -> Any:
        hooks = RENDER_HOOKS
        hooks.names_depth += 1
        try:
            text = super().render(*args, **kwargs)
        finally:
            hooks.names_depth -= 1
        if (
            text
            and hooks.watch_names is not None
            and not hooks.watch_names
            and not hooks.names_depth
        ):
            hooks.watch_names.append(str(text))  # the outermost names, not a substitute's
        return text
