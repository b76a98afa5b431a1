"""The role × action table: the specification of passerelle/accounts/permissions.py."""

import pytest

from passerelle.accounts import permissions
from passerelle.accounts.enums import Role
from passerelle.core.models import Site
from tests.factories import PersonFactory, SiteFactory, UserFactory

M, SW, MED, REC, VOL = (
    Role.MANAGER,
    Role.SOCIAL_WORKER,
    Role.MEDIATOR,
    Role.RECEPTION,
    Role.VOLUNTEER,
)
ALL = {M, SW, MED, REC, VOL}

TABLE = {
    permissions.can_manage_staff: {M},
    permissions.can_manage_sites: {M},
    permissions.can_manage_catalogues: {M},
    permissions.can_view_statistics: {M, SW, MED, REC},
    permissions.can_export: {M},
    permissions.can_view_audit_journal: {M},
    permissions.can_register_person: {M, SW, MED, REC},
    permissions.can_import_people: {M, SW, MED},
    permissions.can_manage_directory: {M},
    permissions.can_view_full_profile: {M, SW, MED, REC},
    permissions.can_read_social_notes: {SW},
    permissions.can_merge_people: {M},
    permissions.can_answer_data_rights: {M},
    permissions.can_see_health_data: {M, SW},
    permissions.can_book_appointments: {M, SW, REC},
    permissions.can_hold_consultations: {SW},
    permissions.can_run_room: ALL,
    permissions.can_lend_equipment: {M, SW, MED, REC},
    permissions.can_record_procedures: {M, SW, MED},
    permissions.can_edit_person: {M, SW, MED, REC},
    permissions.can_write_notes: {M, SW, MED, REC},
    permissions.can_record_digital_path: ALL,
    permissions.can_view_procedure_catalogue: ALL,
    permissions.can_follow_deadlines: {M, SW, MED, REC},
    permissions.can_register_to_workshops: ALL,
    permissions.can_plan_workshops: {M, MED},
    permissions.can_view_messages: {M, SW, MED, REC},
    permissions.can_configure_messages: {M},
}
# Permission functions that ask about one object as well as the user: tested below.
ABOUT_AN_OBJECT = {permissions.can_view_person}

CASES = [(rule, role, role in allowed) for rule, allowed in TABLE.items() for role in Role]


@pytest.mark.parametrize(
    ("rule", "role", "expected"),
    CASES,
    ids=[f"{rule.__name__}-{role}" for rule, role, _ in CASES],
)
def test_role_action_table(db, rule, role, expected):
    assert rule(UserFactory(role=role)) is expected


@pytest.mark.parametrize("rule", list(TABLE), ids=[rule.__name__ for rule in TABLE])
def test_inactive_accounts_may_do_nothing(db, rule):
    assert rule(UserFactory(manager=True, is_active=False)) is False


@pytest.mark.parametrize("rule", list(TABLE), ids=[rule.__name__ for rule in TABLE])
def test_anonymous_visitors_may_do_nothing(rule):
    from django.contrib.auth.models import AnonymousUser

    assert rule(AnonymousUser()) is False


def test_every_permission_function_is_in_the_table():
    functions = {
        value
        for name, value in vars(permissions).items()
        if name.startswith("can_") and callable(value)
    }
    assert functions == set(TABLE) | ABOUT_AN_OBJECT


def test_staff_see_only_their_own_sites(organisation, site):
    other = SiteFactory(organisation=organisation)
    mediator = UserFactory(organisation=organisation, sites=[site])
    assert list(Site.objects.visible_to(mediator)) == [site]
    assert other not in Site.objects.visible_to(mediator)


def test_managers_see_every_site_of_their_organisation_only(organisation, manager):
    mine = SiteFactory(organisation=organisation)
    assert mine in Site.objects.visible_to(manager)
    assert SiteFactory() not in Site.objects.visible_to(manager)


def test_a_file_is_open_to_staff_of_its_organisation_only_and_never_once_anonymised(
    organisation, site
):
    volunteer = UserFactory(organisation=organisation, sites=[site], role=VOL)
    person = PersonFactory(organisation=organisation)
    assert permissions.can_view_person(volunteer, person)
    assert not permissions.can_view_person(UserFactory(), person)
    person.is_anonymised = True
    assert not permissions.can_view_person(volunteer, person)


def test_templates_ask_permission_functions_through_may(staff_client):
    client, _ = staff_client(Role.MANAGER)
    assert "Gérer l'équipe" in client.get("/compte/").text
    client, _ = staff_client(Role.MEDIATOR)
    assert "Gérer l'équipe" not in client.get("/compte/").text


def test_may_refuses_an_unknown_permission(db):
    from passerelle.accounts.context_processors import Permissions

    with pytest.raises(KeyError):
        Permissions(UserFactory())["fly"]
