"""Demo consultation hours: services, reasons, the social worker's weekly hours, and
appointments over the seeded years with realistic outcomes (some no-shows)."""

from __future__ import annotations

import datetime as dt
import random
import secrets

import holidays
from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.appointments import activities, services
from passerelle.appointments.enums import AppointmentStatus
from passerelle.appointments.models import Appointment, Reason, Service
from passerelle.appointments.slots import free_slots
from passerelle.core import enums as core_enums
from passerelle.core.models import Activity, new_link_token

T = core_enums.Theme
SERVICES = [
    (
        "Permanence CAF",
        "Dossiers CAF : RSA, prime d'activité, aides au logement.",
        [
            ("Déclaration trimestrielle", 20, T.ADMIN_PROCEDURES),
            ("Ouverture de droits", 45, T.ADMIN_PROCEDURES),
        ],
    ),
    (
        "Accès aux droits",
        "Santé, retraite, titres de séjour : faire valoir ses droits.",
        [
            ("Complémentaire santé solidaire", 30, T.HEALTH),
            ("Titre de séjour", 45, T.ADMIN_PROCEDURES),
        ],
    ),
    (
        "Logement",
        "Demande de logement social, aides, difficultés avec le bailleur.",
        [("Demande de logement social", 45, T.ADMIN_PROCEDURES)],
    ),
    (
        "Insertion professionnelle",
        "CV, candidatures, formation, France Travail.",
        [("Point emploi", 30, T.EMPLOYMENT)],
    ),
]
OUTCOMES = {
    AppointmentStatus.HONOURED: 74,
    AppointmentStatus.NO_SHOW: 12,
    AppointmentStatus.EXCUSED: 9,
    AppointmentStatus.CANCELLED: 5,
}


def seed_appointments(*, organisation, sites, staff, roster, rng: random.Random, today, years):
    worker = next(u for u in staff if u.role == Role.SOCIAL_WORKER)
    manager = next(u for u in staff if u.role == Role.MANAGER)
    reception = next(u for u in staff if u.role == Role.RECEPTION)
    created = {}
    for name, description, reasons in SERVICES:
        service = Service.objects.create(
            organisation=organisation, name=name, description=description
        )
        for reason_name, minutes, theme in reasons:
            created[reason_name] = Reason.objects.create(
                service=service, name=reason_name, duration_minutes=minutes, theme=theme
            )
    vitry = next(s for s in sites if s.name == "Vitry-sur-Seine")
    ivry = next(s for s in sites if s.name == "Ivry-sur-Seine")
    since = today - dt.timedelta(days=365 * years)
    caf = created["Déclaration trimestrielle"].service
    for weekday, site, service, start, end in [
        (0, vitry, caf, dt.time(9, 0), dt.time(12, 0)),
        (
            1,
            ivry,
            created["Complémentaire santé solidaire"].service,
            dt.time(14, 0),
            dt.time(17, 0),
        ),
        (3, vitry, created["Demande de logement social"].service, dt.time(9, 0), dt.time(12, 0)),
        (4, vitry, created["Point emploi"].service, dt.time(14, 0), dt.time(16, 30)),
    ]:
        services.opening_hours_add(
            worker=worker,
            service=service,
            site=site,
            weekday=weekday,
            start_time=start,
            end_time=end,
            valid_from=since,
        )
    # The head of the centre also holds the CAF desk on Wednesday afternoons.
    services.opening_hours_add(
        worker=manager,
        service=caf,
        site=vitry,
        weekday=2,
        start_time=dt.time(14, 0),
        end_time=dt.time(17, 0),
        valid_from=since,
    )
    _bulk_history(organisation, worker, reception, created, roster, rng, since, today)
    _queue_history(
        organisation,
        sites,
        worker,
        reception,
        list(created.values()),
        roster,
        rng,
        today,
        years,
    )


