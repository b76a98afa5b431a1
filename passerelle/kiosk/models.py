"""A kiosk: the touch screen at a site's entrance, opened without an account at its secret
address (like the waiting-room screen), revocable by a manager."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from passerelle.core.models import (
    Organisation,
    OrganisationScopedQuerySet,
    Site,
    TimeStampedModel,
    new_display_token,
)

# Said in the kiosk's language when the manager kept it; their own sentence is said as written.
WAITING_PLACE_DEFAULT = gettext_noop("Asseyez-vous dans la salle d'attente.")


class KioskQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"
    site_path = "site"


class Kiosk(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="kiosks", verbose_name=_("lieu")
    )
    name = models.CharField(
        _("nom de la borne"),
        max_length=40,
        help_text=_("Il apparaît dans les agendas et le journal : « borne Entrée »."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_display_token, editable=False)
    is_active = models.BooleanField(_("en service"), default=True)
    waiting_place = models.CharField(
        _("où attendre"),
        max_length=120,
        default=WAITING_PLACE_DEFAULT,
        help_text=_("Une phrase courte, dite à la personne après son arrivée."),
    )
    idle_seconds = models.PositiveSmallIntegerField(
        _("retour au début après (secondes sans toucher l'écran)"),
        default=60,
        validators=[MinValueValidator(20), MaxValueValidator(300)],
    )
    last_seen_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    objects = KioskQuerySet.as_manager()

    class Meta:
        verbose_name = _("borne d'accueil")
        verbose_name_plural = _("bornes d'accueil")
        ordering = ["site__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="kiosk_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def door(self) -> str:
        """How staff pages and the journal name what was done here: "borne Entrée"."""
        return f"borne {self.name}"
