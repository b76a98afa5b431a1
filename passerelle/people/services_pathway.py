"""Writes on the digital path: diagnostics and goals. Each writes its Activity."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import activity_record
from passerelle.people import activities, defaults, pix
from passerelle.people.enums import AssessmentSource, GoalStatus
from passerelle.people.models import (
    Goal,
    GoalTemplate,
    GoalUpdate,
    Person,
    PixMapping,
    SkillAnswer,
    SkillArea,
    SkillAssessment,
    SkillQuestion,
)


@transaction.atomic
def questionnaire_install_default(*, organisation) -> None:
    """Give an organisation the default questionnaire and goal catalogue, once."""
    if not SkillArea.objects.filter(organisation=organisation).exists():
        for position, (name, theme, questions) in enumerate(defaults.QUESTIONNAIRE):
            area = SkillArea.objects.create(
                organisation=organisation, name=name, theme=theme, position=position
            )
            SkillQuestion.objects.bulk_create(
                SkillQuestion(area=area, text=text, position=i) for i, text in enumerate(questions)
            )
    if not GoalTemplate.objects.filter(organisation=organisation).exists():
        areas = {a.theme: a for a in SkillArea.objects.filter(organisation=organisation)}
        GoalTemplate.objects.bulk_create(
            GoalTemplate(organisation=organisation, title=title, theme=theme, area=areas.get(theme))
            for title, theme in defaults.GOALS
        )


@transaction.atomic
def assessment_create(
    *,
    person: Person,
    staff,
    answers: dict[int, int],
    site=None,
    assessed_on: dt.date | None = None,
    duration_minutes: int = 15,
    comment: str = "",
) -> SkillAssessment:
    """Record a diagnostic: one answer per active question of the person's organisation."""
    questions = {
        q.pk: q
        for q in SkillQuestion.objects.active().filter(area__organisation=person.organisation_id)
    }
    missing = set(questions) - set(answers)
    if missing or not questions:
        raise ValidationError(_("Répondez à toutes les questions."))
    if set(answers) - set(questions) or any(
        score not in (0, 1, 2, 3) for score in answers.values()
    ):
        raise ValidationError(_("Ces réponses ne correspondent pas au questionnaire."))
    assessment = SkillAssessment(
        person=person,
        staff=staff,
        site=site,
        assessed_on=assessed_on or timezone.localdate(),
        duration_minutes=duration_minutes,
        comment=comment,
    )
    assessment.full_clean()
    assessment.save()
    SkillAnswer.objects.bulk_create(
        SkillAnswer(assessment=assessment, question=questions[qid], score=score)
        for qid, score in answers.items()
    )
    activity_record(
        activity=activities.diagnostic(
            assessment=assessment, organisation_id=person.organisation_id
        )
    )
    return assessment


@transaction.atomic
def goal_create(
    *,
    person: Person,
    by,
    template: GoalTemplate | None = None,
    title: str = "",
    theme: str = "",
    target_date: dt.date | None = None,
) -> Goal:
    if template is not None:
        if template.organisation_id != person.organisation_id:
            raise ValidationError(_("Cet objectif n'appartient pas au catalogue de la structure."))
        title, theme = template.title, template.theme
    goal = Goal(
        person=person,
        template=template,
        title=title.strip(),
        theme=theme or core_enums.Theme.ADMIN_PROCEDURES,
        target_date=target_date,
        created_by=by,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by,
    status: str,
    autonomy: str = "",
    note: str = "",
    duration_minutes: int = 0,
    site=None,
    date: dt.date | None = None,
    record_activity: bool = True,
) -> GoalUpdate:
    """Move a goal forward (or back): its history row and one Activity, in one transaction.

    `record_activity=False` when the step is already counted by another Activity (an assisted
    procedure that served the goal)."""
    goal = Goal.objects.select_for_update(of=("self",)).select_related("person").get(pk=goal.pk)
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Choisissez un état.")})
    update = GoalUpdate(
        goal=goal,
        by=by,
        status=status,
        autonomy=autonomy,
        note=note,
        duration_minutes=duration_minutes,
        date=date or timezone.localdate(),
    )
    update.full_clean()
    update.save()
    goal.status = status
    if autonomy:
        goal.autonomy = autonomy
    goal.save(update_fields=["status", "autonomy", "updated_at"])
    if not record_activity:
        return update
    activity_record(
        activity=activities.goal_step(
            update=update,
            goal=goal,
            organisation_id=goal.person.organisation_id,
            site_id=site.pk if site is not None else None,
        )
    )
    return update


@transaction.atomic
def pix_results_record(*, campaign, participants, organisation, staff) -> int:
    """A diagnostic per participant from their Pix levels (people/pix.py): the domains fed
    by the competences, each question of a domain at the domain's score. Not an
    accompaniment (no Activity): the person took Pix on their own. Returns how many."""

    chosen = pix.mapping(organisation)
    questions: dict[int, list[SkillQuestion]] = {}
    for question in SkillQuestion.objects.active().filter(area__organisation=organisation):
        questions.setdefault(question.area_id, []).append(question)
    created = 0
    for participant in participants:
        scores = pix.area_scores(participant.levels, chosen)
        if not scores or participant.problem:
            continue
        person = Person.objects.get(organisation=organisation, pk=participant.person_pk)
        levels = ", ".join(
            f"{code} : {level}" for code, level in sorted(participant.levels.items())
        )
        assessment = SkillAssessment(
            person=person,
            staff=staff,
            assessed_on=participant.shared_on or timezone.localdate(),
            duration_minutes=0,
            comment=(
                _("Pix, campagne %(name)s — niveaux %(levels)s")
                % {
                    "name": campaign.name or campaign.reference,
                    "levels": levels,
                }
            )[:500],
            source=AssessmentSource.PIX,
            reference=f"pix:{campaign.reference}:{participant.identifier}"[:100],
        )
        assessment.full_clean()
        assessment.save()
        SkillAnswer.objects.bulk_create(
            SkillAnswer(assessment=assessment, question=question, score=score)
            for area, score in scores.items()
            for question in questions.get(area.pk, [])
        )
        created += 1
    return created


@transaction.atomic
def pix_mapping_save(*, organisation, choices: dict[str, SkillArea | None]) -> None:
    """The domain each Pix competence feeds (None: not imported)."""
    for code, area in choices.items():
        if area is not None and area.organisation_id != organisation.pk:
            raise ValidationError(_("Ce domaine n'est pas dans votre diagnostic."))
        PixMapping.objects.update_or_create(
            organisation=organisation, competence=code, defaults={"area": area}
        )


@transaction.atomic
def imported_assessments_merge(*, survivor, duplicate) -> int:
    """Before two files are merged: the same Pix results imported on both files are kept
    once (the survivor's). Returns how many copies were removed."""
    references = SkillAssessment.objects.filter(person=survivor).exclude(reference="")
    copies = SkillAssessment.objects.filter(
        person=duplicate, reference__in=references.values("reference")
    )
    _total, by_model = copies.delete()
    return by_model.get(SkillAssessment._meta.label, 0)
