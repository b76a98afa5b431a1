"""What lending tells people: the date to give the device back, two days before and on the
day (through the notifications rules: consent, quiet hours, never twice)."""

from __future__ import annotations

import datetime as dt

from passerelle.equipment import selectors
from passerelle.notifications.events import Event
from passerelle.notifications.services import Notice, morning_of


def reminders(today: dt.date, now: dt.datetime):
    for days, event in ((2, Event.LOAN_DUE_2D), (0, Event.LOAN_DUE_DAY)):
        for loan in selectors.due_soon(on=today + dt.timedelta(days=days)):
            yield Notice(
                person=loan.person,
                event=event,
                context={
                    "label": loan.device.get_kind_display(),
                    "due_on": loan.due_on,
                    "place": loan.device.site.full_address,
                    "short_place": loan.device.site.name,
                },
                key=f"loan:{loan.pk}:{event}",
                event_at=None,
                not_before=morning_of(today),
            )
