"""Shared vocabularies, in the words of the national activity report of digital mediators
(La Coop de la médiation numérique) so that exports need no mapping."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("Atelier collectif")
    APPOINTMENT = "appointment", _("Rendez-vous")
    WALK_IN = "walk_in", _("Accueil sans rendez-vous")
    ROOM_SESSION = "room_session", _("Session en salle informatique")
    ASSISTED_PROCEDURE = "assisted_procedure", _("Démarche accompagnée")
    DIAGNOSTIC = "diagnostic", _("Diagnostic numérique")
    GOAL_UPDATE = "goal_update", _("Avancée du parcours")
    DEADLINE_DONE = "deadline_done", _("Échéance tenue")
    INDIVIDUAL_SUPPORT = "individual_support", _("Accompagnement individuel")
    EQUIPMENT_LOAN = "equipment_loan", _("Prêt de matériel")


class Theme(models.TextChoices):
    """The Coop's mediation themes, its values and labels (in its order); the
    administrative sub-themes are AdminProcedureTheme."""

    DIAGNOSTIC = "diagnostic_numerique", _("Diagnostic numérique")
    HARDWARE = "prendre_en_main_du_materiel", _("Prendre en main du matériel")
    MAINTENANCE = "maintenance_de_materiel", _("Maintenance de matériel")
    CONTENT = "gere_ses_contenus_numeriques", _("Gérer ses contenus numériques")
    BROWSING = "navigation_sur_internet", _("Navigation sur internet")
    EMAIL = "email", _("E-mail")
    OFFICE = "bureautique", _("Bureautique")
    SOCIAL_MEDIA = "reseaux_sociaux", _("Réseaux sociaux communication")
    HEALTH = "sante", _("Santé")
    BANKING = "banque_et_achats_en_ligne", _("Banque et achats en ligne")
    ENTREPRENEURSHIP = "entrepreneuriat", _("Accompagner un professionnel")
    EMPLOYMENT = "insertion_professionnelle", _("Insertion professionnelle")
    SECURITY = "securite_numerique", _("Prévention en sécurité numérique")
    PARENTING = "parentalite", _("Parentalité")
    SCHOOL = "scolarite_et_numerique", _("Scolarité et numérique")
    CREATION = "creer_avec_le_numerique", _("Créer avec le numérique")
    CULTURE = "culture_numerique", _("Culture numérique")
    AI = "intelligence_artificielle", _("Intelligence artificielle (IA)")
    ADMIN_PROCEDURES = "aide_aux_demarches_administratives", _("Aide aux démarches administratives")


class AdminProcedureTheme(models.TextChoices):
    """Sub-themes of "Aide aux démarches administratives" (service-public.fr's categories)."""

    PAPERS = "papiers_elections_citoyennete", _("Papiers - Élections - Citoyenneté")
    FAMILY = "famille_scolarite", _("Famille - Scolarité")
    SOCIAL_HEALTH = "social_sante", _("Social - Santé")
    WORK = "travail_formation", _("Travail - Formation - Entreprise")
    HOUSING = "logement", _("Logement")
    TRANSPORT = "transports_mobilite", _("Transports - Mobilité")
    MONEY = "argent_impots", _("Argent - Impôts")
    JUSTICE = "justice", _("Justice")
    FOREIGNERS = "etrangers_europe", _("Étrangers - Europe")
    LEISURE = "loisirs_sports_culture", _("Loisirs - Sports - Culture")
    ASSOCIATIONS = "associations", _("Associations")


class Autonomy(models.TextChoices):
    """How far the person did it themselves; ordered from least to most autonomous. The last
    three are the Coop's (its values); "fait pour la personne" is Passerelle's own, counted
    by the Coop export as its lowest level (reports/coop.py)."""

    DONE_FOR = "done_for", _("Fait pour la personne")
    GUIDED = "entierement_accompagne", _("Avec guidage")
    AUTONOMOUS_WITH_HELP = "partiellement_autonome", _("Autonome avec guidage en cas de besoin")
    AUTONOMOUS = "autonome", _("Autonome")

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value)


class WorkshopLevel(models.TextChoices):
    BEGINNER = "debutant", _("Débutant")
    INTERMEDIATE = "intermediaire", _("Intermédiaire")
    ADVANCED = "avance", _("Avancé")


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("Moins de 12 ans")
    FROM_12_TO_17 = "12_17", _("12 - 17 ans")
    FROM_18_TO_24 = "18_24", _("18 - 24 ans")
    FROM_25_TO_39 = "25_39", _("25 - 39 ans")
    FROM_40_TO_59 = "40_59", _("40 - 59 ans")
    FROM_60_TO_69 = "60_69", _("60 - 69 ans")
    OVER_70 = "70_plus", _("70 ans et plus")
    UNKNOWN = "unknown", _("Non communiqué")


