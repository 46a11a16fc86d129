"""``coprodcite people``: people linked across records, their names and roles."""

from __future__ import annotations

from typing import Any

import typer

from coprodcite.cli.common import counted, echo, print_json, state, stdout_is_terminal, warn
from coprodcite.cli.table import Column, print_table, tsv_line
from coprodcite.errors import UsageError

_HELP = (
    "People: contributions linked across records, preferred names and roles.\n\n"
    "Every contributor is linked to a person: by ORCID automatically, otherwise to a "
    "person of their own until you merge people (and split them again). A preferred "
    "name replaces the published one in every reference; the published name stays on "
    "the record.\n\n"
    "Lived-experience and co-production roles are sensitive personal data: they stay in "
    "the local library, are never sent anywhere, are left out of every export and "
    "reference, and show in `credits` only with the person's consent (--public)."
)

people_app = typer.Typer(help=_HELP, no_args_is_help=True)

PERSON = typer.Argument(..., metavar="PERSON_ID", help="A person's id (see `people list`).")
JSON = typer.Option(False, "--json", help="Print JSON (see README).")
PRIVATE = typer.Option(
    False,
    "--include-private",
    help="Also show the notes, and roles without the person's consent to show.",
)


def _extra_roles(ctx: typer.Context) -> Any:
    settings = state(ctx).settings
    return settings.extra_roles if settings else ()


def _show_entry(ctx: typer.Context, person_id: int, as_json: bool, private: bool = False) -> None:
    from coprodcite.services import people as svc
    from coprodcite.services.people import is_credit_role

    data = svc.person_view(
        state(ctx).library(), person_id, extra_roles=_extra_roles(ctx), include_private=private
    )
    if as_json:
        print_json(data)
        return
    name = data["name"] + (" (preferred name)" if data["preferred"] else "")
    echo(f"person {data['id']}: {name}")
    for label in ("orcid", "notes"):
        if data[label]:
            echo(f"{label}: {data[label]}")
    for c in data["contributions"]:
        added = ", added by the user" if c["added_by_user"] else ""
        published = _parts_text(c["published_name"])
        echo(f"  {c['record']}:{c['position']}  {c['role']}{added}  as {published}")
    for r in data["roles"]:
        on = f" on {r['record']}:{r['position']}" if r["record"] else ""
        if not r["record"] and is_credit_role(r["role"]):  # stored before --on was asked for
            on = f" (for no work: give it again with --on KEY, then --remove {r['role']})"
        echo(f"  role: {r['label']}{on}{' (public)' if r['public'] else ''}")
    hidden = (
        [counted(data["private_roles_hidden"], "private role")]
        if data["private_roles_hidden"]
        else []
    )
    hidden += ["notes"] if data["notes_hidden"] else []
    if hidden:
        warn(f"{' and '.join(hidden)} not shown; --include-private shows them")


def _parts_text(parts: dict[str, str]) -> str:
    from coprodcite.services.people import name_text

    return name_text(parts)


