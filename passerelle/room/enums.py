from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Theme


class Purpose(models.TextChoices):
    JOB_SEARCH = "job_search", _("Recherche d'emploi")
    CAF = "caf", _("CAF")
    TAXES = "taxes", _("Impôts")
    TRAINING = "training", _("Formation")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Autre")


PURPOSE_THEMES = {
    Purpose.JOB_SEARCH: Theme.EMPLOYMENT,
    Purpose.CAF: Theme.ADMIN_PROCEDURES,
    Purpose.TAXES: Theme.ADMIN_PROCEDURES,
    Purpose.TRAINING: Theme.EMPLOYMENT,
    Purpose.EMAIL: Theme.EMAIL,
    Purpose.OTHER: Theme.BROWSING,
}


class PrintPeriod(models.TextChoices):
    DAY = "day", _("jour")
    MONTH = "month", _("mois")


class StationEquipment(models.TextChoices):
    PRINTER = "printer", _("Imprimante")
    SCANNER = "scanner", _("Scanner")
    WEBCAM = "webcam", _("Webcam")
    HEADSET = "headset", _("Casque")
    LARGE_SCREEN = "large_screen", _("Grand écran")
    ACCESSIBLE_KEYBOARD = "accessible_keyboard", _("Clavier adapté")
