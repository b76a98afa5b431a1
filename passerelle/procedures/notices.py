"""Deadline reminders sent through the notifications app: a window opens, or closes in two
days and the procedure is still not done."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passerelle.core.models import Site
from passerelle.notifications.events import Event
from passerelle.notifications.services import Notice, morning_of
from passerelle.procedures.selectors import reminders_due


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def reminders(today: dt.date, now: dt.datetime):
    due = reminders_due(on=today)
    occurrences = due["window_opens"] + due["closes_in_two_days"]
    people = {o.followed.person for o in occurrences}
    sites = Site.objects.in_bulk({p.home_site_id for p in people if p.home_site_id})
    fallback = {}
    for site in Site.objects.filter(
        organisation_id__in={p.organisation_id for p in people}, is_active=True
    ).order_by("pk"):
        fallback.setdefault(site.organisation_id, site)
    for event, items in (
        (Event.DEADLINE_OPENS, due["window_opens"]),
        (Event.DEADLINE_CLOSING, due["closes_in_two_days"]),
    ):
        for occurrence in items:
            person = occurrence.followed.person
            site = sites.get(person.home_site_id) or fallback.get(person.organisation_id)
            yield Notice(
                person=person,
                event=event,
                context={
                    "label": str(occurrence.followed),
                    "closes_on": occurrence.closes_on,
                    "place": site.full_address if site else "",
                },
                key=f"deadline:{occurrence.pk}:{event}",
                event_at=_end_of(occurrence.closes_on),
                not_before=morning_of(today),
            )
