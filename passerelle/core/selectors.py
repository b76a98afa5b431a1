"""Reads for the "Aujourd'hui" page."""

from __future__ import annotations

from django.db.models import Count, Sum

from passerelle.core.models import Activity, Site
from passerelle.core.utils import local_today


def today_summary(*, user) -> dict:
    day = local_today()
    totals = (
        Activity.objects.visible_to(user)
        .filter(date=day)
        .aggregate(
            activities=Count("id"),
            people=Count("person", distinct=True),
            anonymous=Sum("anonymous_count"),
        )
    )
    return {
        "day": day,
        "sites": Site.objects.visible_to(user).filter(is_active=True),
        "activities_today": totals["activities"],
        "people_today": totals["people"] + (totals["anonymous"] or 0),
    }
