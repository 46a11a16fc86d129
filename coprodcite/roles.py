"""The role vocabulary: co-production roles and the 14 CRediT roles.

No metadata standard (CRediT, Crossref, CSL, DataCite, PubMed) has a role for
lived-experience contributors, so coprodcite keeps its own. The six co-production
roles are *sensitive*: saying that someone is a service user or a carer is personal
data about health or social care. A sensitive role is private unless the person's
consent to show it is recorded, and it never leaves the local library unless asked for.

Pure: the vocabulary is data; the config's ``[roles] extra`` adds to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coprodcite.errors import InvalidInput

CREDIT_BASE = "https://credit.niso.org/contributor-roles/"


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    sensitive: bool
    uri: str | None = None

    @property
    def is_credit(self) -> bool:
        return is_credit(self.id)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "sensitive": self.sensitive, "uri": self.uri}


def is_credit(role_id: str) -> bool:
    """Whether ``role_id`` is a CRediT role: what someone did on one work, so it is
    given to a contribution, never to a person for all their works."""
    return role_id.startswith("credit:")


CO_PRODUCTION_ROLES: tuple[Role, ...] = tuple(
    Role(id_, label, sensitive=True)
    for id_, label in (
        ("lived-experience-expert", "lived-experience expert"),
        ("service-user", "service user"),
        ("carer", "carer"),
        ("peer-researcher", "peer researcher"),
        ("patient-partner", "patient partner"),
        ("community-partner", "community partner"),
    )
)

#: CRediT (ANSI/NISO Z39.104-2022): official names and their URIs.
CREDIT_ROLES: tuple[Role, ...] = tuple(
    Role(f"credit:{slug}", label, sensitive=False, uri=f"{CREDIT_BASE}{slug}/")
    for slug, label in (
        ("conceptualization", "Conceptualization"),
        ("data-curation", "Data curation"),
        ("formal-analysis", "Formal analysis"),
        ("funding-acquisition", "Funding acquisition"),
        ("investigation", "Investigation"),
        ("methodology", "Methodology"),
        ("project-administration", "Project administration"),
        ("resources", "Resources"),
        ("software", "Software"),
        ("supervision", "Supervision"),
        ("validation", "Validation"),
        ("visualization", "Visualization"),
        ("writing-original-draft", "Writing – original draft"),
        ("writing-review-editing", "Writing – review & editing"),
    )
)


def vocabulary(extra: Iterable[Any] = ()) -> dict[str, Role]:
    """Every known role by id: the built-in ones, then the config's ``extra`` ones.

    An extra role is a string (its id; sensitive, as the safe default) or a table
    with ``id`` and optionally ``label``, ``sensitive`` and ``uri``.
    """
    roles = {r.id: r for r in CO_PRODUCTION_ROLES + CREDIT_ROLES}
    for entry in extra:
        role = _extra_role(entry)
        if role.id in roles:
            raise InvalidInput(
                f"config [roles] extra: {role.id!r} is already a built-in role",
                hint="remove it from the config",
            )
        roles[role.id] = role
    return roles


def _extra_role(entry: Any) -> Role:
    if isinstance(entry, str):
        entry = {"id": entry}
    role_id = entry.get("id") if isinstance(entry, Mapping) else None
    if not isinstance(role_id, str) or not role_id.strip() or any(c.isspace() for c in role_id):
        raise InvalidInput(
            f"config [roles] extra: cannot use {entry!r}",
            hint='give ids such as "expert-by-experience" or tables {id = ..., label = ...}',
        )
    return Role(
        id=role_id,
        label=str(entry.get("label") or role_id.replace("-", " ")),
        sensitive=bool(entry.get("sensitive", True)),
        uri=entry.get("uri"),
    )


def lookup(role_id: str, roles: Mapping[str, Role]) -> Role:
    """The role named ``role_id`` (an id, ``credit:`` optional for CRediT, or a label)."""
    wanted = role_id.strip()
    for candidate in (wanted, f"credit:{wanted}"):
        if candidate in roles:
            return roles[candidate]
    folded = wanted.casefold().replace("–", "-")
    for role in roles.values():
        if role.label.casefold().replace("–", "-") == folded:
            return role
    raise InvalidInput(
        f"unknown role {role_id!r}",
        hint=f"use one of: {', '.join(roles)} (or add it under [roles] extra in the config)",
    )


def describe(role_id: str, roles: Mapping[str, Role]) -> Role:
    """The role for a stored id; a role since removed from the config is kept as
    sensitive, so that it stays private."""
    return roles.get(role_id) or Role(role_id, role_id.replace("-", " "), sensitive=True)


def shown(role: Role, public: bool, *, include_private: bool = False) -> bool:
    """Whether a role may be shown: CRediT and other non-sensitive roles always,
    sensitive ones with the person's recorded consent or when the user asks."""
    return include_private or public or not role.sensitive
