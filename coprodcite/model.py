"""The record model: CSL-JSON compatible fields plus contributors richer than CSL.

Plain dataclasses and pure conversions, no I/O. A :class:`Record` holds its CSL
variables (everything but names) in ``fields``, its people and organisations in
``contributors`` and, when it was fetched, the raw source JSON with its origin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from coprodcite.csl_schema import (
    CSL_DATE_VARIABLES,
    CSL_NUMBER_VARIABLES,
    CSL_VARIABLES,
    NAME_ROLES,
)
from coprodcite.csl_schema import CSL_TYPES as CSL_TYPES  # re-exported
from coprodcite.identifiers import normalise_orcid

#: CSL name parts that a Contributor carries over unchanged.
_CSL_NAME_PARTS = (
    ("given", "given"),
    ("family", "family"),
    ("suffix", "suffix"),
    ("non-dropping-particle", "non_dropping_particle"),
    ("dropping-particle", "dropping_particle"),
    ("literal", "literal"),
)


@dataclass(frozen=True)
class Contributor:
    """A person or organisation credited on a record, in one role.

    ``literal`` holds an organisation's or group's name (never split into
    given/family). ``orcid`` is ``https://orcid.org/XXXX-XXXX-XXXX-XXXX`` or None.
    """

    role: str = "author"
    given: str | None = None
    family: str | None = None
    non_dropping_particle: str | None = None
    dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    orcid: str | None = None
    authenticated: bool = False
    affiliations: tuple[str, ...] = ()
    sequence: str | None = None  # Crossref's "first" / "additional"
    source_role: str | None = None  # the role as the source named it
    #: The name exactly as the source sent it (CSL-style keys), before normalisation.
    original: dict[str, Any] | None = field(default=None, compare=False)
    #: Added by the user (a co-author the publisher left out), not from the source.
    added_by_user: bool = False
    #: The library's person this contribution is linked to, once stored.
    person_id: int | None = field(default=None, compare=False)

    @property
    def is_organisation(self) -> bool:
        return self.literal is not None and not (self.given or self.family)

    def with_person(self, person_id: int | None) -> Contributor:
        """This contributor linked to ``person_id`` (itself if it already is)."""
        return self if person_id == self.person_id else self.evolve(person_id=person_id)

    def evolve(self, **changes: Any) -> Contributor:
        """A copy with ``changes`` (to fields only: they are not checked), made without
        ``dataclasses.replace``, whose frozen field-by-field rebuild was a fifth of
        saving a large import and much of normalising its names. The class has no
        ``__post_init__`` to skip."""
        copy = object.__new__(Contributor)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    @property
    def is_empty(self) -> bool:
        return not any((self.given, self.family, self.literal))

    def display_name(self) -> str:
        """'Given particle Family, Suffix' or the literal name."""
        if self.literal:
            return self.literal
        parts = [self.given, self.dropping_particle, self.non_dropping_particle, self.family]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.suffix}" if self.suffix else name

    def to_csl(self) -> dict[str, Any]:
        """The standard CSL-JSON name object (no ORCID: CSL cannot hold it)."""
        out: dict[str, Any] = {}
        for csl_key, attr in _CSL_NAME_PARTS:
            value = getattr(self, attr)
            if value:
                out[csl_key] = value
        return out

    def to_json(self) -> dict[str, Any]:
        """coprodcite's own JSON form: the CSL name plus what CSL cannot carry."""
        out = self.to_csl()
        out["role"] = self.role
        if self.orcid:
            out["orcid"] = self.orcid
            out["authenticated"] = self.authenticated
        if self.affiliations:
            out["affiliations"] = list(self.affiliations)
        if self.sequence:
            out["sequence"] = self.sequence
        if self.source_role and self.source_role != self.role:
            out["source-role"] = self.source_role
        if self.added_by_user:
            out["added-by-user"] = True
        if self.person_id is not None:
            out["person"] = self.person_id
        if self.original is not None and self.original != self.to_csl():
            out["original"] = dict(self.original)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contributor:
        """Inverse of :meth:`to_json` (also accepts a plain CSL name plus ``role``)."""
        kwargs: dict[str, Any] = {attr: data.get(key) or None for key, attr in _CSL_NAME_PARTS}
        return cls(
            role=data.get("role", "author"),
            orcid=data.get("orcid"),
            authenticated=bool(data.get("authenticated", False)),
            affiliations=tuple(data.get("affiliations", ())),
            sequence=data.get("sequence"),
            source_role=data.get("source-role"),
            added_by_user=bool(data.get("added-by-user", False)),
            person_id=data.get("person"),
            original=data.get("original"),
            **kwargs,
        )


