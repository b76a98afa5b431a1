"""A booking asked on a site's public page, waiting for the code sent by SMS to the phone it
gives: nothing is booked, and no file is touched, before the code comes back."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Site


class PhoneCheck(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    # In the address of the code page: the page of one request, never guessable.
    token = models.CharField(max_length=32, unique=True)
    phone = models.CharField(_("portable"), max_length=16)
    # HMAC of the six digits with the SECRET_KEY: the code itself is never stored.
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What to book once confirmed: the slot or the session, the names, the partner.
    request = models.JSONField(default=dict)
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        verbose_name = _("demande de réservation en ligne")
        indexes = [
            models.Index(fields=["phone", "created_at"], name="phonecheck_phone"),
            models.Index(fields=["ip_address", "created_at"], name="phonecheck_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.phone} {self.created_at:%Y-%m-%d %H:%M}"
