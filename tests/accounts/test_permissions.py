"""The role × action table: the specification of passerelle/accounts/permissions.py."""

import pytest

from passerelle.accounts import permissions
from passerelle.accounts.enums import Role
from tests.factories import SiteFactory, UserFactory

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
    permissions.can_view_full_profile: {M, SW, MED, REC},
    permissions.can_read_social_notes: {SW},
    permissions.can_merge_people: {M},
    permissions.can_run_workshops: {M, MED, VOL},
    permissions.can_book_appointments: {M, SW, REC},
    permissions.can_hold_consultations: {SW},
    permissions.can_run_room: ALL,
    permissions.can_record_procedures: {M, SW, MED},
}

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


def test_staff_may_use_only_their_own_sites(organisation, site):
    other = SiteFactory(organisation=organisation)
    mediator = UserFactory(organisation=organisation, sites=[site])
    assert permissions.can_use_site(mediator, site)
    assert not permissions.can_use_site(mediator, other)


def test_managers_may_use_every_site_of_their_organisation_only(organisation, manager):
    assert permissions.can_use_site(manager, SiteFactory(organisation=organisation))
    assert not permissions.can_use_site(manager, SiteFactory())
