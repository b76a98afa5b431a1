"""The Activity a workshop writes (core/activities.py): the services and seed_demo use it."""

from __future__ import annotations

from django.utils import timezone

from passerelle.core import enums
from passerelle.core.activities import build


def attendance(*, registration, session, by):
    """A person was at a workshop session (present or late)."""
    workshop = session.workshop
    return build(
        organisation_id=workshop.organisation_id,
        site_id=session.site_id,
        kind=enums.ActivityKind.WORKSHOP,
        date=timezone.localtime(session.starts_at).date(),
        duration_minutes=session.duration_minutes,
        theme=workshop.theme,
        level=workshop.level,
        label=workshop.title,
        staff=by,
        person_id=registration.person_id,
        equipment=[enums.Equipment.CENTRE_COMPUTER],
        source=registration,
    )
