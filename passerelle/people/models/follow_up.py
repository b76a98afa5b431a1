"""What the person agreed to, and what staff wrote about the follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.accounts import permissions
from passerelle.core.models import TimeStampedModel
from passerelle.people import enums
from passerelle.people.models.person import Person


class ConsentQuerySet(models.QuerySet):
    def active(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(TimeStampedModel):
    """One agreement, with its date, scope and who recorded it; withdrawn, never deleted."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("objet"), max_length=20, choices=enums.ConsentScope.choices)
    given_on = models.DateField(_("donné le"), default=timezone.localdate)
    # None: the person gave it themselves (the online booking page's checkbox).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recueilli par"),
    )
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retrait noté par"),
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["scope", "-given_on"]
        indexes = [models.Index(fields=["person", "scope"], name="consent_person_scope")]

    def __str__(self) -> str:
        return self.get_scope_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> NoteQuerySet:
        """General notes for the file roles, social notes for social workers, private ones
        for their author; nothing for volunteers nor for another organisation."""
        if not permissions.can_view_full_profile(user):
            return self.none()
        allowed = models.Q(visibility=enums.NoteVisibility.GENERAL) | models.Q(
            visibility=enums.NoteVisibility.PRIVATE, author=user
        )
        if permissions.can_read_social_notes(user):
            allowed |= models.Q(visibility=enums.NoteVisibility.SOCIAL)
        return self.filter(allowed, person__organisation_id=user.organisation_id)


class Note(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    visibility = models.CharField(
        _("visible par"),
        max_length=10,
        choices=enums.NoteVisibility.choices,
        default=enums.NoteVisibility.GENERAL,
    )
    text = models.TextField(_("note"), max_length=5000)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["person", "date"], name="note_person_date")]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} {self.date}"
