"""What workshops add to the person's file, the "Aujourd'hui" page and the diagnostic."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.core.enums import WorkshopLevel
from passerelle.room.extensions import Blocker
from passerelle.workshops import selectors
from passerelle.workshops.enums import SessionStatus
from passerelle.workshops.models import Workshop, WorkshopSession


def person_file_section(request, person) -> dict | None:
    return {
        "template": "workshops/includes/person_section.html",
        "person": person,
        "can_register": permissions.can_register_to_workshops(request.user),
        **selectors.person_workshops(person=person),
    }


def today_block(request) -> dict | None:
    user = request.user
    start, end = selectors.day_bounds(timezone.localdate())
    sessions = (
        WorkshopSession.objects.visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("workshop", "site")
        .only("starts_at", "capacity", "workshop__title", "site__name")
        .with_counts()
        .order_by("starts_at")
    )
    return {"template": "workshops/includes/today_block.html", "sessions": list(sessions[:10])}


LEVEL_LABELS = dict(WorkshopLevel.choices)


def suggest_workshops(person, weakest_areas) -> list[str]:
    """Workshops that train the person's weakest areas, with their next date (two queries:
    the workshops with the areas they train, then their next sessions)."""
    area_ids = [result.area.pk for result in weakest_areas]
    if not area_ids:
        return []
    order = {area: rank for rank, area in enumerate(area_ids)}
    rank: dict[int, int] = {}
    names: dict[int, str] = {}
    for pk, title, level, area in Workshop.objects.filter(
        organisation_id=person.organisation_id, is_active=True, skill_areas__in=area_ids
    ).values_list("pk", "title", "level", "skill_areas"):  # by title, as the catalogue
        rank[pk] = min(rank.get(pk, len(order)), order[area])
        names[pk] = f"{title} ({str(LEVEL_LABELS.get(level, level)).lower()})"
    workshops = sorted(rank, key=rank.__getitem__)[:4]  # a stable sort: by title within a rank
    following = selectors.next_sessions(workshops)
    suggestions = []
    for workshop in workshops:
        name = names[workshop]
        session = following.get(workshop)
        if session is None:
            suggestions.append(name)
            continue
        starts_at = timezone.localtime(session.starts_at)
        suggestions.append(
            _("%(name)s — prochaine séance le %(day)s à %(time)s, %(site)s")
            % {
                "name": name,
                "day": formats.date_format(starts_at, "l j F"),
                "time": formats.time_format(starts_at, "H\\hi"),
                "site": session.site.name,
            }
        )
    return suggestions


def room_blockers(room, start, end):
    """The stations a workshop holds in a computer room, for the room's board and checks."""
    sessions = (
        WorkshopSession.objects.filter(room=room, starts_at__lt=end, ends_at__gt=start)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("workshop")
    )
    return [Blocker(s.starts_at, s.ends_at, s.capacity, s.workshop.title) for s in sessions]
