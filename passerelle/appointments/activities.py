"""The Activity an appointment or a walk-in writes (core/activities.py): the services and
seed_demo use it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import enums
from passerelle.core.activities import build

WALK_IN_MAX_MINUTES = 240


def appointment_honoured(*, appointment):
    reason = appointment.reason
    return build(
        organisation_id=reason.service.organisation_id,
        site_id=appointment.site_id,
        kind=enums.ActivityKind.APPOINTMENT,
        date=timezone.localtime(appointment.starts_at).date(),
        duration_minutes=reason.duration_minutes,
        theme=reason.theme,
        label=f"{reason.service} — {reason}",
        staff_id=appointment.worker_id,
        person_id=appointment.person_id,
        source=appointment,
    )


def walk_in_seen(*, ticket, theme: str, by):
    """A walk-in seen at a desk; `theme` is the service's (its first reason's)."""
    started = ticket.called_at or ticket.created_at
    minutes = max(5, round((ticket.finished_at - started).total_seconds() / 60))
    return build(
        organisation_id=ticket.site.organisation_id,
        site_id=ticket.site_id,
        kind=enums.ActivityKind.WALK_IN,
        date=ticket.day,
        duration_minutes=min(minutes, WALK_IN_MAX_MINUTES),
        theme=theme,
        label=str(ticket.service or _("Accueil sans rendez-vous")),
        staff=by,
        person_id=ticket.person_id,
        anonymous_count=0 if ticket.person_id else 1,
        source=ticket,
    )
