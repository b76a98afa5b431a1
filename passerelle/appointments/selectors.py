"""Reads of the appointments app for other apps (the reports)."""

from __future__ import annotations

from django.db.models import Count, Q

from passerelle.appointments.enums import AppointmentStatus, TicketStatus
from passerelle.appointments.models import Appointment, QueueTicket


def report_figures(*, organisation_id: int, site_ids, start, end, staff_id=None) -> dict:
    """Appointments dated in [start, end] and how they went; walk-in tickets and waits."""
    appointments = Appointment.objects.filter(
        service__organisation_id=organisation_id,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    )
    tickets = QueueTicket.objects.filter(
        site__organisation_id=organisation_id, day__gte=start, day__lte=end
    )
    if site_ids is not None:
        appointments = appointments.filter(site_id__in=site_ids)
        tickets = tickets.filter(site_id__in=site_ids)
    if staff_id:
        appointments = appointments.filter(worker_id=staff_id)
        tickets = tickets.filter(called_by_id=staff_id)
    S = AppointmentStatus
    counts = appointments.aggregate(
        booked=Count("id", filter=~Q(status__in=(S.RESCHEDULED, S.CANCELLED))),
        honoured=Count("id", filter=Q(status=S.HONOURED)),
        no_show=Count("id", filter=Q(status=S.NO_SHOW)),
        excused=Count("id", filter=Q(status=S.EXCUSED)),
    )
    waits = [
        (called - created).total_seconds() / 60
        for created, called in tickets.filter(
            status=TicketStatus.SEEN, called_at__isnull=False
        ).values_list("created_at", "called_at")
    ]
    counts.update(
        tickets=tickets.count(),
        seen=len(waits),
        average_wait=round(sum(waits) / len(waits)) if waits else None,
    )
    return counts
