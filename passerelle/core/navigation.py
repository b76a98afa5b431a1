"""The main navigation, by capability (DESIGN §2).

Core holds only "Aujourd'hui"; every other entry is announced by its app from
`AppConfig.ready()` with `register_entry(NavigationEntry(...), order=…)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from passerelle.core.addresses import fixed_address
from passerelle.core.registry import Registry


@dataclass(frozen=True)
class NavigationEntry:
    slug: str
    label: str
    url_name: str
    description: str = ""
    # A permission function `(user) -> bool`; None: every staff member.
    allowed: Callable | None = None


NAVIGATION: Registry[NavigationEntry] = Registry("navigation")


def register_entry(entry: NavigationEntry, *, order: int = 100) -> None:
    NAVIGATION.register(entry, order=order)


register_entry(NavigationEntry("aujourdhui", _("Aujourd'hui"), "core:today"), order=0)


def entries_for(user) -> list[NavigationEntry]:
    """The entries this staff member may open, in menu order."""
    if user is None or not user.is_authenticated:
        return []
    return [e for e in NAVIGATION if e.allowed is None or e.allowed(user)]


def navigation_for(request) -> list[dict]:
    """The menu; the current entry is the one whose address is the longest start of the
    page's (the queue, /permanences/file/, is not also "Permanences")."""
    path = request.path
    items = [
        {"label": entry.label, "url": fixed_address(entry.url_name), "current": False}
        for entry in entries_for(getattr(request, "user", None))
    ]
    matching = [
        item
        for item in items
        if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return items
