from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("Responsable")
    SOCIAL_WORKER = "social_worker", _("Travailleur social")
    MEDIATOR = "mediator", _("Médiateur numérique")
    RECEPTION = "reception", _("Accueil")
    VOLUNTEER = "volunteer", _("Bénévole")
