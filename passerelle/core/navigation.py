"""The main navigation, by capability (DESIGN §2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelle.accounts import permissions


@dataclass(frozen=True)
class Capability:
    slug: str
    label: str
    url_name: str
    description: str
    allowed: Callable | None = None


CAPABILITIES = [
    Capability("aujourdhui", _("Aujourd'hui"), "core:today", ""),
    Capability(
        "personnes",
        _("Personnes"),
        "people:list",
        _("Retrouver une personne, sa fiche, son diagnostic numérique et son parcours."),
    ),
    Capability(
        "ateliers",
        _("Ateliers"),
        "workshops:upcoming",
        _("Le catalogue des ateliers numériques, les séances, les inscriptions et l'émargement."),
    ),
    Capability(
        "permanences",
        _("Permanences"),
        "appointments:home",
        _("Les rendez-vous avec les travailleurs sociaux et la file d'attente sans rendez-vous."),
        permissions.can_view_full_profile,
    ),
    Capability(
        "salle",
        _("Salle"),
        "room:board",
        _("Les postes de la salle informatique, les sessions libres et les réservations."),
    ),
    Capability(
        "demarches",
        _("Démarches"),
        "procedures:catalogue",
        _("Le catalogue des démarches en ligne, les démarches accompagnées et les échéances."),
    ),
    Capability(
        "messages",
        _("Messages"),
        "notifications:log",
        _("Les SMS et e-mails de rappel envoyés aux personnes, et ceux qui ne sont pas partis."),
        permissions.can_view_messages,
    ),
    Capability(
        "statistiques",
        _("Statistiques"),
        "reports:dashboard",
        _("Le tableau de bord, le bilan pour les financeurs et les exports."),
        permissions.can_view_statistics,
    ),
]


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    path = request.path
    items = []
    for capability in CAPABILITIES:
        if capability.allowed is not None and not capability.allowed(user):
            continue
        url = reverse(capability.url_name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": capability.label, "url": url, "current": current})
    return items
