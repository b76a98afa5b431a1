"""What a centre offers, as data·inclusion describes a service, and what Passerelle proposes
for each before the manager edits it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    WORKSHOPS = "workshops", _("Ateliers numériques")
    CONSULTATIONS = "consultations", _("Permanences (accès aux droits)")
    FREE_ACCESS = "free_access", _("Salle informatique en accès libre")
    PROCEDURES = "procedures", _("Aide aux démarches en ligne")


# data·inclusion v1 values (reference §B.5); the labels come from the package.
DEFAULTS = {
    ServiceKind.WORKSHOPS: {
        "name": "Ateliers numériques",
        "description": (
            "Des ateliers en petit groupe pour apprendre à se servir d'un ordinateur ou d'un "
            "téléphone : la souris et le clavier, créer et lire ses e-mails, naviguer sur "
            "internet, ranger ses documents, se protéger des arnaques. Pour débutants comme "
            "pour ceux qui veulent aller plus loin. Le matériel est prêté sur place."
        ),
        "service_type": "atelier",
        "themes": [
            "numerique--maitriser-les-fondamentaux-du-numerique",
            "numerique--acceder-a-des-services-en-ligne",
        ],
    },
    ServiceKind.CONSULTATIONS: {
        "name": "Permanences d'accès aux droits",
        "description": (
            "Un rendez-vous avec un travailleur social ou un partenaire (CAF, logement, "
            "accès aux droits) pour faire le point sur sa situation, ouvrir ses droits et "
            "préparer ses dossiers. Sur rendez-vous, ou sans rendez-vous pendant les heures "
            "d'accueil : on vous reçoit dans l'ordre d'arrivée."
        ),
        "service_type": "accompagnement",
        "themes": [
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
    },
    ServiceKind.FREE_ACCESS: {
        "name": "Salle informatique en accès libre",
        "description": (
            "Des ordinateurs avec internet, une imprimante et un scanner, en accès libre et "
            "gratuit pour faire ses démarches, chercher un emploi ou imprimer un document. "
            "Un médiateur numérique est présent pour aider en cas de besoin."
        ),
        "service_type": "aide-materielle",
        "themes": [
            "numerique--acceder-a-une-connexion-internet",
            "numerique--acceder-a-des-services-en-ligne",
        ],
    },
    ServiceKind.PROCEDURES: {
        "name": "Aide aux démarches en ligne",
        "description": (
            "Un médiateur numérique fait avec vous vos démarches sur internet : actualisation "
            "France Travail, déclaration trimestrielle CAF, compte ameli, impôts, titre de "
            "séjour. Il vous montre comment faire pour que vous puissiez les faire seul, et ne "
            "garde jamais vos mots de passe."
        ),
        "service_type": "accompagnement",
        "themes": [
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
            "numerique--acceder-a-des-services-en-ligne",
        ],
    },
}
COMMON_DEFAULTS = {
    "reception_modes": ["en-presentiel"],
    "mobilisation_modes": ["se-presenter", "telephoner"],
    "mobilisable_by": ["usagers", "professionnels"],
    "publics": ["tous-publics"],
    "fees": "gratuit",
}
