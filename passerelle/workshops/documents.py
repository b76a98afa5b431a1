"""Documents made from sessions: the printed attendance sheet and the facilitator's ICS."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from passerelle.workshops import selectors

BLANK_ROWS = 4


def attendance_sheet_pdf(*, session, request=None) -> bytes:
    """An A4 sheet, black and white: one row per registered person with a signature box,
    and blank rows for walk-ins (the funders' émargement)."""
    from weasyprint import HTML  # imported here: it loads Pango, only needed for PDFs

    registrations = selectors.session_page(session)["confirmed"]
    html = render_to_string(
        "workshops/attendance_sheet.html",
        {
            "session": session,
            "registrations": registrations,
            "blank_rows": range(max(BLANK_ROWS, session.capacity - len(registrations))),
            "organisation": session.workshop.organisation,
            "facilitators": list(session.facilitators.all()),
            "printed_at": timezone.localtime(),
        },
    )
    base_url = str(settings.BASE_DIR / "passerelle" / "static")
    return HTML(string=html, base_url=base_url).write_pdf()


def facilitator_calendar(*, user, sessions) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Passerelle//Ateliers//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Ateliers — {user.get_full_name()}")
    for session in sessions:
        event = Event()
        event.add("uid", f"atelier-{session.pk}@passerelle")
        event.add("summary", session.workshop.title)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.updated_at or dt.datetime.now(dt.UTC))
        event.add("location", " — ".join(p for p in (session.site.name, session.room_label) if p))
        event.add("status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
