"""CSL-JSON, CSL-YAML (pandoc's ``references:`` form) and coprodcite's own JSON.

CSL-JSON and CSL-YAML carry every CSL variable and name part unchanged; what CSL
cannot hold (ORCID, affiliations, roles beyond CSL's) goes only into coprodcite's
own JSON, and private data there only when asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from coprodcite.csl_schema import CSL_DATE_VARIABLES
from coprodcite.errors import FormatError
from coprodcite.formats import FilePeople, ReadResult, is_own_item
from coprodcite.model import Contributor, Record, record_from_csl

_DATE_VARIABLES = CSL_DATE_VARIABLES
_EDTF = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _items(
    data: Any, file: str, to_record: Callable[[dict[str, Any]], Record], what: str
) -> ReadResult:
    """Records from a list of items; each bad item is a failure of its own. A mapping
    is pandoc's ``references:`` (or ``items:``), or one item when it has an ``id`` or
    a ``type``; any other mapping (a manuscript's front matter) holds no items."""
    if isinstance(data, dict):
        if "references" in data or "items" in data:
            data = data.get("references", data.get("items"))
        elif "id" in data or "type" in data:
            data = [data]
        else:
            return ReadResult(failures=[_no_items(data, file, what)])
    if not isinstance(data, list):
        return ReadResult(failures=[FormatError(f"expected a list of {what} items", file=file)])
    result = ReadResult()
    for number, item in enumerate(data, start=1):
        try:
            if not isinstance(item, dict):
                raise TypeError(f"an item is an object, not {type(item).__name__}")
            result.records.append(to_record(item))
        except (TypeError, ValueError, AttributeError) as exc:
            result.failures.append(FormatError(f"item {number}: {exc}", file=file))
    return result


def _no_items(data: dict[str, Any], file: str, what: str) -> FormatError:
    """The failure for a mapping with no items: a manuscript's front matter (``title:``,
    ``author:``, ``bibliography:``) is the usual one."""
    bibliography = data.get("bibliography")
    named = bibliography if isinstance(bibliography, str) else None
    return FormatError(
        f"no {what} items: it has no `references:` list (a manuscript's front matter?)",
        file=file,
        hint=f"import its bibliography, {named}" if named else "import its bibliography file",
    )


def _from_csl(item: dict[str, Any]) -> Record:
    item = {**item, **{v: _date(item[v]) for v in _DATE_VARIABLES if v in item}}
    record = record_from_csl(item)
    if not (record.title or record.contributors or record.doi):
        raise ValueError("no title, author or DOI")
    record.source = "file"
    if item.get("id") is not None and not isinstance(item["id"], str):
        record.key = None
    return record


def _date(value: Any) -> Any:
    """A CSL date from what YAML (or hand-written JSON) may hold: a date object,
    a year, EDTF text such as ``2020-05-01``, or citeproc-hs ``[{year: 2020}]``."""
    if isinstance(value, dict) and ("date-parts" in value or "literal" in value or "raw" in value):
        return value
    if isinstance(value, dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        keys = ("year", "month", "day")
        parts = [[int(v[k]) for k in keys if str(v.get(k, "")).strip()] for v in value]
        return {"date-parts": [p for p in parts if p]}
    if isinstance(value, str):
        match = _EDTF.match(value.strip())
        if match:
            return {"date-parts": [[int(g) for g in match.groups() if g]]}
        return {"literal": value}
    return value


def read_csl_json(text: str, *, file: str = "<stdin>") -> ReadResult:
    """A CSL-JSON array (or one item); coprodcite's own JSON is recognised too."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        return ReadResult(failures=[FormatError(f"not JSON ({exc})", file=file, line=line)])
    first = data[0] if isinstance(data, list) and data else data
    if is_own_item(first):
        return _own_json(data, file)
    return _items(data, file, _from_csl, "CSL-JSON")


def _own_json(data: Any, file: str) -> ReadResult:
    """coprodcite's own JSON: records, and what it says about their people (each
    contributor's person in the library it came from, preferred names and roles)."""
    people = FilePeople()
    read = 0  # records read so far: the index of the next one

    def to_record(item: dict[str, Any]) -> Record:
        nonlocal read
        record = record_from_json(item)
        for contributor, written in zip(record.contributors, item["contributors"], strict=True):
            _person_of(contributor, written, read, people)
        read += 1
        return record

    result = _items(data, file, to_record, "coprodcite JSON")
    result.people = people
    return result


def _person_of(contributor: Contributor, written: Any, index: int, people: FilePeople) -> None:
    person = contributor.person_id
    if not isinstance(person, int) or not isinstance(written, dict):
        return
    name = written.get("preferred-name")
    if isinstance(name, dict) and name:
        people.names.setdefault(person, {str(k): str(v) for k, v in name.items()})
    for role in written.get("roles") or []:
        if isinstance(role, dict) and isinstance(role.get("id"), str):
            people.roles.append((person, index, contributor.role, role))


def write_csl_json(records: list[Record]) -> str:
    return json.dumps([r.to_csl() for r in records], ensure_ascii=False, indent=2) + "\n"


def _yaml_part(text: str) -> str:
    """The YAML of a file, or of a Markdown file's front matter (``---`` ... ``---``)."""
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, ln in enumerate(lines[1:], 1) if ln.strip() in ("---", "...")), None)
        if end is not None:
            return "\n".join(lines[1:end])
    return "\n".join(lines)


