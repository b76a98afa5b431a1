"""Demo computer rooms: stations (one out of order) and a history of free-access sessions,
each with its Activity, as check-out writes it."""

from __future__ import annotations

import datetime as dt
import random

import holidays
from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.core.models import Activity
from passerelle.room import activities
from passerelle.room.enums import Purpose, StationEquipment
from passerelle.room.models import Room, Station, StationSession

BATCH = 2000
PURPOSE_WEIGHTS = {
    Purpose.JOB_SEARCH: 30,
    Purpose.CAF: 20,
    Purpose.TAXES: 8,
    Purpose.TRAINING: 10,
    Purpose.EMAIL: 17,
    Purpose.OTHER: 15,
}


def seed_room(*, organisation, sites, staff, roster, rng: random.Random, today, years):
    helper = next(u for u in staff if u.role == Role.VOLUNTEER)
    layout = {"Vitry-sur-Seine": ("Salle numérique", 10), "Ivry-sur-Seine": ("Espace numérique", 6)}
    # A large centre (DESIGN §8) has more stations: one more per 2,500 people, per room.
    extra = len(roster) // 2500
    stations = []
    for site in sites:
        name, count = layout.get(site.name, ("Salle", 6))
        count += extra
        room = Room.objects.create(site=site, name=name)
        for number in range(1, count + 1):
            equipment = [StationEquipment.HEADSET]
            if number == 1:
                equipment += [StationEquipment.PRINTER, StationEquipment.SCANNER]
            if number == 2:
                equipment += [StationEquipment.LARGE_SCREEN, StationEquipment.ACCESSIBLE_KEYBOARD]
            stations.append(
                Station.objects.create(room=room, name=f"Poste {number}", equipment=equipment)
            )
    broken = stations[-1]
    broken.is_working, broken.fault, broken.fault_since = False, "L'écran ne s'allume plus", today
    broken.save()
    _history(organisation, stations, helper, roster, rng, today, years)


def _history(organisation, stations, helper, roster, rng, today, years):
    # About 300,000 sessions over five years at 40,000 people. A centre of a few hundred
    # people keeps its stations busy about a third of the opening hours (some sessions are
    # anonymous: people who come only for the room).
    busy = min(len(roster) / 1000, 0.3)
    per_day = max(5, len(roster) // 170, round(len(stations) * 8 * 60 * busy / 55))
    french_holidays = holidays.France(years=range(today.year - years, today.year + 1))
    purposes, weights = zip(*PURPOSE_WEIGHTS.items(), strict=True)
    day = today - dt.timedelta(days=365 * years)
    batch: list[StationSession] = []

    def flush():
        created = StationSession.objects.bulk_create(batch)
        Activity.objects.bulk_create(
            activities.station_session(
                session=s,
                organisation_id=organisation.pk,
                site_id=s.station.room.site_id,
                ended_at=s.ended_at,
                by=helper,
            )
            for s in created
        )
        batch.clear()

    while day < today:
        if day.weekday() < 5 and day not in french_holidays:
            for _ in range(per_day):
                station = rng.choice(stations[:-1])
                start = timezone.make_aware(
                    dt.datetime.combine(
                        day, dt.time(rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
                    )
                )
                minutes = rng.choice([20, 30, 45, 60, 60, 75])
                batch.append(
                    StationSession(
                        station=station,
                        person_id=roster.pick(rng, day, station.room.site_id)
                        if roster and rng.random() < 0.7
                        else None,
                        purpose=rng.choices(purposes, weights=weights)[0],
                        started_at=start,
                        planned_end_at=start + dt.timedelta(minutes=60),
                        ended_at=start + dt.timedelta(minutes=minutes),
                        started_by=helper,
                    )
                )
            if len(batch) >= BATCH:
                flush()
        day += dt.timedelta(days=1)
    flush()
