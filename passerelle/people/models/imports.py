"""A spreadsheet of people being brought in: the file until it is imported, the manager's
choices, the progress, and what the import created (so that it can be undone)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Organisation, OrganisationScopedQuerySet, TimeStampedModel
from passerelle.people import enums


class PeopleImportQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class PeopleImport(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("le tableau contient"),
        max_length=10,
        choices=enums.ImportKind.choices,
        default=enums.ImportKind.PEOPLE,
    )
    filename = models.CharField(_("fichier"), max_length=200)
    # The file itself, only until it is imported or dropped (then emptied: minimum data).
    content = models.BinaryField(null=True, editable=False)
    mapping = models.JSONField(default=list, blank=True)
    # Row number → "create", "attach" or "skip", for the rows that look like a duplicate.
    decisions = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=enums.ImportStatus.choices, default=enums.ImportStatus.CHECKED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_ids = models.JSONField(default=list, blank=True, editable=False)
    # Existing files completed by the import: person id → {field: value written}.
    attached = models.JSONField(default=dict, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = PeopleImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("import de personnes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
