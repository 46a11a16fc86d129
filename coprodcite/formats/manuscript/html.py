"""A manuscript as a standalone HTML5 page: markdown-it-py's HTML, the citations and the
bibliography (``csl-bib-body``, as citeproc-js and pandoc write it) put in."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from coprodcite.formats.manuscript import BIB_MARK, PLACEHOLDER, markdown_parser, title_block

if TYPE_CHECKING:
    from coprodcite.formats.manuscript import Document

_STYLE = (
    "body{max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5;font-family:serif}"
    ".csl-entry{margin-bottom:.5em}.hanging-indent .csl-entry{margin-left:2em;text-indent:-2em}"
    ".csl-left-margin{float:left;padding-right:.5em}.csl-right-inline{margin-left:2em}"
)


def write_html(body: str, cites: dict[str, str], document: Document) -> str:
    rendered = markdown_parser().render(body)
    rendered = PLACEHOLDER.sub(lambda m: cites.get(m.group(1), ""), rendered)
    entries = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in document.entries or [])
    hanging = " hanging-indent" if document.hanging else ""
    bibliography = f'<div id="refs" class="references csl-bib-body{hanging}">\n{entries}</div>'
    rendered = rendered.replace(f"<p>{BIB_MARK}</p>", bibliography)
    title, authors, date = title_block(document.metadata)
    top = f'<h1 class="title">{html.escape(title)}</h1>\n' if title else ""
    top += "".join(f'<p class="author">{html.escape(a)}</p>\n' for a in authors)
    top += f'<p class="date">{html.escape(date)}</p>\n' if date else ""
    lang = f' lang="{html.escape(document.lang)}"' if document.lang else ""
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title or 'Manuscript')}</title>\n<style>{_STYLE}</style>\n"
        f"</head>\n<body>\n{top}{rendered}</body>\n</html>\n"
    )
