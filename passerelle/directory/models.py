"""What a centre publishes in the national directories through data·inclusion: each site as a
structure, each service it offers (docs/interoperability.md)."""

from __future__ import annotations

from django.core.validators import MinLengthValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Site, TimeStampedModel
from passerelle.directory.enums import ServiceKind


class Listing(TimeStampedModel):
    """A site as a data·inclusion structure: what Passerelle does not already know."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="+")
    published = models.BooleanField(_("publier ce lieu"), default=False)
    description = models.TextField(
        _("présentation du lieu"),
        max_length=10_000,
        blank=True,
        validators=[MinLengthValidator(5)],
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[RegexValidator(r"^\d{14}$", _("Le SIRET compte 14 chiffres."))],
    )
    phone = models.CharField(_("téléphone d'accueil"), max_length=20, blank=True)
    email = models.EmailField(_("adresse e-mail d'accueil"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    accessibility_url = models.URLField(
        _("fiche Acceslibre"),
        blank=True,
        help_text=_("L'adresse de la fiche du lieu sur acceslibre.beta.gouv.fr."),
    )
    networks = models.JSONField(_("réseaux"), default=list, blank=True)

    class Meta:
        verbose_name = _("lieu publié")

    def __str__(self) -> str:
        return str(self.site)


class Offer(TimeStampedModel):
    """One service of a site as data·inclusion describes it."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    published = models.BooleanField(_("publier ce service"), default=False)
    name = models.CharField(_("nom"), max_length=150, validators=[MinLengthValidator(3)])
    description = models.TextField(
        _("description"), max_length=10_000, validators=[MinLengthValidator(5)]
    )
    service_type = models.CharField(_("type de service"), max_length=30, blank=True)
    themes = models.JSONField(_("thématiques"), default=list, blank=True)
    reception_modes = models.JSONField(_("modes d'accueil"), default=list, blank=True)
    mobilisation_modes = models.JSONField(_("comment y accéder"), default=list, blank=True)
    mobilisable_by = models.JSONField(_("qui peut faire la démarche"), default=list, blank=True)
    publics = models.JSONField(_("publics"), default=list, blank=True)
    public_details = models.CharField(_("précisions sur le public"), max_length=500, blank=True)
    fees = models.CharField(_("frais"), max_length=10, blank=True)
    fee_details = models.CharField(_("précisions sur les frais"), max_length=500, blank=True)
    access_conditions = models.CharField(_("conditions d'accès"), max_length=500, blank=True)
    booking_url = models.URLField(_("lien pour prendre rendez-vous ou s'inscrire"), blank=True)

    class Meta:
        verbose_name = _("service publié")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind"], name="offer_one_per_site_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"
