"""A check report as one self-contained web page (no scripts, no outside files): the
summary at the top, then each entry as written beside the registry's record, its
problems highlighted; then the citations with problems. Every value is escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coprodcite.model import Record
    from coprodcite.services.check import CheckReport, EntryCheck
    from coprodcite.services.check_problems import Problem

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fff}
h1{font-size:1.5em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee}.summary span{display:inline-block;margin-right:1.5em;font-weight:bold}
.error{background:#fdd}.warning{background:#ffefc2}.info{background:#def}
.problem{display:block;margin:.2em 0;padding:.2em .4em;border-radius:3px}
.ok{color:#070}.code{font-family:monospace;font-weight:bold}
"""


def _problems(problems: list[Problem]) -> str:
    if not problems:
        return '<span class="ok">no problem</span>'
    return "".join(
        f'<span class="problem {escape(p.severity)}"><span class="code">{escape(p.code)}</span> '
        f"{escape(p.message)}</span>"
        for p in problems
    )


def _record(record: Record | None) -> str:
    if record is None:
        return "<em>not identified</em>"
    from coprodcite.markup import plain_text

    people = record.names("author") or record.names("editor")
    names = "; ".join(
        ", ".join(x for x in (c.family or c.literal, c.given) if x) for c in people[:6]
    )
    names += "; et al." if len(people) > 6 else ""
    fields = record.fields
    where = ", ".join(
        str(v)
        for v in (
            fields.get("container-title"),
            fields.get("volume") and f"vol. {fields['volume']}",
            fields.get("issue") and f"no. {fields['issue']}",
            fields.get("page") and f"pp. {fields['page']}",
        )
        if v
    )
    parts = [names, f"({record.year})" if record.year else "", plain_text(record.title), where]
    text = ". ".join(escape(p) for p in parts if p)
    if record.doi:
        text += f'. <a href="https://doi.org/{escape(record.doi)}">doi:{escape(record.doi)}</a>'
    return text


def _row(number: int, entry: EntryCheck) -> str:
    worst = next(
        (s for s in ("error", "warning", "info") if any(p.severity == s for p in entry.problems)),
        "",
    )
    record = entry.result.record if entry.result and entry.result.status == "matched" else None
    return (
        f'<tr class="{worst}"><td>{number}</td><td>{escape(entry.text)}</td>'
        f"<td>{_record(record)}</td><td>{_problems(entry.problems)}</td></tr>"
    )


def report_page(report: CheckReport) -> str:
    summary = report.summary()
    counts = "".join(
        f'<span class="{cls}">{escape(str(summary[key]))} {label}</span>'
        for key, label, cls in (
            ("references", "references", ""),
            ("citations", "citations", ""),
            ("matched", "matched", "ok"),
            ("error", "errors", "error"),
            ("warning", "warnings", "warning"),
            ("info", "notes", "info"),
        )
    )
    entries = "".join(_row(n, e) for n, e in enumerate(report.entries, 1))
    citations = "".join(
        f'<tr class="error"><td>{escape(c.text)}</td><td>{_problems(c.problems)}</td></tr>'
        for c in report.citations
        if c.problems
    )
    citation_table = (
        "<h2>Citations without an entry</h2><table><tr><th>citation</th><th>problem</th></tr>"
        f"{citations}</table>"
        if citations
        else ""
    )
    title = escape(f"Reference check: {report.name}")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>"
        f'<p class="summary">{counts}</p>'
        "<table><tr><th>#</th><th>entry as written</th><th>registry record</th>"
        f"<th>problems</th></tr>{entries}</table>{citation_table}</body></html>"
    )
