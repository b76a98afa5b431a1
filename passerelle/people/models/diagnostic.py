"""The digital-skills diagnostic: a questionnaire stored as data, and its answers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Theme
from passerelle.core.models import ChoiceDisplayMixin, Organisation, Site, TimeStampedModel
from passerelle.people import enums
from passerelle.people.models.person import Person


class SkillArea(TimeStampedModel):
    """A domain of the diagnostic ("Utiliser un appareil", "E-mail"…), per organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="skill_areas"
    )
    name = models.CharField(_("domaine"), max_length=100)
    theme = models.CharField(
        _("thème d'atelier correspondant"), max_length=50, choices=Theme.choices
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("domaine du diagnostic")
        verbose_name_plural = _("domaines du diagnostic")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="skill_area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SkillQuestionQuerySet(models.QuerySet):
    def active(self) -> SkillQuestionQuerySet:
        return self.filter(is_active=True)


class SkillQuestion(TimeStampedModel):
    area = models.ForeignKey(
        SkillArea, on_delete=models.PROTECT, related_name="questions", verbose_name=_("domaine")
    )
    text = models.CharField(_("question"), max_length=200)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    # Questions that were answered once are retired, not deleted, so old diagnostics stay whole.
    is_active = models.BooleanField(_("posée"), default=True)

    objects = SkillQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question du diagnostic")
        verbose_name_plural = _("questions du diagnostic")
        ordering = ["area__position", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class SkillAssessment(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("par")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=15, validators=[MaxValueValidator(240)]
    )
    comment = models.CharField(_("remarque"), max_length=500, blank=True)
    source = models.CharField(
        _("origine"),
        max_length=15,
        choices=enums.AssessmentSource.choices,
        default=enums.AssessmentSource.QUESTIONNAIRE,
    )
    # Where the results came from (a Pix campaign and participant): the same results are
    # imported once.
    reference = models.CharField(_("référence"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("diagnostic numérique")
        verbose_name_plural = _("diagnostics numériques")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "reference"],
                condition=~models.Q(reference=""),
                name="assessment_imported_once",
            )
        ]

    def __str__(self) -> str:
        return f"Diagnostic du {self.assessed_on:%d/%m/%Y}"


class SkillAnswer(ChoiceDisplayMixin, models.Model):
    assessment = models.ForeignKey(
        SkillAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(SkillQuestion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(choices=enums.SkillScore.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="skill_answer_once_per_question"
            ),
            models.CheckConstraint(condition=models.Q(score__lte=3), name="skill_answer_score"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"


class PixMapping(models.Model):
    """Which diagnostic domain a Pix competence feeds, per organisation (people/pix.py)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    competence = models.CharField(_("compétence Pix"), max_length=5)
    area = models.ForeignKey(
        SkillArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domaine du diagnostic"),
    )

    class Meta:
        verbose_name = _("correspondance Pix")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "competence"], name="pix_mapping_once_per_competence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence} → {self.area_id}"
