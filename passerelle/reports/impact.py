"""Is the support working? For people measured at least twice in the period: their first
and latest autonomy level per procedure category, and their first and latest diagnostic
score per skills area.

Pairing first and latest is one grouped query: each measure gets a sortable key, date then
id then value ("2026-03-09" + "1000000012345" + "autonome"); MIN and MAX of that key per
person and category are the first and the latest measures, and the value is read back from
the key. No window function: a grouped scan of a covering index is four times faster."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, CharField, Count, F, Max, Min, QuerySet, Value
from django.db.models.functions import Cast, Concat

from passerelle.core import enums
from passerelle.people.models import SkillAnswer, SkillArea, SkillAssessment
from passerelle.reports.forms import Scope
from passerelle.reports.selectors import activities

AUTONOMY_RANKS = {value: rank for rank, value in enumerate(enums.Autonomy.values)}
TOP_RANK = len(enums.Autonomy.values) - 1
# Ten characters of ISO date, then the id on thirteen digits (ids below 9·10¹²).
DATE_WIDTH, ID_WIDTH, ID_OFFSET = 10, 13, 10**12


def _key(date_field: str, *tail) -> Concat:
    return Concat(
        Cast(date_field, CharField()),
        Cast(F("id") + Value(ID_OFFSET), CharField()),
        *tail,
        output_field=CharField(),
    )


def _first_and_latest(qs: QuerySet, group: list[str], key: Concat) -> QuerySet:
    return (
        qs.annotate(key=key)
        .values(*group)
        .annotate(first=Min("key"), latest=Max("key"), measures=Count("id"))
        .filter(measures__gte=2)
        .order_by()
        .values_list(*group, "first", "latest")
    )


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


def autonomy_progress(scope: Scope) -> list[Progress]:
    measures = (
        activities(scope)
        .filter(kind=enums.ActivityKind.ASSISTED_PROCEDURE, person__isnull=False)
        .exclude(autonomy="")
    )
    groups: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0])  # people, first, latest, up
    start = DATE_WIDTH + ID_WIDTH
    for _person, category, first_key, latest_key in _first_and_latest(
        measures, ["person_id", "admin_procedure_theme"], _key("date", "autonomy")
    ):
        first, latest = (
            AUTONOMY_RANKS.get(first_key[start:], 0),
            AUTONOMY_RANKS.get(latest_key[start:], 0),
        )
        group = groups[category]
        group[0] += 1
        group[1] += first
        group[2] += latest
        group[3] += latest > first
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
    pairs = [
        (int(first[DATE_WIDTH:]) - ID_OFFSET, int(latest[DATE_WIDTH:]) - ID_OFFSET)
        for _person, first, latest in _first_and_latest(
            assessments, ["person_id"], _key("assessed_on")
        )
    ]
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
