"""What each organisation says about the personal data it keeps: who is responsible, whom to
ask, how long files and message texts are kept (GDPR art. 13 and 30; CNIL référentiel for
social and medico-social support, délibération 2023-095)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Organisation


class PrivacySettings(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="privacy_settings"
    )
    controller = models.CharField(
        _("responsable du traitement"),
        max_length=200,
        blank=True,
        help_text=_("La structure et sa personne responsable. Vide : le nom de la structure."),
    )
    address = models.CharField(_("adresse de la structure"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact pour la protection des données"),
        max_length=200,
        blank=True,
        help_text=_("Le délégué à la protection des données (DPO) ou la personne à qui écrire."),
    )
    contact_email = models.EmailField(_("e-mail de ce contact"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("garder une fiche combien de mois après le dernier contact"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(60)],
        help_text=_("La CNIL recommande 2 ans (24 mois) pour l'accompagnement social."),
    )
    message_retention_months = models.PositiveSmallIntegerField(
        _("garder le texte et le numéro des messages combien de mois"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Ensuite, seul l'état (envoyé, reçu, échoué) est gardé."),
    )
    staff_inactive_months = models.PositiveSmallIntegerField(
        _("désactiver un compte de l'équipe inutilisé depuis combien de mois"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    class Meta:
        verbose_name = _("réglages de la protection des données")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def controller_name(self) -> str:
        return self.controller or self.organisation.name


class RetentionHold(models.Model):
    """A manager keeps a file past its retention period, for a stated reason, until a date
    (a year later): then Passerelle asks again."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="retention_holds"
    )
    reason = models.CharField(_("raison"), max_length=300)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    decided_on = models.DateField(_("le"))
    until = models.DateField(_("jusqu'au"))

    class Meta:
        verbose_name = _("fiche gardée")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.until}"
