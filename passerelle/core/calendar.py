"""A staff member's calendar (ICS): each capability contributes its events.

Apps register `provider(user, since) -> iterable of CalendarEvent` in AppConfig.ready();
the feed at /compte/agenda/<secret>.ics asks every provider.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from passerelle.core.registry import Registry

PROVIDERS: Registry[Callable] = Registry("calendar providers")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str = ""
    cancelled: bool = False
    updated_at: dt.datetime | None = None


def register_provider(provider: Callable, *, order: int = 100) -> None:
    PROVIDERS.register(provider, order=order)


def calendar_for(*, user, since: dt.datetime, name: str) -> bytes:
    return ics_for((item for provider in PROVIDERS for item in provider(user, since)), name=name)


def ics_for(items: Iterable[CalendarEvent], *, name: str) -> bytes:
    """An ICS file of these events (a staff member's feed, a person's own appointment)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Passerelle//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("dtstamp", item.updated_at or dt.datetime.now(dt.UTC))
        if item.location:
            event.add("location", item.location)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
