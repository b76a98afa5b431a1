"""The Activity a diagnostic or a step on the pathway writes (core/activities.py): the
services and seed_demo use it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from passerelle.core import enums
from passerelle.core.activities import build


def diagnostic(*, assessment, organisation_id: int):
    return build(
        organisation_id=organisation_id,
        site_id=assessment.site_id,
        kind=enums.ActivityKind.DIAGNOSTIC,
        date=assessment.assessed_on,
        duration_minutes=assessment.duration_minutes,
        theme=enums.Theme.DIAGNOSTIC,
        staff_id=assessment.staff_id,
        person_id=assessment.person_id,
        label=_("Diagnostic numérique"),
        source=assessment,
    )


def goal_step(*, update, goal, organisation_id: int, site_id: int | None):
    return build(
        organisation_id=organisation_id,
        site_id=site_id,
        kind=enums.ActivityKind.GOAL_UPDATE,
        date=update.date,
        duration_minutes=update.duration_minutes,
        theme=goal.theme,
        staff_id=update.by_id,
        person_id=goal.person_id,
        label=goal.title,
        autonomy=update.autonomy,
        source=update,
    )
