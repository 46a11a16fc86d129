"""coprodcite's own CSL 1.0.2 processor.

The pipeline: :mod:`.style` parses a style into frozen nodes and :mod:`.locale` merges
its locales; :mod:`.reference` reads CSL-JSON items once; :mod:`.evaluate` (with
:mod:`.names`, :mod:`.dates`, :mod:`.numbers`, :mod:`.textcase`) renders each element
to rich text (:mod:`.rich`), never to strings; :mod:`.processor`,
:mod:`.citations`, :mod:`.disambiguate`, :mod:`.collapse` and :mod:`.bibliography`
handle positions, disambiguation, sorting, grouping and collapsing; :mod:`.output`
writes the rich text as text, html, markdown, rtf or latex, doing quotes, flip-flop and
punctuation once.

:func:`.api.bibliography` and :func:`.api.citations` are what :mod:`coprodcite.render` calls for
``engine="coprodcite"``.
"""
