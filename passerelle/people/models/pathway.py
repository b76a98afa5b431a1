"""The personalised pathway: goals toward doing things alone, and how they move."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Autonomy, Theme
from passerelle.core.models import ChoiceDisplayMixin, Organisation, TimeStampedModel
from passerelle.people import enums
from passerelle.people.models.diagnostic import SkillArea
from passerelle.people.models.person import Person


class GoalTemplate(TimeStampedModel):
    """A goal of the catalogue ("Faire son actualisation France Travail seul")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="goal_templates"
    )
    title = models.CharField(_("objectif"), max_length=200)
    theme = models.CharField(_("thème"), max_length=50, choices=Theme.choices)
    area = models.ForeignKey(
        SkillArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("proposé"), default=True)

    class Meta:
        verbose_name = _("objectif du catalogue")
        verbose_name_plural = _("catalogue des objectifs")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="goal_template_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Goal(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="goals")
    template = models.ForeignKey(
        GoalTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("objectif du catalogue"),
    )
    title = models.CharField(_("objectif"), max_length=200)
    theme = models.CharField(_("thème"), max_length=50, choices=Theme.choices)
    status = models.CharField(
        _("état"), max_length=12, choices=enums.GoalStatus.choices, default=enums.GoalStatus.TODO
    )
    autonomy = models.CharField(
        _("autonomie atteinte"), max_length=30, choices=Autonomy.choices, blank=True
    )
    target_date = models.DateField(_("pour le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["status", "target_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (enums.GoalStatus.TODO, enums.GoalStatus.IN_PROGRESS)


class GoalUpdate(ChoiceDisplayMixin, models.Model):
    """One step on a goal: its history, and the source of the Activity it writes."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("état"), max_length=12, choices=enums.GoalStatus.choices)
    autonomy = models.CharField(
        _("autonomie atteinte"), max_length=30, choices=Autonomy.choices, blank=True
    )
    duration_minutes = models.PositiveSmallIntegerField(_("temps passé (minutes)"), default=0)
    note = models.CharField(_("ce qui a été fait"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.date}"
