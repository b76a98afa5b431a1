"""Each figure against a small hand-built centre whose answers are known."""

import datetime as dt

import pytest
from django.urls import reverse

from passerelle.core.enums import ActivityKind, Autonomy
from passerelle.reports import impact, selectors
from passerelle.reports.forms import Scope
from tests.factories import ActivityFactory, PersonFactory, SiteFactory

pytestmark = pytest.mark.django_db

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def scope(organisation, start=MARCH[0], end=MARCH[1], site_ids=None) -> Scope:
    return Scope(organisation.pk, site_ids, "", None, start, end)


@pytest.fixture
def centre(organisation, site):
    """Ana: two activities in March (and one in January: not new); Bruno: one in March (new);
    a group of 4 anonymous; Chloé: one in February only."""
    ana, bruno, chloe = (PersonFactory(organisation=organisation) for _ in range(3))
    make = dict(organisation=organisation, site=site)
    ActivityFactory(person=ana, date=dt.date(2026, 1, 10), **make)
    ActivityFactory(person=ana, date=dt.date(2026, 3, 2), duration_minutes=60, **make)
    ActivityFactory(
        person=ana,
        date=dt.date(2026, 3, 20),
        kind=ActivityKind.WORKSHOP,
        duration_minutes=90,
        **make,
    )
    ActivityFactory(person=bruno, date=dt.date(2026, 3, 5), duration_minutes=30, **make)
    ActivityFactory(
        person=None, anonymous_count=4, date=dt.date(2026, 3, 6), duration_minutes=60, **make
    )
    ActivityFactory(person=chloe, date=dt.date(2026, 2, 10), **make)
    return ana, bruno, chloe


def totals(a_scope):
    return selectors.totals(a_scope, selectors.breakdowns(a_scope))


def test_people_reached_are_counted_once(organisation, centre):
    assert totals(scope(organisation))["people"] == 2


def test_new_people_are_those_never_seen_before_the_period(organisation, centre):
    assert totals(scope(organisation))["new_people"] == 1


def test_anonymous_participants_and_hours_are_summed(organisation, centre):
    figures = totals(scope(organisation))
    assert (figures["activities"], figures["anonymous"], figures["hours"]) == (4, 4, 4)


def test_the_previous_period_has_the_same_length(organisation):
    previous = scope(organisation).previous()
    assert (previous.start, previous.end) == (dt.date(2026, 1, 29), dt.date(2026, 2, 28))


def test_each_figure_is_compared_with_the_previous_period(organisation, centre):
    figures = selectors.dashboard(scope(organisation))
    people = dict((str(label), figure) for label, figure in figures["key_figures"])[
        "Personnes accompagnées"
    ]
    assert (people.value, people.previous, people.change) == (2, 1, 100)


def test_activities_by_kind_with_the_previous_period(organisation, centre):
    rows = {
        row["key"]: (row["value"], row["previous"])
        for row in selectors.dashboard(scope(organisation))["by_kind"]
    }
    assert rows == {"workshop": (1, 0), "individual_support": (3, 1)}


def test_a_site_filter_keeps_that_site_only(organisation, centre):
    other = SiteFactory(organisation=organisation, name="Ivry")
    ActivityFactory(organisation=organisation, site=other, date=dt.date(2026, 3, 3))
    assert totals(scope(organisation, site_ids=[other.pk]))["activities"] == 1


def test_a_site_filter_counts_the_people_seen_at_that_site_and_who_is_new_there(organisation, site):
    other = SiteFactory(organisation=organisation, name="Ivry")
    both, here_only, there_only = (PersonFactory(organisation=organisation) for _ in range(3))
    for person, where, day in [
        (both, other, dt.date(2026, 1, 10)),  # seen before the period, elsewhere
        (both, site, dt.date(2026, 3, 4)),
        (both, site, dt.date(2026, 3, 9)),
        (here_only, site, dt.date(2026, 3, 5)),
        (there_only, other, dt.date(2026, 3, 6)),
    ]:
        ActivityFactory(organisation=organisation, site=where, person=person, date=day)
    _profile, people, new = selectors.profile(scope(organisation, site_ids=[site.pk]))
    assert (people, new) == (2, 1)  # "both" is not new: seen in January at Ivry
    _profile, people, new = selectors.profile(scope(organisation, site_ids=[other.pk]))
    assert (people, new) == (1, 1)


def test_the_profile_counts_people_not_activities(organisation, centre):
    profile, people, new = selectors.profile(scope(organisation))
    assert (sum(profile["age_band"].values()), people, new) == (2, 2, 1)


def test_an_empty_period_shows_an_empty_state(manager_client):
    response = manager_client.get(
        reverse("reports:dashboard"), {"periode": "dates", "du": "2001-01-01", "au": "2001-01-31"}
    )
    assert response.status_code == 200
    assert "Aucune activité sur cette période" in response.text


def test_a_period_of_more_than_ten_years_gets_a_french_message(manager_client):
    response = manager_client.get(
        reverse("reports:dashboard"), {"periode": "dates", "du": "2000-01-01", "au": "2026-01-01"}
    )
    assert "Choisissez une période de 10 ans au plus." in response.text


def test_dates_in_the_wrong_order_get_a_french_message(manager_client):
    response = manager_client.get(
        reverse("reports:dashboard"), {"periode": "dates", "du": "2026-02-01", "au": "2026-01-01"}
    )
    assert "La date de fin doit venir après la date de début." in response.text


