from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("Ordinateur portable")
    TABLET = "tablet", _("Tablette")
    SMARTPHONE = "smartphone", _("Smartphone")
    ROUTER = "router", _("Routeur 4G (clé ou box)")
    OTHER = "other", _("Autre")


# La Coop's "matériel" vocabulary (docs/interoperability.md) for each kind lent.
COOP_EQUIPMENT = {
    DeviceKind.LAPTOP: "ordinateur",
    DeviceKind.TABLET: "tablette",
    DeviceKind.SMARTPHONE: "telephone",
    DeviceKind.ROUTER: "autre",
    DeviceKind.OTHER: "autre",
}


class Condition(models.TextChoices):
    NEW = "new", _("Neuf")
    GOOD = "good", _("Bon état")
    FAIR = "fair", _("Traces d'usage")
    DAMAGED = "damaged", _("Abîmé")
    BROKEN = "broken", _("Hors d'usage")


class SolidarityOffer(models.TextChoices):
    """Where a person without equipment can be sent: refurbished devices, solidarity plans."""

    REFURBISHED_DEVICE = "refurbished_device", _("Matériel reconditionné à petit prix")
    PHONE_PLAN = "phone_plan", _("Forfait téléphone solidaire")
    INTERNET_PLAN = "internet_plan", _("Box internet solidaire ou tarif social")
    OTHER = "other", _("Autre offre solidaire")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    OBTAINED = "obtained", _("Obtenu")
    REFUSED = "refused", _("Refusé")
    ABANDONED = "abandoned", _("Abandonné")
