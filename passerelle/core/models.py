"""Shared models: organisations and sites, the audit journal and the Activity record."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelle.core import enums


class ChoiceDisplayMixin:
    """`get_FOO_display()` without translating every label of the field's choices.

    Django's own builds a dict of all the choices on each call, hashing every lazy label,
    which translates each one: a list of 50 messages showing their event and status ran
    some 1,500 translations. This one walks the choices and translates the label found
    only; same answer (the stored value itself when it is not among the choices). A label
    found is kept for the process, by field, value and language (the choices are fixed in
    the code): the next rows read it from a dict."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        key = (field, value, get_language())
        try:
            return _CHOICE_LABELS[key]
        except (KeyError, TypeError):  # not seen yet, or a value that cannot be a key
            pass
        for choice, label in field.flatchoices:
            if choice == value:
                text = force_str(label, strings_only=True)
                if isinstance(value, str | int):
                    _CHOICE_LABELS[key] = text
                return text
        return force_str(value, strings_only=True)


# (field, value, language) -> label: as many entries as the models' choices in each language.
_CHOICE_LABELS: dict[tuple, str] = {}


class TimeStampedModel(ChoiceDisplayMixin, models.Model):
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class Organisation(TimeStampedModel):
    """A structure (association, CCAS, library…) running one or more sites."""

    name = models.CharField(_("nom"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def new_display_token() -> str:
    return secrets.token_urlsafe(24)


def new_link_token() -> str:
    """A person's own link in a message: 128 random bits, 22 characters (short for an SMS)."""
    return secrets.token_urlsafe(16)


class OrganisationScopedQuerySet(models.QuerySet):
    """`visible_to(user)`: the rows of the user's organisation and, for site-bound data
    (`site_path` set), of the user's sites unless the user sees all sites (managers).

    Subclasses say where the organisation and the site are, as lookups from the model:
    `organisation_path = "person__organisation"`, `site_path = "site"`.
    """

    organisation_path = "organisation"
    site_path: str | None = None

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
            return self.none()
        qs = self.filter(**{f"{self.organisation_path}_id": user.organisation_id})
        if self.site_path is not None and not user.sees_all_sites:
            qs = qs.filter(**{f"{self.site_path}__in": user.sites.all()})
        return qs


class SiteQuerySet(models.QuerySet):
    def visible_to(self, user) -> SiteQuerySet:
        """Managers see all their organisation's sites, others the sites they work at."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        qs = self.filter(organisation_id=user.organisation_id)
        if not user.sees_all_sites:
            qs = qs.filter(staff=user)
        return qs


class Site(TimeStampedModel):
    """A place where the centre receives people (lieu)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sites", verbose_name=_("structure")
    )
    name = models.CharField(_("nom"), max_length=200)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    is_active = models.BooleanField(_("ouvert"), default=True)
    # The waiting-room screen opens with this secret address, without an account.
    display_token = models.CharField(
        max_length=64, unique=True, default=new_display_token, editable=False
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="site_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        """What a message says to find the place: "Name, 12 rue …, Commune"."""
        parts: list[str] = []
        for part in (self.name, self.address, self.commune):
            if part and not any(part.lower() in kept.lower() for kept in parts):
                parts.append(part)
        return ", ".join(parts)


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a journal entry."""


class AuditEntryQuerySet(OrganisationScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit journal is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit journal is append-only.")

    organisation_path = "organisation"


class AuditEntry(ChoiceDisplayMixin, models.Model):
    """One line of the append-only journal: who did what, when, on which person.

    `person_id` is deliberately not a foreign key: the journal must outlive merges and
    anonymisation unchanged, and must never be rewritten by them.
    """

    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    action = models.CharField(_("action"), max_length=40, choices=enums.AuditAction.choices)
    person_id = models.PositiveBigIntegerField(_("personne"), null=True, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True)
    target = GenericForeignKey("target_type", "target_id")
    summary = models.CharField(_("détail"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit journal is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit journal is append-only.")


class ActivityQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"
    site_path = "site"

    def between(self, start, end) -> ActivityQuerySet:
        """Activities dated from `start` to `end`, both included."""
        return self.filter(date__gte=start, date__lte=end)


class Activity(ChoiceDisplayMixin, models.Model):
    """One row per thing that happened with someone (DESIGN §4).

    Written by the service that made it, in the same transaction; read by reports.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("structure")
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=enums.ActivityKind.choices)
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(
        _("durée (minutes)"), validators=[MaxValueValidator(24 * 60)]
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intervenant"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("personne"),
    )
    anonymous_count = models.PositiveIntegerField(
        _("participants anonymes"), default=0, validators=[MinValueValidator(0)]
    )
    theme = models.CharField(_("thème principal"), max_length=50, choices=enums.Theme.choices)
    other_themes = models.JSONField(_("autres thèmes"), default=list, blank=True)
    admin_procedure_theme = models.CharField(
        _("démarche : domaine"),
        max_length=40,
        choices=enums.AdminProcedureTheme.choices,
        blank=True,
    )
    label = models.CharField(_("intitulé"), max_length=200, blank=True)
    autonomy = models.CharField(
        _("autonomie"), max_length=30, choices=enums.Autonomy.choices, blank=True
    )
    level = models.CharField(
        _("niveau"), max_length=20, choices=enums.WorkshopLevel.choices, blank=True
    )
    place_type = models.CharField(
        _("lieu"),
        max_length=20,
        choices=enums.PlaceType.choices,
        default=enums.PlaceType.ON_SITE,
    )
    equipment = models.JSONField(_("matériel utilisé"), default=list, blank=True)
    referral_to = models.CharField(_("orienté vers"), max_length=200, blank=True)
    referral_structure = models.CharField(
        _("type de structure d'orientation"),
        max_length=40,
        choices=enums.RedirectionStructure.choices,
        blank=True,
    )
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        ordering = ["-date", "-id"]
        indexes = [
            # With the person and the anonymous visits: the statistics count distinct
            # people, and "Aujourd'hui" the day's activities, people and anonymous visits,
            # from the index alone (no read of each row: 4 ms → 0.5 ms for 2,000 a day).
            models.Index(
                fields=["organisation", "date", "person", "anonymous_count"],
                name="activity_org_date_counts",
            ),
            models.Index(
                fields=["site", "date", "person", "anonymous_count"],
                name="activity_site_date_counts",
            ),
            models.Index(fields=["person", "date"], name="activity_person_date"),
            # "Was this person seen at these sites in the period?", asked by the statistics.
            models.Index(fields=["person", "site", "date"], name="activity_person_site_date"),
            # The impact page pairs first and latest autonomy from this index alone.
            models.Index(
                fields=[
                    "kind",
                    "date",
                    "organisation",
                    "site",
                    "person",
                    "admin_procedure_theme",
                    "autonomy",
                ],
                name="activity_progress",
            ),
            models.Index(fields=["staff", "date"], name="activity_staff_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(anonymous_count__gt=0),
                name="activity_has_someone",
                violation_error_message=_("Une activité concerne une personne ou des anonymes."),
            ),
            # The same source row (a registration, an appointment…) is counted once.
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="activity_unique_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    @property
    def people_count(self) -> int:
        return (1 if self.person_id else 0) + self.anonymous_count


class HealthProbe(models.Model):
    """One row that /healthz rewrites: proof that the database accepts writes (not only reads)."""

    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("contrôle de santé")

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M:%S}"


class RateCounter(models.Model):
    """One ceiling's count for one key and one time window (core/ratelimit.py), in the database
    so that every app server and process counts the same calls. Expired rows are deleted by the
    daily task."""

    name = models.CharField(max_length=200, unique=True)
    hits = models.PositiveIntegerField(default=1)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("compteur de limite d'appels")

    def __str__(self) -> str:
        return f"{self.name}: {self.hits}"