@dataclass
class Record:
    """One bibliographic record.

    ``fields`` are CSL-JSON variables other than names (``title``, ``issued``,
    ``container-title``, ``DOI`` ...). Titles are CSL rich text.
    """

    type: str = "document"
    fields: dict[str, Any] = field(default_factory=dict)
    contributors: list[Contributor] = field(default_factory=list)
    key: str | None = None
    source: str | None = None  # "crossref", "datacite", "negotiation", "file:<path>"
    source_data: Any = None  # the raw JSON as received
    fetched_at: str | None = None  # ISO 8601, UTC
    id: int | None = None  # library row id, once stored
    #: how the record was found when that was not by its identifier: for
    #: ``coprodcite match``, ``{"method": "matched-from-text", "reference", "confidence",
    #: "registry", "matched_at"}``
    provenance: dict[str, Any] | None = None
    #: the library's version of the record when it was read (every update raises it):
    #: saving a record read at an older version is refused (StaleRecord)
    version: int | None = field(default=None, compare=False)

    @property
    def doi(self) -> str | None:
        doi = self.fields.get("DOI")
        return doi.lower() if isinstance(doi, str) and doi else None

    @property
    def title(self) -> str:
        return str(self.fields.get("title") or "")

    @property
    def year(self) -> int | None:
        for var in ("issued", "original-date", "available-date"):
            parts = (self.fields.get(var) or {}).get("date-parts") or [[]]
            if parts and parts[0] and str(parts[0][0]).lstrip("-").isdigit():
                return int(parts[0][0])
        return None

    def names(self, role: str) -> list[Contributor]:
        return [c for c in self.contributors if c.role == role]

    def to_csl(self, *, id: str | None = None) -> dict[str, Any]:
        """A standard CSL-JSON item: every value as CSL-JSON holds its variable (see
        :func:`csl_value`), so that it validates against csl-data.json."""
        csl_type = self.type if self.type in CSL_TYPES else "document"
        item: dict[str, Any] = {"id": id or self.key or self.doi or "item", "type": csl_type}
        for variable, value in self.fields.items():
            if variable in CSL_VARIABLES and (cleaned := csl_value(variable, value)) is not None:
                item[variable] = cleaned
        names: dict[str, list[dict[str, Any]]] = {}
        for c in self.contributors:  # a role CSL does not know is a contributor there
            names.setdefault(c.role if c.role in NAME_ROLES else "contributor", []).append(
                c.to_csl()
            )
        item.update((role, names[role]) for role in NAME_ROLES if role in names)
        return item

    def to_json(self, *, include_source: bool = False) -> dict[str, Any]:
        """coprodcite's own JSON form (documented in the README; stable for scripts)."""
        out: dict[str, Any] = {
            "key": self.key,
            "doi": self.doi,
            "type": self.type,
            "fields": copy_json(self.fields),
            "contributors": [c.to_json() for c in self.contributors],
            "source": self.source,
            "fetched_at": self.fetched_at,
        }
        if self.provenance is not None:
            out["provenance"] = copy_json(self.provenance)
        if include_source:
            out["source_data"] = self.source_data
        return out

    def copy_with(self, **changes: Any) -> Record:
        return replace(self, **changes)


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, tuples, scalars): what
    ``copy.deepcopy`` does for fields, three to four times faster."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(copy_json(v) for v in value)
    return value


_DATE_KEYS = ("date-parts", "season", "circa", "literal", "raw")
#: where a text is found in an object sent for a text variable (Crossref's license
#: objects: {"URL": ..., "start": ..., "content-version": ...})
_TEXT_KEYS = ("URL", "url", "name", "literal", "value")


