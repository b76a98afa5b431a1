from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    CANCELLED = "cancelled", _("Annulée")
    DONE = "done", _("Terminée")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscrit(e)")
    WAITING = "waiting", _("Liste d'attente")
    CANCELLED = "cancelled", _("Désinscrit(e)")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Présent")
    LATE = "late", _("En retard")
    EXCUSED = "excused", _("Excusé")
    ABSENT = "absent", _("Absent")
