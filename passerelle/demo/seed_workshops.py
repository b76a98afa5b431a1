"""Demo workshops: the catalogue, weekly sessions over the seeded years, sign-ups and
attendance (with one Activity per person present, as `session_close` writes)."""

from __future__ import annotations

import datetime as dt
import random

import holidays
from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.core import enums as core_enums
from passerelle.core.models import Activity, new_link_token
from passerelle.people.models import SkillArea
from passerelle.workshops import activities, services
from passerelle.workshops.enums import Attendance, RegistrationStatus, SessionStatus
from passerelle.workshops.models import Registration, Workshop, WorkshopSession

BATCH = 2000
T = core_enums.Theme
L = core_enums.WorkshopLevel
CATALOGUE = [
    (
        "Découvrir l'ordinateur",
        T.HARDWARE,
        L.BEGINNER,
        120,
        "Utiliser un appareil",
        "Allumer l'ordinateur, tenir la souris, écrire au clavier, ouvrir et fermer une fenêtre.",
    ),
    (
        "Utiliser son smartphone",
        T.HARDWARE,
        L.BEGINNER,
        90,
        "Utiliser un appareil",
        "Appeler, envoyer un SMS, prendre une photo, installer une application utile.",
    ),
    (
        "Naviguer sur internet en confiance",
        T.BROWSING,
        L.BEGINNER,
        90,
        "Naviguer sur internet",
        "Chercher une information, reconnaître un site officiel, télécharger un document.",
    ),
    (
        "Créer et utiliser sa boîte mail",
        T.EMAIL,
        L.BEGINNER,
        120,
        "E-mail",
        "Créer son adresse, lire ses messages, envoyer une pièce jointe.",
    ),
    (
        "Mon espace CAF",
        T.ADMIN_PROCEDURES,
        L.INTERMEDIATE,
        90,
        "Identité numérique et démarches",
        "Se connecter, lire ses paiements, faire sa déclaration trimestrielle.",
    ),
    (
        "France Travail : s'actualiser",
        T.ADMIN_PROCEDURES,
        L.INTERMEDIATE,
        60,
        "Identité numérique et démarches",
        "Faire son actualisation chaque mois, lire ses courriers, envoyer un justificatif.",
    ),
    (
        "impots.gouv pas à pas",
        T.ADMIN_PROCEDURES,
        L.INTERMEDIATE,
        90,
        "Identité numérique et démarches",
        "Créer son espace, déclarer ses revenus, télécharger son avis d'impôt.",
    ),
    (
        "Faire son CV en ligne",
        T.EMPLOYMENT,
        L.INTERMEDIATE,
        120,
        "Bureautique et emploi",
        "Écrire son CV, l'enregistrer en PDF, l'envoyer avec une candidature.",
    ),
    (
        "Se protéger des arnaques",
        T.SECURITY,
        L.BEGINNER,
        90,
        "Sécurité et vie privée",
        "Reconnaître un faux SMS ou un faux e-mail, protéger ses mots de passe.",
    ),
    (
        "FranceConnect et identité numérique",
        T.ADMIN_PROCEDURES,
        L.ADVANCED,
        90,
        "Identité numérique et démarches",
        "Se connecter aux sites publics avec un seul compte, en sécurité.",
    ),
]
SLOTS = [dt.time(9, 30), dt.time(14, 0), dt.time(16, 0)]


