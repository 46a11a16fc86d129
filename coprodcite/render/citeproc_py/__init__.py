"""The citeproc-py bridge: coprodcite's second engine (``engine="citeproc-py"``).

citeproc-py 0.11.1 (pinned) with coprodcite's fixes: :mod:`.bridge` renders through the
public API's contract, :mod:`.fixes`, :mod:`.base` and :mod:`.names` extend citeproc-py's
element classes, :mod:`.markup` and :mod:`.output` escape and write its output,
:mod:`.disambiguate` adds year-suffixes. It uses the engine's warnings and Markdown
escaping (:mod:`coprodcite.render.csl`) and never the other way round.
"""
