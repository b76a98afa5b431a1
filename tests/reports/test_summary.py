"""The daily summary follows every change of the activities it sums."""

import datetime as dt

import pytest
from django.db.models import Sum

from passerelle.core.models import Activity
from passerelle.reports import summary
from passerelle.reports.models import ActivityDay, StaleDay
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def summed(organisation) -> int:
    summary.ensure_fresh(organisation.pk)
    return (
        ActivityDay.objects.filter(organisation=organisation).aggregate(n=Sum("activities"))["n"]
        or 0
    )


def test_a_new_activity_marks_its_day_stale(organisation, site):
    ActivityFactory(organisation=organisation, site=site, date=DAY)
    assert list(StaleDay.objects.values_list("date", flat=True)) == [DAY]


def test_the_summary_counts_new_activities_once_refreshed(organisation, site):
    ActivityFactory(organisation=organisation, site=site, date=DAY)
    ActivityFactory(organisation=organisation, site=site, date=DAY)
    assert summed(organisation) == 2
    assert not StaleDay.objects.exists()


def test_a_deleted_activity_leaves_the_summary(organisation, site):
    kept, removed = (ActivityFactory(organisation=organisation, site=site, date=DAY) for _ in "ab")
    assert summed(organisation) == 2
    Activity.objects.filter(pk=removed.pk).delete()
    assert summed(organisation) == 1


def test_a_rebuild_gives_what_the_refreshes_gave(organisation, site):
    for day in range(1, 20):
        ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, day))
    summary.ensure_fresh(organisation.pk)
    incremental = sorted(ActivityDay.objects.values_list("date", "kind", "activities", "minutes"))
    summary.rebuild(organisation.pk)
    assert (
        sorted(ActivityDay.objects.values_list("date", "kind", "activities", "minutes"))
        == incremental
    )
