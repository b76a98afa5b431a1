"""Every message Passerelle sends or refuses to send, and which events each structure wants."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import (
    ChoiceDisplayMixin,
    Organisation,
    OrganisationScopedQuerySet,
    TimeStampedModel,
)
from passerelle.notifications.enums import Channel, Status
from passerelle.notifications.events import Event
from passerelle.people.models import Person


class MessageQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def failures_to_phone(self, *, now=None) -> MessageQuerySet:
        """Failed, not yet handled by someone at reception, and still worth a call: the
        event is ahead (an appointment, a session, a deadline still open), or the message
        had no date and failed in the last week."""
        now = now or timezone.now()
        return self.filter(status=Status.FAILED, handled_at__isnull=True).filter(
            models.Q(event_at__gte=now)
            | models.Q(event_at__isnull=True, created_at__gte=now - dt.timedelta(days=7))
        )


class Message(TimeStampedModel):
    """One message on one channel. `key` names the event it is about (an appointment's
    reminder two days before, say): the same key on the same channel is never sent twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="messages", verbose_name=_("personne")
    )
    event = models.CharField(_("message"), max_length=40, choices=Event.choices)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    key = models.CharField(max_length=200)
    recipient = models.CharField(_("destinataire"), max_length=254)
    subject = models.CharField(_("objet"), max_length=200, blank=True)
    body = models.TextField(_("texte"))
    segments = models.PositiveSmallIntegerField(_("SMS facturés"), default=0)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    provider_id = models.CharField(_("référence du prestataire"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    send_after = models.DateTimeField(_("à envoyer à partir de"))
    event_at = models.DateTimeField(_("date de l'événement"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("traité par"),
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "key"], name="message_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="message_person_recent"),
            models.Index(
                fields=["organisation", "status", "-created_at"], name="message_org_status"
            ),
            models.Index(fields=["provider_id"], name="message_provider_id"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.get_channel_display()})"


class EventSetting(ChoiceDisplayMixin, models.Model):
    """Whether a structure sends one kind of message; every event is on until switched off."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=40, choices=Event.choices)
    enabled = models.BooleanField(_("envoyé"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "event"], name="event_setting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} : {'oui' if self.enabled else 'non'}"
