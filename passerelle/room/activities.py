"""The Activity a free-access session writes (core/activities.py): the services and
seed_demo use it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passerelle.core import enums
from passerelle.core.activities import build
from passerelle.room.enums import PURPOSE_THEMES, Purpose

MAX_MINUTES = 24 * 60


def station_session(*, session, organisation_id: int, site_id: int, ended_at: dt.datetime, by):
    minutes = max(1, round((ended_at - session.started_at).total_seconds() / 60))
    return build(
        organisation_id=organisation_id,
        site_id=site_id,
        kind=enums.ActivityKind.ROOM_SESSION,
        date=timezone.localdate(session.started_at),
        duration_minutes=min(minutes, MAX_MINUTES),
        theme=PURPOSE_THEMES[session.purpose],
        label=Purpose(session.purpose).label,
        staff=by,
        person_id=session.person_id,
        anonymous_count=0 if session.person_id else 1,
        equipment=[enums.Equipment.CENTRE_COMPUTER],
        source=session,
    )