def test_a_site_of_another_organisation_is_refused(manager_client):
    foreign = SiteFactory(name="Ailleurs")
    response = manager_client.get(reverse("reports:dashboard"), {"lieu": foreign.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


def test_unknown_filter_values_get_a_french_message_not_a_500(manager_client):
    response = manager_client.get(
        reverse("reports:dashboard"), {"periode": "siecle", "programme": "x", "jour": "hier"}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


def test_the_dashboard_shows_charts_with_their_tables(manager_client, centre):
    response = manager_client.get(
        reverse("reports:dashboard"), {"periode": "dates", "du": "2026-01-01", "au": "2026-03-31"}
    )
    assert response.text.count("<svg") >= 3
    assert "Activités et heures par mois" in response.text


def test_the_query_count_does_not_grow_with_data(manager_client, organisation, site):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        url = reverse("reports:dashboard")
        manager_client.get(url, {"jour": "2026-03-10"})  # brings the summary up to date
        with CaptureQueriesContext(connection) as queries:
            manager_client.get(url, {"jour": "2026-03-10"})
        return len(queries)

    ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, 1))
    before = count()
    for day in range(2, 28):
        ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, day))
    assert count() == before


@pytest.mark.parametrize("role", ["social_worker", "mediator", "reception"])
def test_staff_see_statistics_of_their_sites(staff_client, role, site, organisation):
    other = SiteFactory(organisation=organisation, name="Ivry")
    ActivityFactory(organisation=organisation, site=other, date=dt.date(2026, 3, 3))
    client, _user = staff_client(role)
    response = client.get(reverse("reports:dashboard"), {"jour": "2026-03-10"})
    assert response.status_code == 200
    assert response.context["scope"].site_ids == [site.pk]


def test_volunteers_see_no_statistics(staff_client):
    client, _user = staff_client("volunteer")
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_autonomy_progress_pairs_first_and_latest_per_category(organisation, site):
    person = PersonFactory(organisation=organisation)
    once = PersonFactory(organisation=organisation)
    make = dict(
        organisation=organisation,
        site=site,
        kind=ActivityKind.ASSISTED_PROCEDURE,
        admin_procedure_theme="social_sante",
    )
    ActivityFactory(person=person, date=dt.date(2026, 3, 1), autonomy=Autonomy.DONE_FOR, **make)
    ActivityFactory(person=person, date=dt.date(2026, 3, 9), autonomy=Autonomy.GUIDED, **make)
    ActivityFactory(person=person, date=dt.date(2026, 3, 20), autonomy=Autonomy.AUTONOMOUS, **make)
    ActivityFactory(person=once, date=dt.date(2026, 3, 2), autonomy=Autonomy.GUIDED, **make)
    (progress,) = impact.autonomy_progress(scope(organisation))
    assert (progress.people, progress.first, progress.latest, progress.improved) == (1, 0, 100, 1)


def test_the_profile_gives_age_bands_at_the_latest_activity_and_programmes(organisation, site):
    from passerelle.people.models import ProgrammeMembership

    # Both were seen on 5 March 2026, the first on her 70th birthday.
    turning_70 = PersonFactory(organisation=organisation, birth_date=dt.date(1956, 3, 5))
    turns_70_after = PersonFactory(organisation=organisation, birth_date=dt.date(1956, 3, 6))
    unknown = PersonFactory(organisation=organisation, birth_date=None)
    for person in (turning_70, turns_70_after, unknown):
        ActivityFactory(
            organisation=organisation, site=site, person=person, date=dt.date(2026, 3, 5)
        )
    ProgrammeMembership.objects.create(
        person=turning_70, programme="insertion", start_date=dt.date(2025, 1, 1)
    )
    ProgrammeMembership.objects.create(
        person=unknown, programme="insertion", start_date=dt.date(2026, 4, 1)
    )  # starts after the period
    profile, _people, _new = selectors.profile(scope(organisation))
    assert profile["age_band"] == {"70_plus": 1, "60_69": 1, "unknown": 1}
    assert profile["programme"] == {"insertion": 1}


def test_the_profile_counts_a_person_once_per_programme_and_in_each_of_theirs(organisation, site):
    from passerelle.people.models import ProgrammeMembership

    person = PersonFactory(organisation=organisation)
    ActivityFactory(organisation=organisation, site=site, person=person, date=dt.date(2026, 3, 5))
    for programme, start, end in [
        ("insertion", dt.date(2025, 1, 1), dt.date(2026, 3, 10)),
        ("insertion", dt.date(2026, 3, 11), None),  # a second contract, same programme
        ("social_action", dt.date(2026, 3, 1), None),
        ("child_welfare", dt.date(2020, 1, 1), dt.date(2021, 1, 1)),  # over before the period
    ]:
        ProgrammeMembership.objects.create(
            person=person, programme=programme, start_date=start, end_date=end
        )
    profile, _people, _new = selectors.profile(scope(organisation))
    assert profile["programme"] == {"insertion": 1, "social_action": 1}


def test_diagnostic_progress_pairs_first_and_latest_per_area(organisation, site, manager):
    from passerelle.people.models import SkillAnswer, SkillArea, SkillAssessment, SkillQuestion

    area = SkillArea.objects.create(organisation=organisation, name="E-mail", theme="email")
    question = SkillQuestion.objects.create(area=area, text="Envoyer un e-mail")
    person, once = (
        PersonFactory(organisation=organisation),
        PersonFactory(organisation=organisation),
    )
    for who, day, score in (
        (person, dt.date(2026, 3, 2), 0),
        (person, dt.date(2026, 3, 9), 1),
        (person, dt.date(2026, 3, 23), 3),
        (once, dt.date(2026, 3, 5), 1),
    ):
        assessment = SkillAssessment.objects.create(
            person=who, assessed_on=day, staff=manager, site=site
        )
        SkillAnswer.objects.create(assessment=assessment, question=question, score=score)
    (progress,) = impact.diagnostic_progress(scope(organisation))
    assert (progress.label, progress.people, progress.first, progress.latest) == (
        "E-mail",
        1,
        0,
        100,
    )
