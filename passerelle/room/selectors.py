"""Reads for the live board: each station's state, who waits, when the next one frees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from passerelle.room.models import Station, StationReservation, StationSession

SOON = dt.timedelta(minutes=30)


@dataclass
class StationState:
    station: Station
    state: str  # free, in_use, overrun, reserved, out_of_order
    session: StationSession | None = None
    reservation: StationReservation | None = None
    minutes_left: int | None = None


def board(room, *, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    stations = list(room.stations.all())
    sessions = {
        s.station_id: s
        for s in StationSession.objects.open().filter(station__room=room).select_related("person")
    }
    reservations: dict[int, StationReservation] = {}
    for reservation in (
        StationReservation.objects.active()
        .filter(station__room=room, ends_at__gt=now, starts_at__lt=now + SOON)
        .select_related("person")
        .order_by("starts_at")
    ):
        reservations.setdefault(reservation.station_id, reservation)
    states = []
    for station in stations:
        session = sessions.get(station.pk)
        if not station.is_working:
            states.append(StationState(station, "out_of_order"))
        elif session is not None:
            left = round((session.planned_end_at - now).total_seconds() / 60)
            states.append(
                StationState(
                    station, "overrun" if left < 0 else "in_use", session, minutes_left=left
                )
            )
        elif station.pk in reservations:
            states.append(StationState(station, "reserved", reservation=reservations[station.pk]))
        else:
            states.append(StationState(station, "free"))
    free = [s for s in states if s.state == "free"]
    busy = [s.minutes_left for s in states if s.state == "in_use"]
    return {
        "states": states,
        "free_count": len(free),
        "in_use_count": len(sessions),
        "next_free_minutes": 0 if free else (max(min(busy), 0) if busy else None),
        "waiting": list(room.waiting.filter(served_at__isnull=True).select_related("person")),
        "now": now,
    }
