"""Keep `ActivityDay` in step with `Activity`.

Every saved or deleted Activity marks its day stale (signals, so that no app has to know);
the dashboard calls `ensure_fresh` first, which recomputes only the stale days. Bulk writes
that send no signal (the demo seed) call `rebuild` afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Sum

from passerelle.core.models import Activity
from passerelle.reports.models import ActivityDay, StaleDay

DIMENSIONS = [
    "site_id",
    "date",
    "kind",
    "theme",
    "admin_procedure_theme",
    "autonomy",
]
REBUILD_CHUNK_DAYS = 92


def mark_stale(organisation_id: int, dates: Iterable[dt.date]) -> None:
    StaleDay.objects.bulk_create(
        [StaleDay(organisation_id=organisation_id, date=day) for day in set(dates)],
        ignore_conflicts=True,
    )


def _recompute(organisation_id: int, activities) -> None:
    rows = (
        activities.values(*DIMENSIONS)
        .annotate(n=Count("id"), total=Sum("duration_minutes"), anonymous=Sum("anonymous_count"))
        .order_by()
    )
    ActivityDay.objects.bulk_create(
        [
            ActivityDay(
                organisation_id=organisation_id,
                activities=row.pop("n"),
                minutes=row.pop("total") or 0,
                anonymous=row.pop("anonymous") or 0,
                **row,
            )
            for row in rows.iterator(chunk_size=5000)
        ],
        batch_size=2000,
    )


def ensure_fresh(organisation_id: int) -> int:
    """Recompute the stale days of this organisation; returns how many."""
    if not StaleDay.objects.filter(organisation_id=organisation_id).exists():
        return 0
    with transaction.atomic():
        # Locked: a second request waiting here finds the days already done.
        days = list(
            StaleDay.objects.select_for_update(of=("self",))
            .filter(organisation_id=organisation_id)
            .values_list("date", flat=True)
        )
        if not days:
            return 0
        ActivityDay.objects.filter(organisation_id=organisation_id, date__in=days).delete()
        _recompute(
            organisation_id,
            Activity.objects.filter(organisation_id=organisation_id, date__in=days),
        )
        StaleDay.objects.filter(organisation_id=organisation_id, date__in=days).delete()
    return len(days)


def rebuild(organisation_id: int) -> None:
    """Everything again, a quarter at a time (after bulk imports)."""
    bounds = Activity.objects.filter(organisation_id=organisation_id).order_by("date")
    first, last = (
        bounds.values_list("date", flat=True).first(),
        bounds.reverse().values_list("date", flat=True).first(),
    )
    with transaction.atomic():
        ActivityDay.objects.filter(organisation_id=organisation_id).delete()
        StaleDay.objects.filter(organisation_id=organisation_id).delete()
        if first is None:
            return
        start = first
        while start <= last:
            end = start + dt.timedelta(days=REBUILD_CHUNK_DAYS)
            _recompute(
                organisation_id,
                Activity.objects.filter(
                    organisation_id=organisation_id, date__gte=start, date__lt=end
                ),
            )
            start = end


def on_activity_saved(sender, instance: Activity, **kwargs) -> None:
    mark_stale(instance.organisation_id, [instance.date])


def on_activity_deleted(sender, instance: Activity, **kwargs) -> None:
    mark_stale(instance.organisation_id, [instance.date])


def on_activities_bulk_written(*, organisation_id: int, dates) -> None:
    mark_stale(organisation_id, dates)
