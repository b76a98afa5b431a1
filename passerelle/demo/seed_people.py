"""Demo digital paths: diagnostics (some repeated, showing progress) and goals.

Written in bulk for volume; the same rows the services write (answers, goal history and one
Activity each, linked to its source).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passerelle.accounts.enums import Role
from passerelle.core import enums as core_enums
from passerelle.core.models import Activity
from passerelle.people import activities
from passerelle.people import enums as people_enums
from passerelle.people.models import (
    Goal,
    GoalTemplate,
    GoalUpdate,
    Person,
    SkillAnswer,
    SkillAssessment,
    SkillQuestion,
)
from passerelle.people.services_pathway import (
    assessment_create,
    goal_create,
    goal_update,
    questionnaire_install_default,
)

BATCH = 2000
DIAGNOSED_SHARE = 0.3
REPEATED_SHARE = 0.35
WITH_GOALS_SHARE = 0.25


def seed_digital_paths(*, organisation, staff, roster, rng: random.Random, today) -> None:
    questionnaire_install_default(organisation=organisation)
    helpers = [u for u in staff if u.role in (Role.MEDIATOR, Role.VOLUNTEER, Role.SOCIAL_WORKER)]
    _seed_persona_paths(organisation, helpers, today)
    questions = list(SkillQuestion.objects.filter(area__organisation=organisation))
    templates = list(GoalTemplate.objects.filter(organisation=organisation))
    people = dict(Person.objects.filter(pk__in=list(roster)).values_list("pk", "home_site_id"))
    _bulk_assessments(organisation, helpers, people, questions, rng, today, roster)
    _bulk_goals(organisation, helpers, people, templates, rng, today, roster)


def _seed_persona_paths(organisation, helpers, today) -> None:
    """Josiane: two diagnostics three months apart, and goals moving forward."""
    josiane = Person.objects.get(organisation=organisation, first_name="Josiane")
    mediator = next(u for u in helpers if u.role == Role.MEDIATOR)
    questions = list(SkillQuestion.objects.filter(area__organisation=organisation))
    first = {q.pk: (0 if i % 3 else 1) for i, q in enumerate(questions)}
    second = {
        q.pk: min(score + 1 + (i % 2), 3)
        for i, (q, score) in enumerate(zip(questions, first.values(), strict=True))
    }
    assessment_create(
        person=josiane,
        staff=mediator,
        answers=first,
        site=josiane.home_site,
        assessed_on=today - dt.timedelta(days=95),
    )
    assessment_create(
        person=josiane,
        staff=mediator,
        answers=second,
        site=josiane.home_site,
        assessed_on=today - dt.timedelta(days=5),
    )
    templates = {t.title: t for t in GoalTemplate.objects.filter(organisation=organisation)}
    email = goal_create(person=josiane, by=mediator, template=templates["Créer une adresse e-mail"])
    goal_update(
        goal=email,
        by=mediator,
        status=people_enums.GoalStatus.ACHIEVED,
        autonomy=core_enums.Autonomy.AUTONOMOUS,
        duration_minutes=45,
        site=josiane.home_site,
        date=today - dt.timedelta(days=60),
        note="Adresse créée et testée avec sa fille.",
    )
    ameli = goal_create(
        person=josiane,
        by=mediator,
        template=templates["Consulter son compte ameli"],
        target_date=today + dt.timedelta(days=30),
    )
    goal_update(
        goal=ameli,
        by=mediator,
        status=people_enums.GoalStatus.IN_PROGRESS,
        autonomy=core_enums.Autonomy.GUIDED,
        duration_minutes=30,
        site=josiane.home_site,
        date=today - dt.timedelta(days=5),
    )


def _bulk_assessments(organisation, helpers, people, questions, rng, today, roster) -> None:
    plan = []  # (person_id, site_id, date, base level)
    for person_id, site_id in people.items():
        if rng.random() >= DIAGNOSED_SHARE:
            continue
        # The first diagnostic, in the weeks after the person came.
        day = min(roster.arrival[person_id] + dt.timedelta(days=rng.randint(0, 60)), today)
        level = rng.random() * 0.6
        plan.append((person_id, site_id, day, level))
        if rng.random() < REPEATED_SHARE:
            for _ in range(rng.choice([1, 1, 2])):
                day = min(day + dt.timedelta(days=rng.randint(60, 180)), today)
                level = min(level + rng.uniform(0.05, 0.3), 1.0)
                plan.append((person_id, site_id, day, level))
    for start in range(0, len(plan), BATCH):
        chunk = plan[start : start + BATCH]
        assessments = SkillAssessment.objects.bulk_create(
            SkillAssessment(
                person_id=person_id,
                site_id=site_id,
                assessed_on=day,
                staff=rng.choice(helpers),
                duration_minutes=rng.choice([10, 15, 15, 20]),
            )
            for person_id, site_id, day, _ in chunk
        )
        SkillAnswer.objects.bulk_create(
            (
                SkillAnswer(
                    assessment=assessment,
                    question=question,
                    score=max(0, min(3, round(level * 3 + rng.uniform(-0.8, 0.8)))),
                )
                for assessment, (_, _, _, level) in zip(assessments, chunk, strict=True)
                for question in questions
            ),
            batch_size=BATCH,
        )
        Activity.objects.bulk_create(
            activities.diagnostic(assessment=a, organisation_id=organisation.pk)
            for a in assessments
        )


def _bulk_goals(organisation, helpers, people, templates, rng, today, roster) -> None:
    goals = []
    for person_id in people:
        if rng.random() >= WITH_GOALS_SHARE:
            continue
        for template in rng.sample(templates, rng.choice([1, 1, 2, 3])):
            status = rng.choices(list(people_enums.GoalStatus.values), weights=[25, 40, 30, 5])[0]
            goals.append(
                Goal(
                    person_id=person_id,
                    template=template,
                    title=template.title,
                    theme=template.theme,
                    status=status,
                    created_by=rng.choice(helpers),
                    autonomy=_autonomy_for(status, rng),
                    target_date=today + dt.timedelta(days=rng.randint(-60, 120)),
                )
            )
    goals = Goal.objects.bulk_create(goals, batch_size=BATCH)
    moving = [g for g in goals if g.status != people_enums.GoalStatus.TODO]
    updates = GoalUpdate.objects.bulk_create(
        (
            GoalUpdate(
                goal=goal,
                by=goal.created_by,
                status=goal.status,
                autonomy=goal.autonomy,
                duration_minutes=rng.choice([0, 15, 30, 45]),
                date=roster.day_for(rng, goal.person_id, today),
                created_at=timezone.now(),
            )
            for goal in moving
        ),
        batch_size=BATCH,
    )
    sites = dict(people)
    Activity.objects.bulk_create(
        (
            activities.goal_step(
                update=u,
                goal=u.goal,
                organisation_id=organisation.pk,
                site_id=sites[u.goal.person_id],
            )
            for u in updates
        ),
        batch_size=BATCH,
    )


def _autonomy_for(status: str, rng) -> str:
    if status == people_enums.GoalStatus.TODO:
        return ""
    if status == people_enums.GoalStatus.ACHIEVED:
        return rng.choice(
            [core_enums.Autonomy.AUTONOMOUS_WITH_HELP, core_enums.Autonomy.AUTONOMOUS]
        )
    return rng.choice(core_enums.Autonomy.values)