# Lower bound (in years) of each band, from the oldest down, for age_band_for().
AGE_BAND_LOWER_BOUNDS = [
    (70, AgeBand.OVER_70),
    (60, AgeBand.FROM_60_TO_69),
    (40, AgeBand.FROM_40_TO_59),
    (25, AgeBand.FROM_25_TO_39),
    (18, AgeBand.FROM_18_TO_24),
    (12, AgeBand.FROM_12_TO_17),
    (0, AgeBand.UNDER_12),
]


class EmploymentStatus(models.TextChoices):
    STUDENT = "student", _("Scolarisé")
    UNEMPLOYED = "unemployed", _("Sans emploi")
    EMPLOYED = "employed", _("En emploi")
    RETIRED = "retired", _("Retraité")
    UNKNOWN = "unknown", _("Non communiqué")


class RedirectionStructure(models.TextChoices):
    """Where a person was sent on to (the Coop's "structure de redirection")."""

    ADMINISTRATION = "administration", _("Administration (mairie, préfecture…)")
    MEDIATION = "mediation_numerique", _("Autre structure de médiation numérique")
    OPERATOR = (
        "operateur_ou_organisme_en_charge",
        _("Opérateur ou organisme en charge de la démarche administrative"),
    )
    SOCIAL_AID = (
        "aide_sociale",
        _("Structure d’aide sociale (maison des solidarités, centre social…)"),
    )
    EMPLOYMENT = (
        "insertion_professionnelle",
        _(
            "Structure d’insertion professionnelle (France Travail, mission locale, chambre de "
            "commerce…)"
        ),
    )
    PROCEDURES_HELP = (
        "aide_aux_demarches_administratives",
        _("Structure d’aide aux démarches administratives (France Services…)"),
    )
    OTHER = "autre", _("Autre")


class PlaceType(models.TextChoices):
    ON_SITE = "on_site", _("Dans le lieu d'activité")
    REMOTE = "remote", _("À distance")
    AT_HOME = "at_home", _("À domicile")
    OTHER = "other", _("Autre lieu")


class Equipment(models.TextChoices):
    CENTRE_COMPUTER = "centre_computer", _("Ordinateur du lieu")
    CENTRE_TABLET = "centre_tablet", _("Tablette du lieu")
    OWN_SMARTPHONE = "own_smartphone", _("Smartphone de la personne")
    OWN_COMPUTER = "own_computer", _("Ordinateur de la personne")
    PRINTER_SCANNER = "printer_scanner", _("Imprimante ou scanner")
    NONE = "none", _("Aucun")


class StandardDuration(models.IntegerChoices):
    MIN_15 = 15, _("15 minutes")
    MIN_30 = 30, _("30 minutes")
    MIN_45 = 45, _("45 minutes")
    HOUR_1 = 60, _("1 heure")
    HOUR_1_30 = 90, _("1 heure 30")
    HOUR_2 = 120, _("2 heures")


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")
    OTP_ENROLLED = "otp_enrolled", _("Double authentification activée")
    OTP_RESET = "otp_reset", _("Double authentification réinitialisée")
    STAFF_CREATED = "staff_created", _("Compte créé")
    STAFF_UPDATED = "staff_updated", _("Compte modifié")
    STAFF_DEACTIVATED = "staff_deactivated", _("Compte désactivé")
    PERSON_VIEWED = "person_viewed", _("Fiche consultée")
    PERSON_CREATED = "person_created", _("Fiche créée")
    PERSON_UPDATED = "person_updated", _("Fiche modifiée")
    PERSON_MERGED = "person_merged", _("Fiches fusionnées")
    PERSON_ANONYMISED = "person_anonymised", _("Fiche anonymisée")
    CATALOGUE_CHANGED = "catalogue_changed", _("Catalogue modifié")
    EXPORT = "export", _("Export")
    PEOPLE_IMPORTED = "people_imported", _("Personnes importées")
    PEOPLE_IMPORT_UNDONE = "people_import_undone", _("Import de personnes annulé")
    KIOSK = "kiosk", _("À la borne d'accueil")
    PERSONAL_LINK = "personal_link", _("Par la personne (son lien ou un SMS)")


# Words that mark a record about disability (AAH, MDPH): health data under GDPR art. 9, seen
# by social workers and managers only (accounts.permissions.can_see_health_data).
HEALTH_WORDS = ("MDPH", "AAH")