def _bulk_history(organisation, worker, reception, reasons, roster, rng, since, today):
    """Past appointments in most free slots, and some booked in the coming weeks."""
    if not roster:
        return
    now = timezone.now()
    by_service: dict[int, list[Reason]] = {}
    for reason in reasons.values():
        by_service.setdefault(reason.service_id, []).append(reason)
    appointments = []
    for service_id, service_reasons in by_service.items():
        reason = service_reasons[0]
        slots = free_slots(
            service=reason.service,
            duration_minutes=reason.duration_minutes,
            start=since,
            end=today + dt.timedelta(days=21),
            now=since_midnight(since),
        )
        for slot in slots:
            if rng.random() > (0.75 if slot.starts_at < now else 0.4):
                continue
            chosen = rng.choice(service_reasons)
            ends = slot.starts_at + dt.timedelta(minutes=chosen.duration_minutes)
            status = AppointmentStatus.UPCOMING
            if ends < now:
                status = rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
            person_id = roster.pick(rng, timezone.localtime(slot.starts_at).date(), slot.site_id)
            if person_id is None:
                continue
            appointments.append(
                Appointment(
                    person_id=person_id,
                    worker_id=slot.worker_id,
                    service_id=service_id,
                    reason=chosen,
                    site_id=slot.site_id,
                    starts_at=slot.starts_at,
                    ends_at=ends,
                    status=status,
                    booked_by=reception,
                    # What booking gives (bulk_create skips it): the code for the kiosk and
                    # the personal link, for the appointments still to come. Not from `rng`,
                    # so that the rest of the demo stays the same.
                    kiosk_code=f"{secrets.randbelow(10**6):06d}" if ends >= now else "",
                    link_token=new_link_token() if ends >= now else None,
                )
            )
    appointments = Appointment.objects.bulk_create(appointments, batch_size=2000)
    Activity.objects.bulk_create(
        (
            activities.appointment_honoured(appointment=a)
            for a in appointments
            if a.status == AppointmentStatus.HONOURED
        ),
        batch_size=2000,
    )


def since_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _queue_history(organisation, sites, worker, reception, reasons, roster, rng, today, years):
    """Walk-ins on weekdays over the seeded years: most seen, a few left before their turn."""
    from passerelle.appointments.enums import TicketStatus
    from passerelle.appointments.models import QueueTicket

    per_day = max(4, len(roster) // 2000)
    french_holidays = holidays.France(years=range(today.year - years, today.year + 1))
    tickets = []
    day = today - dt.timedelta(days=365 * years)
    while day < today:
        if day.weekday() < 5 and day not in french_holidays:
            for site in sites:
                moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
                for number in range(1, rng.randint(per_day // 2, per_day) + 1):
                    moment += dt.timedelta(minutes=rng.randint(3, 20))
                    called = moment + dt.timedelta(minutes=rng.randint(2, 40))
                    left = rng.random() < 0.06
                    reason = rng.choice(reasons)
                    tickets.append(
                        QueueTicket(
                            site=site,
                            day=day,
                            number=number,
                            service=reason.service,
                            person_id=roster.pick(rng, day, site.pk)
                            if roster and rng.random() < 0.5
                            else None,
                            status=TicketStatus.LEFT if left else TicketStatus.SEEN,
                            desk="Bureau 1",
                            created_at=moment,
                            called_at=None if left else called,
                            finished_at=called + dt.timedelta(minutes=rng.randint(5, 25)),
                            given_by=reception,
                            called_by=None if left else worker,
                        )
                    )
        day += dt.timedelta(days=1)
    tickets = QueueTicket.objects.bulk_create(tickets, batch_size=2000)
    themes = {r.service_id: r.theme for r in reasons}
    Activity.objects.bulk_create(
        (
            activities.walk_in_seen(
                ticket=t,
                theme=themes.get(t.service_id, core_enums.Theme.ADMIN_PROCEDURES),
                by=worker,
            )
            for t in tickets
            if t.status == TicketStatus.SEEN
        ),
        batch_size=2000,
    )
