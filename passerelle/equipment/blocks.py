"""What lending adds to the person's file: their loans, and "Prêter du matériel"."""

from __future__ import annotations

from passerelle.accounts import permissions
from passerelle.equipment import selectors


def person_file_section(request, person) -> dict | None:
    if not permissions.can_lend_equipment(request.user):
        return None
    return {
        "template": "equipment/includes/person_section.html",
        "person": person,
        "loans": selectors.person_loans(person=person),
        "referrals": selectors.person_referrals(person=person),
    }