@people_app.command("list")
def list_people(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List people by family name: id, name, ORCID and the works they contributed to.

    On a terminal, a table with a header. Piped, one person per line with four
    tab-separated fields: id, name, ORCID (empty when none) and the keys of their works
    (comma-separated).
    """
    from coprodcite.services import people as svc

    entries = svc.people_list(state(ctx).library())
    if as_json:
        print_json([svc.person_summary(e) for e in entries])
        return
    if not entries:
        warn("no people yet: add works with `coprodcite add DOI`")
        return
    rows = [
        [str(d["id"]), d["name"], d["orcid"] or "", ", ".join(d["records"])]
        for d in map(svc.person_summary, entries)
    ]
    if stdout_is_terminal():
        print_table(_PEOPLE_COLUMNS, rows)
    else:
        echo("\n".join(tsv_line(row) for row in rows))


_PEOPLE_COLUMNS = (
    Column("id", cap=8),
    Column("name", cap=40),
    Column("ORCID", cap=37, drop_order=0, shrink=False),
    Column("works", minimum=20),
)


@people_app.command()
def show(
    ctx: typer.Context, person_id: int = PERSON, as_json: bool = JSON, private: bool = PRIVATE
) -> None:
    """Show a person: names, ORCID, contributions and roles; notes and private roles
    only with --include-private."""
    _show_entry(ctx, person_id, as_json, private)


MIN_EVIDENCE = typer.Option(
    1,
    "--min-evidence",
    metavar="N",
    help="Only links with at least N shared co-authors, venues or affiliations "
    "(a shared ORCID is always enough).",
)


@people_app.command()
def suggest(
    ctx: typer.Context,
    min_evidence: int = MIN_EVIDENCE,
    limit: int = typer.Option(0, "--limit", metavar="N", help="Show the N largest groups."),
    as_json: bool = JSON,
) -> None:
    """List people who are likely one person, with the evidence: the same ORCID, or
    names that agree (L. Geelhaar, Lutz Geelhaar) and works that share a co-author,
    venue or affiliation. Nothing is merged: `people merge ID` merges one suggestion,
    `people merge --all-suggested --min-evidence N` all of them."""
    from coprodcite.services.suggestions import suggest as find

    found = find(state(ctx).library(), min_evidence)
    shown = found[:limit] if limit > 0 else found
    if as_json:
        print_json([s.to_json() for s in shown])
        return
    for s in shown:
        _print_suggestion(s)
    people = sum(len(s.people) for s in found)
    warn(
        f"{len(found)} suggestion(s) for {people} people (--min-evidence {min_evidence});"
        " merge one with `coprodcite people merge ID`, all with `--all-suggested`"
    )


def _print_suggestion(s: Any) -> None:
    names = " / ".join(dict.fromkeys(s.names[p] for p in s.people))
    works = sum(s.works.values())
    weakest = "ORCID" if s.strength is None else f"{s.strength} shared at the weakest link"
    echo(f"{s.id}  {len(s.people)} people: {names}; {works} works; {weakest}")
    listed = ", ".join(f"{p} ({s.works[p]})" for p in s.people[:8])
    more = f" and {len(s.people) - 8} more" if len(s.people) > 8 else ""
    echo(f"    people (works): {listed}{more}")
    for item, who in s.evidence[:5]:
        echo(f"    {item.kind}: {item.value} ({len(who)} of them)")


@people_app.command()
def merge(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(
        None, metavar="PERSON_ID... | SUGGESTION_ID...", show_default=False
    ),
    all_suggested: bool = typer.Option(
        False, "--all-suggested", help="Merge every suggestion of `people suggest`."
    ),
    min_evidence: int = MIN_EVIDENCE,
    as_json: bool = JSON,
) -> None:
    """Merge people: the contributions of all are linked to the first, which keeps
    its name, roles and notes (taking the others' where it has none). Give person
    ids, or the ids of suggestions from `people suggest` (each group is merged into
    its smallest id), or --all-suggested with --min-evidence N. One transaction."""
    from coprodcite.services.suggestions import is_suggestion_id, merge_suggested

    refs = refs or []
    if len({is_suggestion_id(r) for r in refs}) > 1:
        raise UsageError("give person ids or suggestion ids, not both")
    if all_suggested or any(is_suggestion_id(r) for r in refs):
        merged = merge_suggested(
            state(ctx).library(), refs, every=all_suggested, min_evidence=min_evidence
        )
        if as_json:
            print_json([m.to_json() for m in merged])
            return
        for m in merged:
            echo(f"{m.suggestion.id}: {len(m.suggestion.people)} people are person {m.person}")
        people = sum(len(m.suggestion.people) for m in merged)
        warn(f"merged {counted(len(merged), 'suggestion')}: {people} people into {len(merged)}")
        return
    if not refs or not all(r.isdigit() for r in refs):
        raise UsageError(
            "give person ids (numbers), or suggestion ids (s12-ab34), or --all-suggested",
            hint="see `coprodcite people list` and `coprodcite people suggest`",
        )
    from coprodcite.services.people import merge_people

    if len(refs) < 2:
        raise UsageError("give at least two people to merge", hint="see `coprodcite people list`")
    _show_entry(ctx, merge_people(state(ctx).library(), [int(r) for r in refs]), as_json)


@people_app.command()
def split(
    ctx: typer.Context,
    person_id: int = PERSON,
    contributions: list[str] = typer.Argument(..., metavar="KEY[:POSITION]..."),
    as_json: bool = JSON,
) -> None:
    """Split the named contributions off to a new person. Roles given for those
    contributions go with them; the person's own roles stay."""
    from coprodcite.services.people import split_person

    _show_entry(ctx, split_person(state(ctx).library(), person_id, contributions), as_json)


@people_app.command()
def rename(
    ctx: typer.Context,
    person_id: int = PERSON,
    name: str = typer.Argument(None, metavar="[NAME]", help='"Family, Given" or "Given Family".'),
    given: str = typer.Option(None, "--given"),
    family: str = typer.Option(None, "--family"),
    literal: str = typer.Option(None, "--literal", help="A name never split into parts."),
    clear: bool = typer.Option(False, "--clear", help="Cite the name as published again."),
    as_json: bool = JSON,
) -> None:
    """Set the name a person is cited by from now on (the published name stays on
    record)."""
    from coprodcite.services.people import name_from_options, rename_person

    new = None
    if not clear:
        new = name_from_options(name, given=given, family=family, literal=literal)
    elif name or given or family or literal:
        raise UsageError("give a new name or --clear, not both")
    rename_person(state(ctx).library(), person_id, new)
    _show_entry(ctx, person_id, as_json)


@people_app.command()
def note(
    ctx: typer.Context,
    person_id: int = PERSON,
    text: str = typer.Argument(None, metavar="[TEXT]"),
    clear: bool = typer.Option(False, "--clear", help="Remove the notes."),
    as_json: bool = JSON,
) -> None:
    """Set private notes about a person (kept in the local library only; shown by
    `people show --include-private`)."""
    if bool(text) == clear:
        raise UsageError("give the notes' TEXT or --clear")
    from coprodcite.services.people import set_notes

    set_notes(state(ctx).library(), person_id, None if clear else text)
    _show_entry(ctx, person_id, as_json)


@people_app.command()
def role(
    ctx: typer.Context,
    person_id: int = PERSON,
    add: str = typer.Option(None, "--add", metavar="ROLE", help="Give this role."),
    remove: str = typer.Option(None, "--remove", metavar="ROLE", help="Take this role away."),
    public: bool = typer.Option(
        False,
        "--public",
        help="Record the person's consent to show this role. Adding a role again without "
        "--public withdraws it.",
    ),
    on: str = typer.Option(
        None, "--on", metavar="KEY[:POSITION]", help="Only for their contribution to this work."
    ),
    as_json: bool = JSON,
) -> None:
    """Give or take away a role: lived-experience-expert, service-user, carer,
    peer-researcher, patient-partner, community-partner (sensitive: private unless
    --public), the CRediT roles (credit:conceptualization ... credit:writing-review-editing),
    or roles added to the config (its roles table, key extra)."""
    from coprodcite.services.people import is_sensitive, set_role

    if bool(add) == bool(remove):
        raise UsageError("give one of --add ROLE or --remove ROLE")
    settings = state(ctx).settings
    assignment = set_role(
        state(ctx).library(),
        person_id,
        add or remove,
        extra_roles=settings.extra_roles if settings else (),
        public=public,
        on=on,
        remove=bool(remove),
    )
    if as_json:
        print_json({"action": "added" if add else "removed", **assignment.to_json()})
        return
    sensitive = is_sensitive(assignment.role, _extra_roles(ctx))
    visibility = (" (public)" if assignment.public else " (private)") if sensitive else ""
    verb = f"added{visibility}" if add else "removed"
    where = f" on {on}" if on else ""
    echo(f"person {person_id}: role {assignment.role}{where} {verb}")


@people_app.command()
def forget(ctx: typer.Context, person_id: int = PERSON, as_json: bool = JSON) -> None:
    """Erase a person's roles, notes and preferred name, and say what was erased.
    Their contributions stay as published."""
    from coprodcite.services.people import forget_person

    result = forget_person(state(ctx).library(), person_id, extra_roles=_extra_roles(ctx))
    if as_json:
        print_json(result)
        return
    removed = [f"role {r['label']}" for r in result["roles"]]
    if result["notes"]:
        removed.append("notes")
    if result["preferred_name"]:
        removed.append(f"preferred name {_parts_text(result['preferred_name'])}")
    echo(f"person {person_id}: removed {', '.join(removed) or 'nothing (there was nothing)'}")


def register(app: typer.Typer) -> None:
    app.add_typer(people_app, name="people")
