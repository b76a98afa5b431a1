"""A believable, entirely fictional French centre, built through the apps' services.

Deterministic: the same arguments give the same people, names and histories (fixed seed,
Faker fr_FR). Named demo accounts are created through `staff_create`; the bulk of the people
and their history is written with bulk_create so that DESIGN §8's volume takes minutes.
Each capability adds its own part here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from faker import Faker

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.accounts.services import staff_create
from passerelle.core import communes
from passerelle.core import enums as core_enums
from passerelle.core.activities import build
from passerelle.core.models import Activity, Organisation, Site
from passerelle.core.utils import local_today
from passerelle.demo.roster import Roster
from passerelle.demo.seed_appointments import seed_appointments
from passerelle.demo.seed_directory import seed_directory
from passerelle.demo.seed_doors import seed_doors
from passerelle.demo.seed_equipment import seed_equipment
from passerelle.demo.seed_notifications import seed_notifications
from passerelle.demo.seed_people import seed_digital_paths
from passerelle.demo.seed_procedures import seed_procedures
from passerelle.demo.seed_room import seed_room
from passerelle.demo.seed_workshops import seed_workshops
from passerelle.people import enums as people_enums
from passerelle.people.models import Person, ProgrammeMembership
from passerelle.people.services import consent_give, note_create, person_create
from passerelle.reports.summary import rebuild as rebuild_statistics

ORGANISATION_NAME = "Emmaüs Alternatives"
DEMO_PASSWORD = "demo-passerelle"
SEED = 2026
BATCH = 2000


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: Role
    site_names: tuple[str, ...]


SITES = [
    ("Vitry-sur-Seine", "14 rue Gabriel Péri", "94400", "Vitry-sur-Seine"),
    ("Ivry-sur-Seine", "3 avenue Maurice Thorez", "94200", "Ivry-sur-Seine"),
]

DEMO_ACCOUNTS = [
    DemoAccount("responsable@demo.passerelle.local", "Claire", "Martin", Role.MANAGER, ()),
    DemoAccount(
        "travailleur.social@demo.passerelle.local",
        "Karim",
        "Benali",
        Role.SOCIAL_WORKER,
        ("Vitry-sur-Seine", "Ivry-sur-Seine"),
    ),
    DemoAccount(
        "mediateur@demo.passerelle.local", "Sophie", "Leroy", Role.MEDIATOR, ("Vitry-sur-Seine",)
    ),
    DemoAccount(
        "accueil@demo.passerelle.local", "Nadia", "Diallo", Role.RECEPTION, ("Vitry-sur-Seine",)
    ),
    DemoAccount(
        "benevole@demo.passerelle.local", "Jean", "Petit", Role.VOLUNTEER, ("Ivry-sur-Seine",)
    ),
]

COMMUNES = [
    ("Vitry-sur-Seine", "94400", 30),
    ("Ivry-sur-Seine", "94200", 20),
    ("Choisy-le-Roi", "94600", 10),
    ("Villejuif", "94800", 10),
    ("Créteil", "94000", 8),
    ("Orly", "94310", 6),
    ("Alfortville", "94140", 6),
    ("Thiais", "94320", 5),
    ("Champigny-sur-Marne", "94500", 5),
]

# Weights lean towards the groups INSEE finds most affected: older, fewer diplomas, low income.
AGE_WEIGHTS = [
    ((16, 17), 3),
    ((18, 24), 12),
    ((25, 39), 22),
    ((40, 59), 30),
    ((60, 69), 18),
    ((70, 88), 15),
]
EDUCATION_WEIGHTS = {
    "none": 30,
    "primary": 18,
    "vocational": 22,
    "baccalaureate": 10,
    "higher": 5,
    "foreign": 8,
    "unknown": 7,
}
INCOME_WEIGHTS = {
    "rsa": 28,
    "aah": 8,
    "ass": 5,
    "unemployment_benefit": 10,
    "pension": 17,
    "salary": 18,
    "none": 6,
    "other": 3,
    "unknown": 5,
}
HOUSEHOLD_WEIGHTS = {
    "alone": 40,
    "alone_with_children": 18,
    "couple": 14,
    "couple_with_children": 16,
    "other": 7,
    "unknown": 5,
}
LANGUAGE_WEIGHTS = {
    "fr": 70,
    "ar": 10,
    "en": 3,
    "es": 2,
    "pt": 3,
    "ta": 4,
    "ro": 3,
    "tr": 2,
    "snk": 3,
}
SUPPORT_THEMES = [
    (core_enums.Theme.ADMIN_PROCEDURES, 40),
    (core_enums.Theme.EMAIL, 12),
    (core_enums.Theme.EMPLOYMENT, 14),
    (core_enums.Theme.HARDWARE, 10),
    (core_enums.Theme.BROWSING, 8),
    (core_enums.Theme.HEALTH, 6),
    (core_enums.Theme.SECURITY, 4),
    (core_enums.Theme.OFFICE, 3),
    (core_enums.Theme.BANKING, 3),
]


def _pick(rng: random.Random, weights: dict | list):
    items = list(weights.items()) if isinstance(weights, dict) else list(weights)
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def already_seeded() -> bool:
    return Organisation.objects.filter(name=ORGANISATION_NAME).exists()


@transaction.atomic
def seed(*, people: int = 300, years: int = 2, today: dt.date | None = None) -> dict:
    """Build the demo centre. Returns what was created, for the command to print."""
    rng = random.Random(SEED)
    fake = Faker("fr_FR")
    fake.seed_instance(SEED)
    today = today or local_today()

    organisation = Organisation.objects.create(name=ORGANISATION_NAME)
    sites = {
        name: Site.objects.create(
            organisation=organisation,
            name=name,
            address=address,
            postcode=postcode,
            commune=commune,
        )
        for name, address, postcode, commune in SITES
    }
    staff = [
        staff_create(
            organisation=organisation,
            email=account.email,
            first_name=account.first_name,
            last_name=account.last_name,
            role=account.role,
            sites=[sites[name] for name in account.site_names],
            password=DEMO_PASSWORD,
        )
        for account in DEMO_ACCOUNTS
    ]
    referents = [u for u in staff if u.role in (Role.SOCIAL_WORKER, Role.MEDIATOR)]
    _seed_personas(organisation, sites, referents, today)
    roster = _seed_people(
        organisation, list(sites.values()), referents, rng, fake, people, years, today
    )
    _set_insee_codes(organisation)
    _seed_support_history(organisation, list(sites.values()), staff, roster, rng, years, today)
    seed_digital_paths(organisation=organisation, staff=staff, roster=roster, rng=rng, today=today)
    common = dict(
        organisation=organisation,
        staff=staff,
        roster=roster,
        rng=rng,
        today=today,
        years=years,
    )
    seed_procedures(**common)
    # Each capability adds its part, in this order (the random sequence depends on it).
    parts = (
        seed_workshops,
        seed_appointments,
        seed_room,
        seed_notifications,
        seed_directory,
        seed_doors,
        seed_equipment,
    )
    for seed_part in parts:
        seed_part(sites=list(sites.values()), **common)
    # The seed writes activities in bulk (no signal): the statistics' summary, once.
    rebuild_statistics(organisation.pk)
    return {
        "people": Person.objects.filter(organisation=organisation).count(),
        "activities": Activity.objects.filter(organisation=organisation).count(),
    }


def _seed_personas(organisation, sites, referents, today) -> None:
    """A few named people whom the user guide and the browser tests can talk about."""
    vitry = sites["Vitry-sur-Seine"]
    social_worker = next(u for u in referents if u.role == Role.SOCIAL_WORKER)
    josiane = person_create(
        organisation=organisation,
        home_site=vitry,
        first_name="Josiane",
        last_name="Lefèvre",
        birth_date=dt.date(1951, 3, 14),
        gender=people_enums.Gender.FEMALE,
        phone="+33612345678",
        commune="Vitry-sur-Seine",
        postcode="94400",
        employment_status=core_enums.EmploymentStatus.RETIRED,
        education_level=people_enums.EducationLevel.PRIMARY,
        income_situation=people_enums.IncomeSituation.PENSION,
        household=people_enums.Household.ALONE,
        has_smartphone=True,
        has_computer=False,
        has_internet=False,
        referent=referents[0],
        programmes=[(people_enums.Programme.SOCIAL_ACTION, today - dt.timedelta(days=400))],
    )
    consent_give(person=josiane, scope=people_enums.ConsentScope.FOLLOW_UP, by=social_worker)
    consent_give(person=josiane, scope=people_enums.ConsentScope.SMS, by=social_worker)
    note_create(
        person=josiane,
        author=social_worker,
        visibility=people_enums.NoteVisibility.GENERAL,
        text="Vient surtout le mardi matin. Préfère qu'on lui écrive les étapes sur papier.",
    )
    note_create(
        person=josiane,
        author=social_worker,
        visibility=people_enums.NoteVisibility.SOCIAL,
        text="Dossier de complémentaire santé solidaire à renouveler avant l'été.",
    )
    person_create(
        organisation=organisation,
        home_site=vitry,
        first_name="Mamadou",
        last_name="Traoré",
        birth_date=dt.date(1988, 11, 2),
        gender=people_enums.Gender.MALE,
        phone="+33798765432",
        commune="Ivry-sur-Seine",
        postcode="94200",
        preferred_language=people_enums.Language.SONINKE,
        french_level=people_enums.FrenchLevel.BASIC,
        employment_status=core_enums.EmploymentStatus.EMPLOYED,
        education_level=people_enums.EducationLevel.FOREIGN,
        income_situation=people_enums.IncomeSituation.SALARY,
        household=people_enums.Household.COUPLE_WITH_CHILDREN,
        has_smartphone=True,
        has_computer=False,
        has_internet=True,
        referent=referents[-1],
        programmes=[(people_enums.Programme.INSERTION, today - dt.timedelta(days=200))],
    )
    person_create(
        organisation=organisation,
        home_site=sites["Ivry-sur-Seine"],
        first_name="Inès",
        last_name="Moreau",
        birth_date=dt.date(today.year - 17, 6, 21),
        gender=people_enums.Gender.FEMALE,
        commune="Ivry-sur-Seine",
        postcode="94200",
        employment_status=core_enums.EmploymentStatus.STUDENT,
        education_level=people_enums.EducationLevel.PRIMARY,
        income_situation=people_enums.IncomeSituation.NONE,
        household=people_enums.Household.OTHER,
        has_smartphone=True,
        referent=referents[0],
        programmes=[(people_enums.Programme.CHILD_WELFARE, today - dt.timedelta(days=90))],
    )


def _seed_people(organisation, sites, referents, rng, fake, count, years, today) -> Roster:
    insertion_share = 180 / 8220
    child_welfare_share = 40 / 8220
    site_weights = [(site, 60 if i == 0 else 40) for i, site in enumerate(sites)]
    people: list[Person] = []
    programmes: list[tuple[int, str, dt.date]] = []
    for index in range(count):
        gender = rng.choice([people_enums.Gender.FEMALE, people_enums.Gender.MALE])
        first_name = (
            fake.first_name_female()
            if gender == people_enums.Gender.FEMALE
            else fake.first_name_male()
        )
        roll = rng.random()
        if roll < child_welfare_share * 3:
            programme, ages = people_enums.Programme.CHILD_WELFARE, (16, 20)
        elif roll < (child_welfare_share + insertion_share) * 3:
            programme, ages = people_enums.Programme.INSERTION, (19, 62)
        else:
            programme, ages = people_enums.Programme.SOCIAL_ACTION, _pick(rng, AGE_WEIGHTS)
        age = rng.randint(*ages)
        birth_date = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        commune, postcode = _pick(rng, [((c, p), w) for c, p, w in COMMUNES])
        employment = _employment_for(rng, age, programme)
        person = Person(
            organisation=organisation,
            home_site=_pick(rng, site_weights),
            first_name=first_name,
            last_name=fake.last_name(),
            birth_date=birth_date if rng.random() > 0.05 else None,
            gender=gender,
            phone=f"+336{rng.randint(10000000, 99999999)}" if rng.random() > 0.12 else "",
            email=fake.free_email() if rng.random() < 0.35 else "",
            commune=commune,
            postcode=postcode,
            preferred_language=_pick(rng, LANGUAGE_WEIGHTS),
            french_level=rng.choice(people_enums.FrenchLevel.values),
            referent=rng.choice(referents) if rng.random() < 0.6 else None,
            employment_status=employment,
            education_level=_pick(rng, EDUCATION_WEIGHTS),
            income_situation=_pick(rng, INCOME_WEIGHTS),
            household=_pick(rng, HOUSEHOLD_WEIGHTS),
            has_smartphone=rng.random() < 0.78,
            has_computer=rng.random() < 0.28,
            has_internet=rng.random() < 0.55,
        )
        person.refresh_derived_fields()
        # People arrive all year long, on weekdays (the centre is closed at the weekend).
        # A steady flow, a few new people every week, rather than a lottery of dates.
        arrival = today - dt.timedelta(days=int((index + rng.random()) * years * 365 / count))
        if arrival.weekday() >= 5:
            arrival -= dt.timedelta(days=arrival.weekday() - 4)
        person.created_at = _aware(arrival)
        people.append(person)
        programmes.append((index, programme, person.created_at.date()))
    created = Person.objects.bulk_create(people, batch_size=BATCH)
    ProgrammeMembership.objects.bulk_create(
        (
            ProgrammeMembership(person=created[i], programme=programme, start_date=start)
            for i, programme, start in programmes
        ),
        batch_size=BATCH,
    )
    return Roster([(p.pk, p.home_site_id, p.created_at.date()) for p in created], rng)


def _set_insee_codes(organisation) -> None:
    """The communes' INSEE codes, as the person form finds them from the postcode."""
    for commune, postcode, _weight in COMMUNES:
        Person.objects.filter(organisation=organisation, postcode=postcode).update(
            insee_code=communes.find(commune, postcode).insee_code
        )


