"""``coprodcite contributors KEY ...`` and ``coprodcite credits KEY...``."""

from __future__ import annotations

from enum import Enum

import typer

from coprodcite.cli.common import echo, print_json, state

contributors_app = typer.Typer(
    help="List a work's contributors, or add ones the publisher left out.\n\n"
    "Added contributors are marked as added by you, not from the source, and stay "
    "through `add --refresh`.",
    no_args_is_help=True,
)
JSON = typer.Option(False, "--json", help="Print JSON (see README).")


@contributors_app.callback()
def _record(ctx: typer.Context, ref: str = typer.Argument(..., metavar="KEY|DOI")) -> None:
    ctx.meta["coprodcite.record"] = ref


def _ref(ctx: typer.Context) -> str:
    return str(ctx.meta["coprodcite.record"])


@contributors_app.command("list")
def list_contributors(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every contributor in order: position, role, name as published, person id."""
    from coprodcite.services.contributors import contributors_of

    record = contributors_of(state(ctx).library(), _ref(ctx))
    rows = [{"position": i, **c.to_json()} for i, c in enumerate(record.contributors, start=1)]
    if as_json:
        print_json({"key": record.key, "contributors": rows})
        return
    for i, c in enumerate(record.contributors, start=1):
        added = "  (added by the user)" if c.added_by_user else ""
        echo(f"{i:>3}. {c.display_name()}  [{c.role}; person {c.person_id}]{added}")


@contributors_app.command()
def add(
    ctx: typer.Context,
    name: str = typer.Argument(None, metavar="[NAME]", help='"Family, Given" or "Given Family".'),
    given: str = typer.Option(None, "--given"),
    family: str = typer.Option(None, "--family"),
    literal: str = typer.Option(None, "--literal", help="A group's or organisation's name."),
    role: str = typer.Option("author", "--role", help="CSL role: author, editor, ..."),
    orcid: str = typer.Option(None, "--orcid", help="Links the contributor to that person."),
    position: int = typer.Option(None, "--position", min=1, help="Where (from 1); default last."),
    credit: list[str] = typer.Option(
        [],
        "--credit",
        metavar="ROLE",
        help="A role for this contribution (repeatable): a lived-experience or co-production "
        "role, private unless --public, or a CRediT role (see `people role --help`).",
    ),
    public: bool = typer.Option(
        False, "--public", help="Record the person's consent to show the --credit roles."
    ),
    as_json: bool = JSON,
) -> None:
    """Add a contributor the publisher's metadata left out, with their roles."""
    from coprodcite.services.contributors import add_contributor
    from coprodcite.services.people import name_from_options

    # a usage error is told before the library is opened (it may not exist yet)
    name_from_options(name, given=given, family=family, literal=literal, role=role)
    settings = state(ctx).settings
    record, at = add_contributor(
        state(ctx).library(),
        _ref(ctx),
        name,
        given=given,
        family=family,
        literal=literal,
        role=role,
        orcid=orcid,
        position=position,
        credit=credit,
        public=public,
        extra_roles=settings.extra_roles if settings else (),
    )
    added = record.contributors[at - 1]
    if as_json:
        print_json({"key": record.key, "position": at, **added.to_json()})
    else:
        echo(f"{record.key}: added {added.display_name()} as {added.role} {at}")


@contributors_app.command()
def remove(
    ctx: typer.Context,
    position: int = typer.Argument(..., metavar="POSITION", min=1),
    as_json: bool = JSON,
) -> None:
    """Remove a contributor you added (those from the source stay)."""
    from coprodcite.services.contributors import remove_contributor

    ref = _ref(ctx)
    removed = remove_contributor(state(ctx).library(), ref, position)
    if as_json:
        print_json({"key": ref, "position": position, **removed.to_json()})
    else:
        echo(f"{ref}: removed {removed.display_name()} ({position})")


class CreditsFormat(str, Enum):
    text = "text"
    markdown = "markdown"


def credits(
    ctx: typer.Context,
    refs: list[str] = typer.Argument(..., metavar="KEY|DOI..."),
    fmt: CreditsFormat = typer.Option(CreditsFormat.text, "--format", "-F"),
    include_private: bool = typer.Option(
        False,
        "--include-private",
        help="Also show lived-experience roles whose holders have not consented to show them.",
    ),
    as_json: bool = JSON,
) -> None:
    """Print a contributor statement for each work.

    Every contributor in order, under their preferred name, with CRediT roles and,
    where the person consented, lived-experience and co-production roles."""
    from coprodcite.services import people as svc

    st = state(ctx)
    assert st.settings is not None
    statements = svc.credits(
        st.library(), refs, extra_roles=st.settings.extra_roles, include_private=include_private
    )
    if as_json:
        print_json([s.to_json() for s in statements])
    else:
        echo(svc.format_credits(statements, fmt.value))


def register(app: typer.Typer) -> None:
    app.add_typer(contributors_app, name="contributors")
    app.command()(credits)
