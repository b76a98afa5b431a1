from django.db import models
from django.utils.translation import gettext_lazy as _


class BookableBy(models.TextChoices):
    STAFF = "staff", _("L'équipe seulement")
    PARTNERS = "partners", _("L'équipe et les partenaires, pour la personne")


class AppointmentStatus(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    HONOURED = "honoured", _("Honoré")
    EXCUSED = "excused", _("Excusé")
    CANCELLED = "cancelled", _("Annulé par le service")
    CANCELLED_BY_PERSON = "cancelled_by_person", _("Annulé par la personne")
    NO_SHOW = "no_show", _("Absence non excusée")
    RESCHEDULED = "rescheduled", _("Reporté")


# A slot stays taken while its appointment is in one of these states.
ACTIVE_STATUSES = [
    AppointmentStatus.UPCOMING,
    AppointmentStatus.HONOURED,
    AppointmentStatus.NO_SHOW,
]


class ExceptionKind(models.TextChoices):
    EXTRA = "extra", _("Heures en plus ce jour-là")
    CLOSED = "closed", _("Fermé ce jour-là")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("En attente")
    CALLED = "called", _("Appelé")
    SEEN = "seen", _("Reçu")
    LEFT = "left", _("Parti sans être reçu")


class Pictogram(models.TextChoices):
    """The picture beside a service at the kiosk (files in static/pictos/)."""

    CAF = "caf", _("CAF, allocations")
    JOB = "job", _("France Travail, emploi")
    HOUSING = "housing", _("Logement")
    TAXES = "taxes", _("Impôts")
    HEALTH = "health", _("Santé")
    PAPERS = "papers", _("Papiers, titre de séjour")
    COMPUTER = "computer", _("Ordinateur, numérique")
    SOCIAL = "social", _("Aide sociale")
    OTHER = "other", _("Autre")


class AnswerVia(models.TextChoices):
    """How a person answered about their appointment or workshop seat themselves."""

    LINK = "link", _("par son lien personnel")
    SMS = "sms", _("par SMS (ANNULER)")
