"""Choices of the notifications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    QUEUED = "queued", _("En attente d'envoi")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    DELIVERED = "delivered", _("Reçu")
    FAILED = "failed", _("Échec")
    CANCELLED = "cancelled", _("Non envoyé")
