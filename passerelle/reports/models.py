"""The funder report: what the manager asked for and wrote, and the PDF once it is built."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Organisation, OrganisationScopedQuerySet, Site, TimeStampedModel
from passerelle.reports.enums import ReportStatus


class FunderReportQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class FunderReport(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titre"), max_length=200)
    funder = models.CharField(_("financeur"), max_length=200, blank=True)
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu"),
        help_text=_("Laissez vide pour tous les lieux."),
    )
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    introduction = models.TextField(
        _("présentation"),
        blank=True,
        help_text=_("Le lieu, le public, ce que l'action cherche à faire."),
    )
    highlights = models.TextField(
        _("faits marquants"), blank=True, help_text=_("Ce qui s'est passé, ce qui a marché.")
    )
    outlook = models.TextField(
        _("perspectives"), blank=True, help_text=_("Ce qui vient, ce qu'il faudrait.")
    )
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    objects = FunderReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan pour un financeur")
        verbose_name_plural = _("bilans pour les financeurs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="funder_report_period"),
        ]

    def __str__(self) -> str:
        return self.title


# What the dashboard groups and sums by, after the organisation or site and the date.
_SUMMED = [
    "kind",
    "theme",
    "admin_procedure_theme",
    "autonomy",
    "activities",
    "minutes",
    "anonymous",
]


class ActivityDay(models.Model):
    """Activities summed by site, day and what the dashboard breaks them down by (kind,
    theme, procedure domain, autonomy): five years of a large centre are ~185,000 rows
    instead of a million activities. Not by staff member or programme: those filters read
    `Activity` itself. Rebuilt from `Activity` (never written
    elsewhere): days touched since are listed in `StaleDay` and refreshed before reading."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, null=True, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=30)
    theme = models.CharField(max_length=50)
    admin_procedure_theme = models.CharField(max_length=40)
    autonomy = models.CharField(max_length=30)
    activities = models.PositiveIntegerField()
    minutes = models.PositiveBigIntegerField()
    anonymous = models.PositiveIntegerField()

    class Meta:
        # Each covers the dashboard's sums (the period's rows read from the index alone:
        # a site's year is 22,000 rows, a third of whose cost was fetching them from the table).
        indexes = [
            models.Index(fields=["organisation", "date", *_SUMMED], name="activity_day_org_cover"),
            models.Index(fields=["site", "date", *_SUMMED], name="activity_day_site_cover"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}: {self.activities}"


class StaleDay(models.Model):
    """A day whose activities changed since `ActivityDay` was computed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "date"], name="stale_day_once")
        ]

    def __str__(self) -> str:
        return str(self.date)