def read_csl_yaml(text: str, *, file: str = "<stdin>") -> ReadResult:
    """CSL-YAML: a list of items or pandoc's ``references:`` mapping (safe_load only)."""
    import yaml

    try:
        data = yaml.safe_load(_yaml_part(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return ReadResult(failures=[FormatError(f"not YAML ({exc})", file=file, line=line)])
    return _items(data, file, _from_csl, "CSL-YAML")


def write_csl_yaml(records: list[Record]) -> str:
    """pandoc's form: ``references:`` with one CSL item each."""
    import yaml

    items = [r.to_csl() for r in records]
    # libyaml's dumper when there is one: the same text, 2.8x faster (7,166 records:
    # 11.3 -> 4.1 s)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump({"references": items}, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + text + "...\n"


def record_from_json(data: dict[str, Any]) -> Record:
    """Inverse of :meth:`Record.to_json` (coprodcite's own JSON). A contributor's
    ``person_id`` is its person's id in the library the file came from (a library
    links contributors to its own people when it saves a record)."""
    fields = data.get("fields")
    if not isinstance(fields, dict):
        raise ValueError("'fields' is not an object")
    contributors = data.get("contributors") or []
    if not isinstance(contributors, list) or not all(isinstance(c, dict) for c in contributors):
        raise ValueError("'contributors' is not a list of objects")
    return Record(
        type=str(data.get("type") or "document"),
        fields=dict(fields),
        contributors=[_from_json_person(c) for c in contributors],
        key=data.get("key"),
        source=data.get("source") or "file",
        fetched_at=data.get("fetched_at"),
    )


def _from_json_person(data: dict[str, Any]) -> Contributor:
    contributor = Contributor.from_json(data)
    person = contributor.person_id
    valid = isinstance(person, int) and not isinstance(person, bool)
    return contributor if valid or person is None else replace(contributor, person_id=None)


def write_json(
    records: list[Record],
    *,
    roles: Mapping[str, list[list[dict[str, Any]]]] | None = None,
    names: Mapping[int, dict[str, str]] | None = None,
) -> str:
    """coprodcite's own JSON: CSL plus ORCIDs, affiliations, each contributor's person
    and, where given, the person's preferred name (``names``: person id -> CSL name
    parts) and roles (``roles``: record key -> one list of role objects per
    contributor, in order). Which roles may leave the library is the caller's decision."""
    out = []
    for record in records:
        data = record.to_json()
        held_by = (roles or {}).get(record.key or "", [])
        for contributor, held in zip(data["contributors"], held_by, strict=False):
            if held:
                contributor["roles"] = held
        for contributor in data["contributors"]:
            name = (names or {}).get(contributor.get("person", -1))
            if name:
                contributor["preferred-name"] = dict(name)
        out.append(data)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
