"""Reminders: each app registers a source in its AppConfig.ready(); the daily task asks every
source for today's notices and queues them. Running it twice writes nothing twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from passerelle.core.registry import Registry
from passerelle.notifications.services.delivery import notify


@dataclass
class Notice:
    """A message an app wants sent (reminder sources yield these)."""

    person: object  # people's Person
    event: str
    context: dict
    key: str
    event_at: dt.datetime | None = None
    not_before: dt.datetime | None = None


ReminderSource = Callable[[dt.date, dt.datetime], Iterable[Notice]]
REMINDER_SOURCES: Registry[ReminderSource] = Registry("reminder sources")


def register_reminder_source(source: ReminderSource, *, order: int = 100) -> None:
    REMINDER_SOURCES.register(source, order=order)


@transaction.atomic
def reminders_schedule(*, now: dt.datetime | None = None) -> int:
    """Queue today's reminders from every source. Running it twice writes nothing twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    written = 0
    for source in REMINDER_SOURCES:
        for notice in source(today, now):
            written += len(
                notify(
                    person=notice.person,
                    event=notice.event,
                    context=notice.context,
                    key=notice.key,
                    event_at=notice.event_at,
                    not_before=notice.not_before,
                    now=now,
                )
            )
    return written


@transaction.atomic
def reminders_task(*, now: dt.datetime) -> str:
    """The daily task (`manage.py periodic`)."""
    queued = reminders_schedule(now=now)
    return f"Messages : {queued} rappels mis en file (SMS et e-mails)."
