"""The managers' warning on "Aujourd'hui": staff accounts about to be deactivated."""

from __future__ import annotations

from django.utils import timezone

from passerelle.accounts import permissions
from passerelle.privacy import selectors


def today_block(request) -> dict | None:
    if not permissions.can_manage_staff(request.user):
        return None
    soon = list(
        selectors.staff_soon_deactivated(
            organisation=request.user.organisation, now=timezone.now()
        )[:10]
    )
    if not soon:
        return None
    return {"template": "privacy/includes/today_block.html", "accounts": soon}