def csl_value(variable: str, value: Any) -> Any:
    """``value`` as CSL-JSON holds ``variable`` (a copy), or None when nothing usable
    is left: a date as a date object, ``custom`` as an object, a number variable as a
    string or number, any other as a string (a list as its texts, joined by commas;
    an object as its URL or name)."""
    if variable in CSL_DATE_VARIABLES:
        return _csl_date(value)
    if variable == "custom":
        return copy_json(value) if isinstance(value, dict) and value and _shallow(value) else None
    if variable in CSL_NUMBER_VARIABLES and _is_number(value):
        return value
    return _csl_text(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _csl_text(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):  # one level: a list of texts or of objects
        texts = [t for t in (_scalar_text(v) for v in value) if t]
        return ", ".join(dict.fromkeys(texts)) or None
    return _scalar_text(value)


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if _is_number(value):
        return str(value)
    if isinstance(value, dict):
        return next((t for k in _TEXT_KEYS if isinstance(t := value.get(k), str) and t), None)
    return None  # None, booleans, nested lists


def _shallow(value: Any, limit: int = 32) -> bool:
    """Whether ``value`` nests lists and objects ``limit`` deep at most (deeper JSON
    is hostile: copying or writing it would exhaust the stack)."""
    level: list[Any] = [value]
    for _ in range(limit):
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return True
    return False


def _csl_date(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        return {"literal": value} if value.strip() else None
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    rows = value.get("date-parts")
    if isinstance(rows, list):
        parts = [_date_row(row) for row in rows[:2]]
        if parts and all(parts):  # a range needs both ends
            out["date-parts"] = parts
        elif parts and parts[0]:
            out["date-parts"] = parts[:1]
    for key, check in (("season", _is_scalar), ("circa", _is_flag)):
        if check(value.get(key)):
            out[key] = value[key]
    for key in ("literal", "raw"):
        if isinstance(value.get(key), str) and value[key].strip():
            out[key] = value[key]
    return out or None


def _date_row(row: Any) -> list[Any]:
    """Year, month, day up to the first part that is missing or not a number."""
    out: list[Any] = []
    for part in row[:3] if isinstance(row, list) else []:
        if not (_is_number(part) or isinstance(part, str) and part.strip()):
            break
        out.append(part)
    return out


def _is_scalar(value: Any) -> bool:
    return _is_number(value) or isinstance(value, str) and bool(value)


def _is_flag(value: Any) -> bool:
    return isinstance(value, bool) or _is_scalar(value)


def record_from_csl(item: dict[str, Any], *, source: str | None = None) -> Record:
    """Build a Record from one CSL-JSON item. Unknown variables are kept as fields."""
    if not isinstance(item, dict):
        raise TypeError(f"a CSL-JSON item is an object, not {type(item).__name__}")
    fields: dict[str, Any] = {}
    contributors: list[Contributor] = []
    for key, value in item.items():
        if key in ("id", "type"):
            continue
        if key in NAME_ROLES and isinstance(value, list):
            contributors.extend(contributor_from_csl(n, key) for n in value if isinstance(n, dict))
        elif key in CSL_VARIABLES and (cleaned := csl_value(key, value)) is not None:
            fields[key] = cleaned
    contributors = [c for c in contributors if not c.is_empty]
    item_id = item.get("id")
    return Record(
        type=item["type"] if item.get("type") in CSL_TYPES else "document",
        fields=fields,
        contributors=contributors,
        key=item_id if isinstance(item_id, str) else None,
        source=source,
        source_data=item if source else None,
    )


def contributor_from_csl(name: dict[str, Any], role: str) -> Contributor:
    def text(key: str) -> str | None:
        value = name.get(key)
        return str(value).strip() or None if value not in (None, "") else None

    literal = text("literal")
    if not literal and not text("family") and not text("given") and text("name"):
        literal = text("name")
    # Crossref's content negotiation adds ORCID, affiliation and sequence to names.
    given_affiliations = name.get("affiliation") or ()
    if not isinstance(given_affiliations, list):  # a lone string or a stray value
        given_affiliations = [given_affiliations] if isinstance(given_affiliations, str) else []
    affiliations = tuple(
        str(a.get("name") if isinstance(a, dict) else a).strip() for a in given_affiliations if a
    )
    raw_orcid = text("ORCID") or text("orcid")
    orcid = normalise_orcid(raw_orcid)
    contributor = Contributor(
        role=role,
        given=text("given"),
        family=text("family"),
        non_dropping_particle=text("non-dropping-particle"),
        dropping_particle=text("dropping-particle"),
        suffix=text("suffix"),
        literal=literal,
        orcid=orcid,
        authenticated=bool(orcid and name.get("authenticated-orcid")),
        affiliations=tuple(a for a in affiliations if a and a != "None"),
        sequence=text("sequence"),
        source_role=role,
    )
    if raw_orcid and not orcid:  # kept so that the refusal can be reported
        return replace(contributor, original={**contributor.to_csl(), "ORCID": raw_orcid})
    return contributor


@dataclass(frozen=True)
class Person:
    """Someone whose contributions the library links across records.

    ``name`` is the preferred name as CSL name parts (``given``, ``family``, ...) or
    ``{"literal": ...}``, used in every reference from then on; None keeps the name as
    published. ``published`` is the name of the person's first contribution (for
    display); the published names stay on the records themselves.
    """

    id: int
    name: dict[str, str] | None = None
    orcid: str | None = None
    notes: str | None = None
    created: str | None = None
    published: dict[str, str] | None = field(default=None, compare=False)

    def display_name(self) -> str:
        parts = self.name or self.published or {}
        if parts.get("literal"):
            return parts["literal"]
        keys = ("given", "dropping-particle", "non-dropping-particle", "family")
        name = " ".join(parts[k] for k in keys if parts.get(k))
        return f"{name}, {parts['suffix']}" if parts.get("suffix") else name or f"person {self.id}"


@dataclass(frozen=True)
class RoleAssignment:
    """A role from :mod:`coprodcite.roles` given to a person, or to one contribution
    (``record_key`` and ``position``) when it holds for that work only. ``public``
    records the person's consent to show it; without it a sensitive role stays private.
    """

    role: str
    person_id: int | None = None
    record_key: str | None = None
    position: int | None = None
    public: bool = False
    assigned_at: str | None = None

    @property
    def on_contribution(self) -> bool:
        return self.record_key is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "person": self.person_id,
            "record": self.record_key,
            "position": self.position,
            "public": self.public,
            "assigned_at": self.assigned_at,
        }


def with_name(contributor: Contributor, parts: dict[str, str]) -> Contributor:
    """``contributor`` with its name parts replaced by CSL name ``parts``."""
    values: dict[str, Any] = {attr: parts.get(key) or None for key, attr in _CSL_NAME_PARTS}
    return replace(contributor, **values)


def cited_as(contributor: Contributor, names: Mapping[int, dict[str, str]]) -> Contributor:
    """``contributor`` under the preferred name of its person, if ``names`` has one."""
    pid = contributor.person_id
    return with_name(contributor, names[pid]) if pid is not None and pid in names else contributor
