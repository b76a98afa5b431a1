"""Is the support working? For people measured at least twice in the period: their first
and latest autonomy level per procedure category, and their first and latest diagnostic
score per skills area. Window functions (SQLite ≥ 3.25 and PostgreSQL) do the pairing in
the database: one query each, whatever the volume."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, F

from passerelle.core import enums
from passerelle.people.models import SkillAnswer, SkillArea, SkillAssessment
from passerelle.reports.forms import Scope
from passerelle.reports.selectors import activities

AUTONOMY_RANKS = {value: rank for rank, value in enumerate(enums.Autonomy.values)}
TOP_RANK = len(enums.Autonomy.values) - 1
WHOLE = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"


@dataclass
class Progress:
    label: str
    people: int
    first: float  # 0-100
    latest: float
    improved: int

    @property
    def improved_percent(self) -> int:
        return round(100 * self.improved / self.people) if self.people else 0


def _first_and_latest(sql: str, params, partition: str, value: str) -> list[tuple]:
    # One window, one sort: the whole partition is the frame for the latest and the count.
    wrapped = f"""
        SELECT cat, first_value, latest_value, COUNT(*) FROM (
            SELECT t.{partition} AS cat,
                FIRST_VALUE(t.{value}) OVER w AS first_value,
                LAST_VALUE(t.{value}) OVER (w {WHOLE}) AS latest_value,
                COUNT(*) OVER (w {WHOLE}) AS measures,
                ROW_NUMBER() OVER w AS position
            FROM ({sql}) t
            WINDOW w AS (PARTITION BY t.person_id, t.{partition} ORDER BY t.day, t.id)
        ) x
        WHERE position = 1 AND measures >= 2
        GROUP BY cat, first_value, latest_value
    """
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        return cursor.fetchall()


def autonomy_progress(scope: Scope) -> list[Progress]:
    base = (
        activities(scope)
        .filter(kind=enums.ActivityKind.ASSISTED_PROCEDURE, person__isnull=False)
        .exclude(autonomy="")
        .annotate(day=F("date"))
        .values("person_id", "admin_procedure_theme", "autonomy", "day", "id")
    )
    sql, params = base.query.sql_with_params()
    groups: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0])  # people, first, latest, up
    for category, first, latest, people in _first_and_latest(
        sql, params, "admin_procedure_theme", "autonomy"
    ):
        group = groups[category]
        group[0] += people
        group[1] += AUTONOMY_RANKS.get(first, 0) * people
        group[2] += AUTONOMY_RANKS.get(latest, 0) * people
        if AUTONOMY_RANKS.get(latest, 0) > AUTONOMY_RANKS.get(first, 0):
            group[3] += people
    labels = dict(enums.AdminProcedureTheme.choices)
    return sorted(
        (
            Progress(
                label=str(labels.get(category, "Non précisé")),
                people=people,
                first=round(100 * first / (TOP_RANK * people)),
                latest=round(100 * latest / (TOP_RANK * people)),
                improved=up,
            )
            for category, (people, first, latest, up) in groups.items()
        ),
        key=lambda p: -p.people,
    )


def diagnostic_progress(scope: Scope) -> list[Progress]:
    assessments = SkillAssessment.objects.filter(
        person__organisation_id=scope.organisation_id,
        assessed_on__gte=scope.start,
        assessed_on__lte=scope.end,
    )
    if scope.site_ids is not None:
        assessments = assessments.filter(site_id__in=scope.site_ids)
    if scope.staff_id:
        assessments = assessments.filter(staff_id=scope.staff_id)
    base = assessments.annotate(day=F("assessed_on")).values("person_id", "id", "day")
    sql, params = base.query.sql_with_params()
    wrapped = f"""
        SELECT first_id, latest_id FROM (
            SELECT FIRST_VALUE(t.id) OVER w AS first_id,
                LAST_VALUE(t.id) OVER (w {WHOLE}) AS latest_id,
                COUNT(*) OVER (w {WHOLE}) AS measures,
                ROW_NUMBER() OVER w AS position
            FROM ({sql}) t
            WINDOW w AS (PARTITION BY t.person_id ORDER BY t.day, t.id)
        ) x
        WHERE position = 1 AND measures >= 2
    """
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        pairs = cursor.fetchall()
    if not pairs:
        return []
    ids = {i for pair in pairs for i in pair}
    scores: dict[tuple[int, int], float] = {
        (assessment, area): average
        for assessment, area, average in SkillAnswer.objects.filter(assessment_id__in=ids)
        .values("assessment_id", "question__area_id")
        .annotate(average=Avg("score"))
        .values_list("assessment_id", "question__area_id", "average")
    }
    areas = {a.pk: a for a in SkillArea.objects.filter(pk__in={k[1] for k in scores})}
    groups: dict[int, list] = defaultdict(lambda: [0, 0.0, 0.0, 0])
    for first_id, latest_id in pairs:
        for area_id in areas:
            first, latest = scores.get((first_id, area_id)), scores.get((latest_id, area_id))
            if first is None or latest is None:
                continue
            group = groups[area_id]
            group[0] += 1
            group[1] += first
            group[2] += latest
            group[3] += latest > first
    return [
        Progress(
            label=areas[area_id].name,
            people=people,
            first=round(100 * first / (3 * people)),
            latest=round(100 * latest / (3 * people)),
            improved=up,
        )
        for area_id, (people, first, latest, up) in sorted(
            groups.items(), key=lambda item: areas[item[0]].position
        )
    ]
