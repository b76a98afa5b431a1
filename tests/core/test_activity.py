import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from passerelle.core import enums
from passerelle.core.activities import build
from passerelle.core.models import Activity
from passerelle.core.services import activity_record
from tests.factories import ActivityFactory, PersonFactory, SiteFactory, UserFactory


def test_activity_record_writes_one_row_with_its_source(organisation, site):
    person = PersonFactory(organisation=organisation)
    staff = UserFactory(organisation=organisation)
    activity = activity_record(
        activity=build(
            organisation=organisation,
            site=site,
            kind=enums.ActivityKind.ASSISTED_PROCEDURE,
            date=dt.date(2026, 3, 2),
            duration_minutes=45,
            theme=enums.Theme.ADMIN_PROCEDURES,
            other_themes=[enums.Theme.EMAIL, enums.Theme.ADMIN_PROCEDURES],
            admin_procedure_theme=enums.AdminProcedureTheme.SOCIAL_HEALTH,
            autonomy=enums.Autonomy.GUIDED,
            staff=staff,
            person=person,
            source=person,
        )
    )
    saved = Activity.objects.get()
    assert saved == activity
    assert saved.other_themes == [enums.Theme.EMAIL]
    assert saved.source == person


def test_activity_without_person_nor_anonymous_count_is_refused_by_the_database(organisation):
    with pytest.raises(IntegrityError):
        ActivityFactory(organisation=organisation, person=None, anonymous_count=0)


def test_anonymous_activity_counts_its_participants(organisation):
    activity = ActivityFactory(organisation=organisation, person=None, anonymous_count=3)
    assert activity.people_count == 3


def test_one_source_row_writes_one_activity_only(organisation, site):
    person = PersonFactory(organisation=organisation)
    common = dict(
        organisation=organisation,
        kind=enums.ActivityKind.WORKSHOP,
        date=dt.date(2026, 3, 2),
        duration_minutes=90,
        theme=enums.Theme.EMAIL,
        person=person,
        source=person,
    )
    activity_record(activity=build(**common))
    with pytest.raises(ValidationError):
        activity_record(activity=build(**common))
    assert Activity.objects.count() == 1


def test_database_refuses_a_second_activity_for_one_source(organisation):
    from django.contrib.contenttypes.models import ContentType

    person = PersonFactory(organisation=organisation)
    person_type = ContentType.objects.get_for_model(person)
    ActivityFactory(organisation=organisation, source_type=person_type, source_id=person.pk)
    with pytest.raises(IntegrityError):
        ActivityFactory(organisation=organisation, source_type=person_type, source_id=person.pk)


def test_activity_record_refuses_an_unknown_theme(organisation):
    with pytest.raises(ValidationError):
        activity_record(
            activity=build(
                organisation=organisation,
                kind=enums.ActivityKind.WALK_IN,
                date=dt.date(2026, 3, 2),
                duration_minutes=15,
                theme="astrologie",
                anonymous_count=1,
            )
        )


def test_non_managers_see_activities_of_their_sites_only(organisation, site):
    other_site = SiteFactory(organisation=organisation)
    mine = ActivityFactory(organisation=organisation, site=site)
    ActivityFactory(organisation=organisation, site=other_site)
    mediator = UserFactory(organisation=organisation, sites=[site])
    assert list(Activity.objects.visible_to(mediator)) == [mine]


def test_managers_see_every_activity_of_their_organisation(organisation, site, manager):
    ActivityFactory(organisation=organisation, site=site)
    ActivityFactory(organisation=organisation, site=SiteFactory(organisation=organisation))
    ActivityFactory()  # another organisation
    assert Activity.objects.visible_to(manager).count() == 2
