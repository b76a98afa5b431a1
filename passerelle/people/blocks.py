"""What the people app adds to "Aujourd'hui": the files the online booking page created,
for reception to check."""

from __future__ import annotations

from passerelle.accounts import permissions
from passerelle.people.models import Person


def today_block(request) -> dict | None:
    if not permissions.can_register_person(request.user):
        return None
    count = (
        Person.objects.visible_to(request.user)
        .filter(created_online=True, is_anonymised=False)
        .count()
    )
    if not count:
        return None
    return {"template": "people/includes/today_block.html", "count": count}
