"""Demo procedures: the catalogue, followed deadlines and assisted procedures over the years.

Bulk-written for volume, with the same rows the services write (each assisted procedure and
each window done has its Activity, linked to its source).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.core import enums as core_enums
from passerelle.core.models import Activity
from passerelle.people.models import Person
from passerelle.procedures import activities, services
from passerelle.procedures.enums import DeadlineKind, Outcome, PermitKind
from passerelle.procedures.models import (
    AssistedProcedure,
    DeadlineOccurrence,
    FollowedDeadline,
    Procedure,
    TaxCampaign,
)

BATCH = 2000
# About one assisted procedure per person and per year: 200,000 over five years at 40,000.
PROCEDURES_PER_YEAR = [0, 0, 0, 1, 1, 2, 2, 3]
OUTCOME_WEIGHTS = {Outcome.DONE: 70, Outcome.WAITING: 15, Outcome.BLOCKED: 7, Outcome.REFERRED: 8}
# Partners and the Coop's kind of structure for each.
PARTNERS = {
    "CCAS de Vitry-sur-Seine": core_enums.RedirectionStructure.SOCIAL_AID,
    "Point justice d'Ivry": core_enums.RedirectionStructure.OTHER,
    "Espace départemental des solidarités": core_enums.RedirectionStructure.SOCIAL_AID,
    "France Services de Choisy-le-Roi": core_enums.RedirectionStructure.PROCEDURES_HELP,
    "PIMMS": core_enums.RedirectionStructure.PROCEDURES_HELP,
    "Mission locale d'Ivry": core_enums.RedirectionStructure.EMPLOYMENT,
}
BLOCKS = [
    "Pas d'adresse e-mail",
    "Justificatif manquant",
    "Site en panne",
    "Compte bloqué : mot de passe oublié",
]


def seed_procedures(*, organisation, staff, roster, rng: random.Random, today, years: int):
    services.catalogue_install_default(organisation=organisation)
    TaxCampaign.objects.get_or_create(
        organisation=organisation,
        year=today.year,
        defaults={
            "opens_on": dt.date(today.year, 4, 10),
            "zone1_closes_on": dt.date(today.year, 5, 21),
            "zone2_closes_on": dt.date(today.year, 5, 28),
            "zone3_closes_on": dt.date(today.year, 6, 4),
            "paper_closes_on": dt.date(today.year, 5, 19),
            "source": "Démonstration : dates à vérifier sur impots.gouv.fr",
        },
    )
    helpers = [u for u in staff if u.role in (Role.SOCIAL_WORKER, Role.MEDIATOR, Role.MANAGER)]
    people = dict(Person.objects.filter(pk__in=list(roster)).values_list("pk", "home_site_id"))
    _seed_persona(organisation, helpers, today)
    _bulk_assisted(organisation, helpers, people, rng, today, years, roster)
    _bulk_followed(organisation, helpers, people, rng, today)


def _seed_persona(organisation, helpers, today) -> None:
    """Mamadou is followed for his actualisation; Josiane for her CSS renewal."""
    social_worker = next(u for u in helpers if u.role == Role.SOCIAL_WORKER)
    mamadou = Person.objects.get(organisation=organisation, first_name="Mamadou")
    services.deadline_follow(
        person=mamadou, kind=DeadlineKind.FT_ACTUALISATION, by=social_worker, today=today
    )
    josiane = Person.objects.get(organisation=organisation, first_name="Josiane")
    services.deadline_follow(
        person=josiane,
        kind=DeadlineKind.CSS_RENEWAL,
        by=social_worker,
        reference_date=today + dt.timedelta(days=75),
        today=today,
    )
    procedure = Procedure.objects.get(organisation=organisation, name="Créer son compte ameli")
    services.assisted_procedure_record(
        person=josiane,
        procedure=procedure,
        staff=social_worker,
        duration_minutes=30,
        outcome=Outcome.DONE,
        autonomy=core_enums.Autonomy.GUIDED,
        date=today - dt.timedelta(days=20),
        site=josiane.home_site,
    )


def _bulk_assisted(organisation, helpers, people, rng, today, years, roster) -> None:
    procedures = list(Procedure.objects.filter(organisation=organisation))
    weights = [3 if p.category in ("social_sante", "travail_formation") else 1 for p in procedures]
    batch: list[AssistedProcedure] = []

    def flush():
        records = AssistedProcedure.objects.bulk_create(batch)
        Activity.objects.bulk_create(
            activities.assisted(record=r, organisation_id=organisation.pk) for r in records
        )
        batch.clear()

    for person_id, site_id in people.items():
        # Autonomy grows with each procedure a person does with the centre.
        level = rng.choice([0, 0, 1, 1, 2])
        count = sum(rng.choice(PROCEDURES_PER_YEAR) for _ in range(years))
        # Since the person came, in order: autonomy grows from one to the next.
        for day in sorted(roster.day_for(rng, person_id, today) for _ in range(count)):
            procedure = rng.choices(procedures, weights=weights)[0]
            outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
            partner = rng.choice(list(PARTNERS)) if outcome == Outcome.REFERRED else ""
            batch.append(
                AssistedProcedure(
                    person_id=person_id,
                    procedure=procedure,
                    site_id=site_id,
                    date=day,
                    staff=rng.choice(helpers),
                    duration_minutes=rng.choice([15, 30, 30, 45, 60]),
                    outcome=outcome,
                    blocked_reason=rng.choice(BLOCKS) if outcome == Outcome.BLOCKED else "",
                    referred_to=partner,
                    referral_structure=PARTNERS.get(partner, ""),
                    autonomy=core_enums.Autonomy.values[min(level, 3)],
                    follow_up_on=day + dt.timedelta(days=14)
                    if outcome == Outcome.WAITING
                    else None,
                )
            )
            level += rng.random() < 0.4
        if len(batch) >= BATCH:
            flush()
    flush()


def _bulk_followed(organisation, helpers, people, rng, today) -> None:
    """A fifth of people followed for one or two recurring procedures."""
    choices = [
        (DeadlineKind.FT_ACTUALISATION, 40),
        (DeadlineKind.CAF_QUARTERLY, 25),
        (DeadlineKind.TAX_RETURN, 15),
        (DeadlineKind.CSS_RENEWAL, 10),
        (DeadlineKind.RESIDENCE_PERMIT, 6),
        (DeadlineKind.IDENTITY_DOCUMENT, 3),
        (DeadlineKind.AAH_RENEWAL, 1),
    ]
    kinds, weights = zip(*choices, strict=True)
    followed = []
    for person_id in people:
        if rng.random() >= 0.2:
            continue
        for kind in set(rng.choices(kinds, weights=weights, k=rng.choice([1, 1, 2]))):
            reference = None
            if kind == DeadlineKind.CAF_QUARTERLY:
                reference = (today - dt.timedelta(days=rng.randint(60, 900))).replace(day=1)
            elif kind in (
                DeadlineKind.CSS_RENEWAL,
                DeadlineKind.AAH_RENEWAL,
                DeadlineKind.RESIDENCE_PERMIT,
                DeadlineKind.IDENTITY_DOCUMENT,
            ):
                reference = today + dt.timedelta(days=rng.randint(20, 700))
            followed.append(
                FollowedDeadline(
                    person_id=person_id,
                    kind=kind,
                    reference_date=reference,
                    created_by=rng.choice(helpers),
                    label="passeport" if kind == DeadlineKind.IDENTITY_DOCUMENT else "",
                    # Most titles are renewed online now (ANEF); some still at the préfecture.
                    permit_kind=rng.choice([PermitKind.ANEF] * 3 + [PermitKind.PREFECTURE])
                    if kind == DeadlineKind.RESIDENCE_PERMIT
                    else "",
                    files_on_paper=kind == DeadlineKind.TAX_RETURN and rng.random() < 0.15,
                    created_at=timezone.now() - dt.timedelta(days=rng.randint(60, 400)),
                )
            )
    followed = FollowedDeadline.objects.bulk_create(followed, batch_size=BATCH)
    services.occurrences_extend(today=today, organisation=organisation)
    # Past windows: most were done in time, some were missed.
    past = DeadlineOccurrence.objects.filter(
        followed__person__organisation=organisation, closes_on__lt=today
    )
    done = [o for o in past if rng.random() < 0.85]
    for occurrence in done:
        occurrence.done_on = min(occurrence.closes_on, occurrence.opens_on + dt.timedelta(days=3))
        occurrence.done_by = rng.choice(helpers)
        occurrence.autonomy = rng.choice(core_enums.Autonomy.values)
    DeadlineOccurrence.objects.bulk_update(
        done, ["done_on", "done_by", "autonomy"], batch_size=BATCH
    )
    followed_by_id = {f.pk: f for f in followed}
    Activity.objects.bulk_create(
        (
            activities.deadline_done(
                occurrence=o,
                followed=followed_by_id[o.followed_id],
                organisation_id=organisation.pk,
                site_id=people[followed_by_id[o.followed_id].person_id],
                duration_minutes=10,
            )
            for o in done
            if o.followed_id in followed_by_id
        ),
        batch_size=BATCH,
    )
