import pytest

from coprodcite.config import load_settings
from coprodcite.errors import InvalidInput
from coprodcite.roles import (
    CO_PRODUCTION_ROLES,
    CREDIT_ROLES,
    describe,
    lookup,
    shown,
    vocabulary,
)


def test_the_vocabulary_has_six_co_production_and_fourteen_credit_roles():
    roles = vocabulary()
    assert len(CO_PRODUCTION_ROLES) == 6 and len(CREDIT_ROLES) == 14
    assert len(roles) == 20
    assert all(r.sensitive for r in CO_PRODUCTION_ROLES)
    assert not any(r.sensitive for r in CREDIT_ROLES)
    assert roles["credit:writing-review-editing"].label == "Writing – review & editing"
    assert (
        roles["credit:data-curation"].uri
        == "https://credit.niso.org/contributor-roles/data-curation/"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lived-experience-expert", "lived-experience-expert"),
        ("carer", "carer"),
        ("credit:methodology", "credit:methodology"),
        ("methodology", "credit:methodology"),
        ("Writing - original draft", "credit:writing-original-draft"),
        ("peer researcher", "peer-researcher"),
    ],
)
def test_lookup_by_id_short_id_or_label(text, expected):
    assert lookup(text, vocabulary()).id == expected


def test_unknown_role_is_invalid_input_listing_the_roles():
    with pytest.raises(InvalidInput, match="unknown role 'wizard'.*carer"):
        lookup("wizard", vocabulary())


def test_extra_roles_from_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        'style = "apa"\n[roles]\nextra = ["expert-by-experience",'
        ' {id = "advisory-group-member", label = "advisory group member", sensitive = false}]\n'
    )
    settings = load_settings(env={}, config_path=config)
    roles = vocabulary(settings.extra_roles)
    assert roles["expert-by-experience"].sensitive  # sensitive unless said otherwise
    assert roles["advisory-group-member"].label == "advisory group member"
    assert not roles["advisory-group-member"].sensitive


@pytest.mark.parametrize("extra", [["carer"], [""], ["two words"], [{"label": "no id"}]])
def test_bad_extra_roles_are_refused(extra):
    with pytest.raises(InvalidInput, match=r"\[roles\] extra"):
        vocabulary(extra)


def test_a_stored_role_no_longer_in_the_config_stays_private():
    role = describe("removed-role", vocabulary())
    assert role.sensitive
    assert not shown(role, public=False)
    assert shown(role, public=True)
    assert shown(role, public=False, include_private=True)
    assert shown(vocabulary()["credit:software"], public=False)
