from __future__ import annotations

from passerelle.accounts import permissions
from passerelle.room import selectors
from passerelle.room.models import Room


def today_block(request) -> dict | None:
    if not permissions.can_run_room(request.user):
        return None
    rooms = selectors.summaries(
        Room.objects.visible_to(request.user).select_related("site"), limit=3
    )
    if not rooms:
        return None
    return {"template": "room/includes/today_block.html", "rooms": rooms}


def person_file_section(request, person) -> dict | None:
    """The pages the person printed (this month, in all)."""
    if not permissions.can_run_room(request.user):
        return None
    prints = selectors.person_prints(person=person)
    if not prints["total"]:
        return None
    return {"template": "room/includes/person_section.html", "prints": prints}
