"""What procedures add to the person's file and to the "Aujourd'hui" page."""

from __future__ import annotations

from django.utils import timezone

from passerelle.accounts import permissions
from passerelle.core.models import Site
from passerelle.procedures import selectors

TODAY_LIMIT = 5
# A line of the day's block: the person's name, the deadline's kind, its closing day.
TODAY_ROW_FIELDS = (
    "closes_on",
    "followed__kind",
    "followed__person__first_name",
    "followed__person__last_name",
)


def person_file_section(request, person) -> dict | None:
    user = request.user
    if not permissions.can_view_full_profile(user):
        return None
    return {
        "template": "procedures/includes/person_section.html",
        "deadlines": selectors.person_deadlines(person=person, user=user),
        "procedures": selectors.person_procedures(person=person, user=user),
        "can_follow": permissions.can_follow_deadlines(user),
        "can_record": permissions.can_record_procedures(user),
        "person": person,
    }


def today_block(request) -> dict | None:
    user = request.user
    if not permissions.can_follow_deadlines(user):
        return None
    options = selectors.deadline_settings_for(user.organisation)
    # A manager's list covers every site; someone working at a single site sees that site's.
    site_id = None
    if not user.sees_all_sites:
        site_ids = list(Site.objects.visible_to(user).values_list("pk", flat=True)[:2])
        site_id = site_ids[0] if len(site_ids) == 1 else None
    occurrences = list(
        selectors.at_risk(
            user=user,
            within_days=options.at_risk_days,
            today=timezone.localdate(),
            site_id=site_id,
        )
        .select_related(None)
        .select_related("followed__person")
        .only(*TODAY_ROW_FIELDS)[: TODAY_LIMIT + 1]
    )
    return {
        "template": "procedures/includes/today_block.html",
        "occurrences": occurrences[:TODAY_LIMIT],
        "more": len(occurrences) > TODAY_LIMIT,
        "within": options.at_risk_days,
    }
