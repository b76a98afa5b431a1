from passerelle.accounts.models import User
from passerelle.core.models import Site
from tests.factories import SiteFactory, UserFactory


def test_non_managers_see_only_their_sites(organisation, site):
    SiteFactory(organisation=organisation)
    mediator = UserFactory(organisation=organisation, sites=[site])
    assert list(Site.objects.visible_to(mediator)) == [site]


def test_managers_see_all_sites_of_their_organisation_and_no_other(organisation, site, manager):
    second = SiteFactory(organisation=organisation)
    SiteFactory()
    assert set(Site.objects.visible_to(manager)) == {site, second}


def test_colleagues_are_limited_to_the_organisation(organisation, site, manager):
    colleague = UserFactory(organisation=organisation, sites=[site])
    UserFactory()
    assert set(User.objects.visible_to(manager)) == {manager, colleague}


def test_non_managers_see_colleagues_of_their_sites_only(organisation, site):
    me = UserFactory(organisation=organisation, sites=[site])
    colleague = UserFactory(organisation=organisation, sites=[site])
    UserFactory(organisation=organisation, sites=[SiteFactory(organisation=organisation)])
    assert set(User.objects.visible_to(me)) == {me, colleague}


def test_non_managers_see_the_managers_of_their_organisation_who_work_at_every_site(
    organisation, site, manager
):
    me = UserFactory(organisation=organisation, sites=[site])
    UserFactory(manager=True)  # another organisation's manager
    assert manager in User.objects.visible_to(me)
    assert User.objects.visible_to(me).filter(role="manager").count() == 1


def test_reception_books_with_a_manager_who_holds_consultation_hours(
    staff_client, organisation, site, manager
):
    from passerelle.appointments.models import Reason, Service

    service = Service.objects.create(organisation=organisation, name="Accès aux droits")
    reason = Reason.objects.create(service=service, name="Dossier", duration_minutes=30)
    client, _ = staff_client("reception")
    page = client.get(
        "/permanences/reserver/",
        {"motif": reason.pk, "intervenant": manager.pk, "debut": "2026-12-02T14:00:00+01:00"},
    )
    assert page.status_code == 200
