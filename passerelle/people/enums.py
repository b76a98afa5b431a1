from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    INSERTION = "insertion", _("Insertion (salarié en insertion)")
    CHILD_WELFARE = "child_welfare", _("Aide sociale à l'enfance (ASE)")
    SOCIAL_ACTION = "social_action", _("Action sociale")


class Gender(models.TextChoices):
    FEMALE = "female", _("Femme")
    MALE = "male", _("Homme")
    UNKNOWN = "unknown", _("Non communiqué")


class EducationLevel(models.TextChoices):
    NONE = "none", _("Aucun diplôme")
    PRIMARY = "primary", _("Certificat d'études, brevet")
    VOCATIONAL = "vocational", _("CAP, BEP")
    BACCALAUREATE = "baccalaureate", _("Baccalauréat")
    HIGHER = "higher", _("Études supérieures")
    FOREIGN = "foreign", _("Diplôme étranger")
    UNKNOWN = "unknown", _("Non communiqué")


class IncomeSituation(models.TextChoices):
    RSA = "rsa", _("RSA")
    AAH = "aah", _("AAH")
    ASS = "ass", _("ASS")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Allocation chômage (ARE)")
    PENSION = "pension", _("Retraite ou pension")
    SALARY = "salary", _("Salaire")
    NONE = "none", _("Aucune ressource")
    OTHER = "other", _("Autre")
    UNKNOWN = "unknown", _("Non communiqué")


class Household(models.TextChoices):
    ALONE = "alone", _("Seul(e)")
    ALONE_WITH_CHILDREN = "alone_with_children", _("Seul(e) avec enfant(s)")
    COUPLE = "couple", _("En couple")
    COUPLE_WITH_CHILDREN = "couple_with_children", _("En couple avec enfant(s)")
    OTHER = "other", _("Autre (hébergé, colocation…)")
    UNKNOWN = "unknown", _("Non communiqué")


class FrenchLevel(models.TextChoices):
    NATIVE = "native", _("Langue maternelle ou courante")
    GOOD = "good", _("Bonne compréhension")
    BASIC = "basic", _("Quelques bases")
    NONE = "none", _("Ne parle pas français")
    UNKNOWN = "unknown", _("Non communiqué")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    ARABIC = "ar", _("Arabe")
    ENGLISH = "en", _("Anglais")
    SPANISH = "es", _("Espagnol")
    PORTUGUESE = "pt", _("Portugais")
    TAMIL = "ta", _("Tamoul")
    ROMANIAN = "ro", _("Roumain")
    TURKISH = "tr", _("Turc")
    SONINKE = "snk", _("Soninké")
    OTHER = "other", _("Autre")


class ConsentScope(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Suivi : garder sa fiche et son parcours")
    SMS = "sms", _("Recevoir des SMS de rappel")
    EMAIL = "email", _("Recevoir des e-mails")
    PHOTOS = "photos", _("Être pris(e) en photo pendant les ateliers")
    PARTNERS = "partners", _("Partager des informations avec un partenaire qui l'accompagne")


class NoteVisibility(models.TextChoices):
    GENERAL = "general", _("Générale : toute l'équipe")
    SOCIAL = "social", _("Sociale : travailleurs sociaux seulement")
    PRIVATE = "private", _("Privée : moi seulement")


class GoalStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    ACHIEVED = "achieved", _("Atteint")
    ABANDONED = "abandoned", _("Abandonné")


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Vérifié, en attente de confirmation")
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Importé")
    FAILED = "failed", _("Échec : rien n'a été importé")
    UNDONE = "undone", _("Annulé")
    DROPPED = "dropped", _("Abandonné")


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("Des personnes")
    HISTORY = "history", _("Un historique d'activités (les années avant Passerelle)")


class ImportDecision(models.TextChoices):
    CREATE = "create", _("Créer une nouvelle fiche")
    ATTACH = "attach", _("Compléter la fiche existante")
    SKIP = "skip", _("Ne pas importer")


class AssessmentSource(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("Questionnaire de Passerelle")
    PIX = "pix", _("Résultats Pix")


class SkillScore(models.IntegerChoices):
    NEVER = 0, _("Je ne l'ai jamais fait")
    WITH_HELP = 1, _("Je le fais avec de l'aide")
    ALONE_WITH_DIFFICULTY = 2, _("Je le fais seul(e), avec difficulté")
    ALONE_EASILY = 3, _("Je le fais seul(e) facilement")


class SkillLevel(models.TextChoices):
    DISCOVER = "discover", _("À découvrir")
    PROGRESSING = "progressing", _("En progrès")
    COMFORTABLE = "comfortable", _("À l'aise")
