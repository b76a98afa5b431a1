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
