"""The information notice (GDPR art. 13) and the register of processing (art. 30), written
from the organisation's settings and from what each app says it keeps
(`people.extensions.PERSON_DATA`), so that they describe what Passerelle really does."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.accounts.enums import Role
from passerelle.people.extensions import PERSON_DATA
from passerelle.privacy import selectors

# Who sees what, in the words of the notice (accounts.permissions decides it).
WHO_SEES = [
    (Role.MANAGER, gettext_lazy("toute la fiche, les statistiques et le journal des accès")),
    (Role.SOCIAL_WORKER, gettext_lazy("la fiche, les notes sociales, les rendez-vous")),
    (Role.MEDIATOR, gettext_lazy("la fiche, les ateliers, le parcours et les démarches")),
    (Role.RECEPTION, gettext_lazy("la fiche, les rendez-vous et les ateliers")),
    (Role.VOLUNTEER, gettext_lazy("votre prénom, votre contact et votre parcours numérique")),
]
SECURITY = [
    gettext_lazy(
        "L'équipe se connecte avec un mot de passe et un code à usage unique "
        "(double authentification)."
    ),
    gettext_lazy(
        "Chacun ne voit que ce dont il a besoin pour son rôle, et seulement sa structure."
    ),
    gettext_lazy(
        "Chaque ouverture et chaque changement d'une fiche est noté dans un journal "
        "que rien ne peut effacer."
    ),
    gettext_lazy("Les mots de passe et codes des personnes ne sont jamais notés."),
    gettext_lazy(
        "Les échanges avec le serveur sont chiffrés (HTTPS) ; les sauvegardes sont "
        "à la charge de l'hébergeur."
    ),
]


@dataclass(frozen=True)
class Purpose:
    title: str
    purpose: str


def context_for(organisation) -> dict:
    options = selectors.settings_for(organisation)
    return {
        "organisation": organisation,
        "options": options,
        "purposes": [Purpose(str(d.title), str(d.purpose)) for d in PERSON_DATA],
        "who_sees": [(Role(role).label, str(what)) for role, what in WHO_SEES],
        "security": [str(line) for line in SECURITY],
        "retention_years": options.retention_months / 12,
        "legal_basis": _(
            "La mission d'intérêt général d'accompagnement social de l'association ; votre "
            "accord pour les SMS, les e-mails et les photos."
        ),
    }