def seed_workshops(*, organisation, sites, staff, roster, rng: random.Random, today, years):
    areas = {a.name: a for a in SkillArea.objects.filter(organisation=organisation)}
    workshops = []
    for title, theme, level, minutes, area, description in CATALOGUE:
        workshop = Workshop.objects.create(
            organisation=organisation,
            title=title,
            theme=theme,
            level=level,
            duration_minutes=minutes,
            description=description,
            what_to_bring="Vos identifiants si vous en avez" if theme == T.ADMIN_PROCEDURES else "",
        )
        workshop.skill_areas.set([areas[area]] if area in areas else [])
        workshops.append(workshop)
    facilitators = [u for u in staff if u.role in (Role.MEDIATOR, Role.VOLUNTEER)]
    per_week = max(4, len(roster) // 400)
    _seed_persona_sessions(organisation, sites, workshops, facilitators, today)
    _bulk_sessions(
        organisation, sites, workshops, facilitators, roster, rng, today, years, per_week
    )


def _seed_persona_sessions(organisation, sites, workshops, facilitators, today) -> None:
    """A weekly "Se protéger des arnaques" at Vitry for the next two months, through the
    service, with Josiane signed up to the first one."""
    from passerelle.people.models import Person

    vitry = next(s for s in sites if s.name == "Vitry-sur-Seine")
    arnaques = next(w for w in workshops if w.title == "Se protéger des arnaques")
    first = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)  # next Tuesday
    series, _skipped = services.series_create(
        workshop=arnaques,
        site=vitry,
        first_date=first,
        start_time=dt.time(10, 0),
        until=first + dt.timedelta(weeks=8),
        every_weeks=1,
        capacity=8,
        by=facilitators[0],
        facilitators=facilitators[:1],
        room_label="Salle numérique",
    )
    josiane = Person.objects.get(organisation=organisation, first_name="Josiane")
    services.registration_create(
        session=series.sessions.order_by("starts_at").first(), person=josiane, by=facilitators[0]
    )


def _bulk_sessions(
    organisation, sites, workshops, facilitators, roster, rng, today, years, per_week
):
    start = today - dt.timedelta(days=365 * years)
    end = today + dt.timedelta(days=28)
    french_holidays = holidays.France(years=range(start.year, end.year + 1))
    now = timezone.now()
    sessions = []
    day = start
    while day <= end:
        if day.weekday() < 5 and day not in french_holidays:
            for _ in range(rng.choice([per_week // 5, per_week // 5 + 1])):
                workshop = rng.choice(workshops)
                starts = timezone.make_aware(dt.datetime.combine(day, rng.choice(SLOTS)))
                ends = starts + dt.timedelta(minutes=workshop.duration_minutes)
                sessions.append(
                    WorkshopSession(
                        workshop=workshop,
                        site=rng.choice(sites),
                        starts_at=starts,
                        ends_at=ends,
                        capacity=rng.choice([6, 8, 8, 10]),
                        room_label="Salle numérique",
                        status=SessionStatus.DONE if ends < now else SessionStatus.PLANNED,
                        closed_at=ends if ends < now else None,
                    )
                )
        day += dt.timedelta(days=1)
    sessions = WorkshopSession.objects.bulk_create(sessions, batch_size=BATCH)
    through = WorkshopSession.facilitators.through
    through.objects.bulk_create(
        (through(workshopsession_id=s.pk, user_id=rng.choice(facilitators).pk) for s in sessions),
        batch_size=BATCH,
    )
    by = facilitators[0]
    pending: list[Registration] = []
    for session in sessions:
        past = session.status == SessionStatus.DONE
        seats = session.capacity if past else rng.randint(0, session.capacity)
        day = timezone.localtime(session.starts_at).date()
        for person_id in roster.sample(rng, seats, day, session.site_id):
            attendance = ""
            if past:
                attendance = rng.choices(
                    [Attendance.PRESENT, Attendance.LATE, Attendance.EXCUSED, Attendance.ABSENT],
                    weights=[75, 7, 10, 8],
                )[0]
            pending.append(
                Registration(
                    session=session,
                    person_id=person_id,
                    status=RegistrationStatus.CONFIRMED,
                    attendance=attendance,
                    registered_by=by,
                    link_token=None if past else new_link_token(),
                )
            )
        if len(pending) >= BATCH:
            _flush(pending, by)
    _flush(pending, by)


def _flush(pending, by) -> None:
    registrations = Registration.objects.bulk_create(pending)
    Activity.objects.bulk_create(
        activities.attendance(registration=r, session=r.session, by=by)
        for r in registrations
        if r.attendance in (Attendance.PRESENT, Attendance.LATE)
    )
    pending.clear()
