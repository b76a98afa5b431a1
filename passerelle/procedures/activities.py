"""The Activity an assisted procedure or a deadline done writes (core/activities.py): the
services and seed_demo use it."""

from __future__ import annotations

from passerelle.core import enums
from passerelle.core.activities import build
from passerelle.procedures.enums import DEADLINE_CATEGORY


def assisted(*, record, organisation_id: int):
    procedure = record.procedure
    return build(
        organisation_id=organisation_id,
        site_id=record.site_id,
        kind=enums.ActivityKind.ASSISTED_PROCEDURE,
        date=record.date,
        duration_minutes=record.duration_minutes,
        theme=procedure.theme,
        other_themes=[enums.Theme.ADMIN_PROCEDURES],
        admin_procedure_theme=procedure.category,
        label=procedure.name,
        autonomy=record.autonomy,
        staff_id=record.staff_id,
        person_id=record.person_id,
        referral_to=record.referred_to,
        referral_structure=record.referral_structure,
        source=record,
    )


def deadline_done(
    *, occurrence, followed, organisation_id: int, site_id: int | None, duration_minutes: int
):
    return build(
        organisation_id=organisation_id,
        site_id=site_id,
        kind=enums.ActivityKind.DEADLINE_DONE,
        date=occurrence.done_on,
        duration_minutes=duration_minutes,
        theme=enums.Theme.ADMIN_PROCEDURES,
        admin_procedure_theme=DEADLINE_CATEGORY[followed.kind],
        label=str(followed),
        autonomy=occurrence.autonomy,
        staff_id=occurrence.done_by_id,
        person_id=followed.person_id,
        source=occurrence,
    )
