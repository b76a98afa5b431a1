"""Equipment the centre lends to people who have none: the devices and their loans."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    Organisation,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
)
from passerelle.equipment.enums import Condition, DeviceKind, ReferralOutcome, SolidarityOffer
from passerelle.people.models import Person


class DeviceQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class Device(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("rangé à")
    )
    kind = models.CharField(_("type"), max_length=12, choices=DeviceKind.choices)
    label = models.CharField(
        _("désignation"), max_length=100, help_text=_("Marque et modèle : « Lenovo ThinkPad T480 »")
    )
    serial_number = models.CharField(_("numéro de série"), max_length=60)
    condition = models.CharField(
        _("état"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    accessories = models.CharField(
        _("accessoires"), max_length=200, blank=True, help_text=_("Chargeur, housse, carte SIM…")
    )
    is_active = models.BooleanField(_("prêtable"), default=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("matériel")
        verbose_name_plural = _("matériel à prêter")
        ordering = ["kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "serial_number"], name="device_unique_serial"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.serial_number})"


class LoanQuerySet(OrganisationScopedQuerySet):
    organisation_path = "device__organisation"

    def open(self) -> LoanQuerySet:
        return self.filter(returned_on__isnull=True)


class Loan(TimeStampedModel):
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="loans", verbose_name=_("matériel")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="loans")
    starts_on = models.DateField(_("prêté le"))
    due_on = models.DateField(_("à rendre le"))
    deposit_euros = models.DecimalField(
        _("caution (€)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    deposit_received = models.BooleanField(_("caution reçue"), default=False)
    condition_out = models.CharField(_("état au départ"), max_length=10, choices=Condition.choices)
    accessories_out = models.CharField(_("accessoires remis"), max_length=200, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    returned_on = models.DateField(_("rendu le"), null=True, blank=True)
    condition_back = models.CharField(
        _("état au retour"), max_length=10, choices=Condition.choices, blank=True
    )
    return_notes = models.CharField(_("remarques au retour"), max_length=300, blank=True)
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("prêt")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            # A device is lent to one person at a time: the database says so too.
            models.UniqueConstraint(
                fields=["device"], condition=Q(returned_on__isnull=True), name="loan_one_open"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="loan_due_after_start"
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="loan_due")]

    def __str__(self) -> str:
        return f"{self.device} → {self.person}"

    @property
    def days(self) -> int:
        end = self.returned_on or self.due_on
        return (end - self.starts_on).days


class Referral(TimeStampedModel):
    """A person sent on to a solidarity offer (refurbished device, solidarity phone or internet
    plan), and what came of it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="solidarity_referrals"
    )
    offer = models.CharField(_("offre"), max_length=20, choices=SolidarityOffer.choices)
    partner = models.CharField(
        _("vers qui"),
        max_length=120,
        help_text=_("La structure ou l'offre : Emmaüs Connect, une ressourcerie, un opérateur…"),
    )
    referred_on = models.DateField(_("le"))
    outcome = models.CharField(
        _("résultat"),
        max_length=10,
        choices=ReferralOutcome.choices,
        default=ReferralOutcome.PENDING,
    )
    outcome_on = models.DateField(_("résultat noté le"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("orientation vers une offre solidaire")
        verbose_name_plural = _("orientations vers une offre solidaire")
        ordering = ["-referred_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "outcome", "referred_on"], name="referral_open")
        ]

    def __str__(self) -> str:
        return f"{self.get_offer_display()} — {self.partner}"