def _employment_for(rng, age, programme) -> str:
    if programme == people_enums.Programme.INSERTION:
        return core_enums.EmploymentStatus.EMPLOYED
    if age < 18:
        return core_enums.EmploymentStatus.STUDENT
    if age >= 63:
        return core_enums.EmploymentStatus.RETIRED
    return _pick(rng, {"unemployed": 60, "employed": 25, "unknown": 15})


def _seed_support_history(organisation, sites, staff, roster: Roster, rng, years, today) -> int:
    """Individual support at the desk, a few times a year for most people: the first on the
    day they came (their file was opened then), mostly at their home site."""
    helpers = [u for u in staff if u.role != Role.VOLUNTEER]
    total = 0
    batch: list[Activity] = []
    for person_id in roster:
        # The first visit is the day the person came and their file was opened.
        for visit in range(1 + rng.choice([0, 1, 2, 3, 4, 5, 6, 8])):
            day = roster.arrival[person_id] if visit == 0 else roster.day_for(rng, person_id, today)
            if day.weekday() >= 5:
                day = max(day - dt.timedelta(days=day.weekday() - 4), roster.arrival[person_id])
            theme = _pick(rng, SUPPORT_THEMES)
            batch.append(
                build(
                    organisation=organisation,
                    site=roster.site_for(rng, person_id, sites),
                    kind=core_enums.ActivityKind.INDIVIDUAL_SUPPORT,
                    date=day,
                    duration_minutes=rng.choice([15, 30, 30, 45, 60]),
                    staff=rng.choice(helpers),
                    person_id=person_id,
                    theme=theme,
                    autonomy=rng.choice(core_enums.Autonomy.values),
                    equipment=[core_enums.Equipment.CENTRE_COMPUTER],
                )
            )
        if len(batch) >= BATCH:
            Activity.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    Activity.objects.bulk_create(batch)
    return total + len(batch)


def _aware(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def demo_accounts() -> list[dict]:
    existing = set(
        User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).values_list(
            "email", flat=True
        )
    )
    return [
        {"email": a.email, "password": DEMO_PASSWORD, "role": Role(a.role).label}
        for a in DEMO_ACCOUNTS
        if a.email in existing
    ]
