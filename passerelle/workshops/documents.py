"""Documents made from sessions: the printed attendance sheet and the facilitator's ICS."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from passerelle.core.documents import pdf_from_html
from passerelle.workshops import selectors

BLANK_ROWS = 4


def attendance_sheet_pdf(*, session, request=None) -> bytes:
    """An A4 sheet, black and white: one row per registered person with a signature box,
    and blank rows for walk-ins (the funders' émargement)."""
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
    return pdf_from_html(html)


def facilitator_events(user, since):
    """The sessions a staff member runs, for their calendar feed."""
    from passerelle.core.calendar import CalendarEvent

    for session in selectors.sessions_for_facilitator(user=user, since=since):
        yield CalendarEvent(
            uid=f"atelier-{session.pk}@passerelle",
            summary=f"Atelier : {session.workshop.title}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location=" — ".join(p for p in (session.site.name, session.room_label) if p),
            cancelled=session.status == "cancelled",
            updated_at=session.updated_at,
        )
