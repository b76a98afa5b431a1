"""Reads on people's files: search, duplicates, diagnostic results, timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from passerelle.accounts import permissions
from passerelle.core.enums import HEALTH_WORDS, ActivityKind
from passerelle.core.models import Activity, AuditEntry, Site
from passerelle.people import extensions
from passerelle.people.enums import SkillLevel
from passerelle.people.models import (
    Note,
    PeopleImport,
    Person,
    ProgrammeMembership,
    SkillAnswer,
    SkillArea,
    SkillAssessment,
)
from passerelle.people.search import name_key, name_words

SEARCH_LIMIT = 20
# What a result of the search page shows (people/person_list.html).
SEARCH_RESULT_FIELDS = ("first_name", "last_name", "birth_date", "phone", "commune")
TIMELINE_PAGE = 15
# Volunteers see the digital path only: no social appointment, no note.
DIGITAL_PATH_KINDS = [
    ActivityKind.DIAGNOSTIC,
    ActivityKind.GOAL_UPDATE,
    ActivityKind.WORKSHOP,
    ActivityKind.ROOM_SESSION,
]


def activity_site(*, user, person) -> Site | None:
    """Where an activity with this person happens: their usual site if the user works
    there, otherwise the user's first site."""
    sites = Site.objects.visible_to(user)
    if person.home_site_id and sites.filter(pk=person.home_site_id).exists():
        return person.home_site
    return sites.first()


def search_people(*, user, query: str, fields=None) -> tuple[list[Person], bool]:
    """At most SEARCH_LIMIT people, and whether there are more (then: refine the search).

    Two steps: the ids from the covering index (organisation, is_anonymised, search_text),
    then the rows themselves; scanning the wide rows of 40,000 people is three times slower.
    `fields`: only those columns, when the caller shows only them (the search page).
    """
    ids = list(
        Person.objects.visible_to(user)
        .search(query)
        .values_list("pk", flat=True)[: SEARCH_LIMIT + 1]
    )
    rows = Person.objects.only(*fields) if fields else Person.objects.all()
    by_pk = rows.in_bulk(ids[:SEARCH_LIMIT])
    return [by_pk[pk] for pk in ids[:SEARCH_LIMIT]], len(ids) > SEARCH_LIMIT


def likely_duplicates(
    *, organisation, first_name: str, last_name: str, birth_date=None, phone=None, exclude=None
) -> list[Person]:
    """Same names (accents and order ignored) with a compatible birth date, or same phone."""
    same_names = Q(name_key=name_key(first_name, last_name))
    if birth_date is not None:
        same_names &= Q(birth_date=birth_date) | Q(birth_date__isnull=True)
    match = same_names
    if phone:
        match |= Q(phone=phone)
    qs = Person.objects.filter(match, organisation=organisation, is_anonymised=False)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs[:10])


# --- Diagnostic ------------------------------------------------------------------------


def level_for(percent: float) -> SkillLevel:
    if percent < 34:
        return SkillLevel.DISCOVER
    if percent < 67:
        return SkillLevel.PROGRESSING
    return SkillLevel.COMFORTABLE


@dataclass
class AreaResult:
    area: SkillArea
    percent: float
    level: SkillLevel = field(init=False)

    def __post_init__(self):
        self.level = level_for(self.percent)


@dataclass
class AssessmentResult:
    assessment: SkillAssessment
    areas: list[AreaResult]
    overall: float

    @property
    def level(self) -> SkillLevel:
        return level_for(self.overall)

    def weakest_first(self) -> list[AreaResult]:
        return sorted(self.areas, key=lambda r: (r.percent, r.area.position))


def assessment_results(assessments: list[SkillAssessment]) -> list[AssessmentResult]:
    """Score per area (0-100 %) and overall, for several assessments in two queries."""
    if not assessments:
        return []
    answers = SkillAnswer.objects.filter(assessment__in=assessments).select_related(
        "question__area"
    )
    sums: dict[int, dict[int, list[int]]] = {a.pk: {} for a in assessments}
    areas: dict[int, SkillArea] = {}
    for answer in answers:
        area = answer.question.area
        areas[area.pk] = area
        sums[answer.assessment_id].setdefault(area.pk, []).append(answer.score)
    results = []
    for assessment in assessments:
        per_area = sums[assessment.pk]
        area_results = [
            AreaResult(area=areas[area_id], percent=100 * sum(scores) / (3 * len(scores)))
            for area_id, scores in sorted(per_area.items(), key=lambda i: areas[i[0]].position)
        ]
        all_scores = [s for scores in per_area.values() for s in scores]
        overall = 100 * sum(all_scores) / (3 * len(all_scores)) if all_scores else 0
        results.append(AssessmentResult(assessment, area_results, overall))
    return results


def person_assessments(person: Person) -> list[AssessmentResult]:
    """Oldest first, for progress over time."""
    assessments = list(person.assessments.select_related("staff").order_by("assessed_on", "pk"))
    return assessment_results(assessments)


def suggestions_for(person: Person, result: AssessmentResult | None) -> list:
    """What other apps suggest after a diagnostic (`extensions.register_suggestion_provider`)."""
    if result is None:
        return []
    weakest = [r for r in result.weakest_first() if r.level != SkillLevel.COMFORTABLE]
    return [
        item for provider in extensions.SUGGESTION_PROVIDERS for item in provider(person, weakest)
    ]


def has_consent(*, person: Person, scope: str) -> bool:
    return person.consents.active().filter(scope=scope).exists()


# --- What the notifications app may know of a person -----------------------------------------


@dataclass(frozen=True)
class Contact:
    """A person as the notifications app sees them: plain values, nothing else of the file."""

    person_id: int
    organisation_id: int
    first_name: str
    phone: str
    email: str
    language: str
    anonymised: bool
    consents: frozenset[str]

    def agrees_to(self, scope: str) -> bool:
        return scope in self.consents


def contact_for(person: Person) -> Contact:
    """The contact details and the active consents of one person (one query)."""
    return Contact(
        person_id=person.pk,
        organisation_id=person.organisation_id,
        first_name=person.first_name,
        phone=str(person.phone or ""),
        email=person.email or "",
        language=person.preferred_language or "fr",
        anonymised=person.is_anonymised,
        consents=frozenset(person.consents.active().values_list("scope", flat=True)),
    )


def people_with_phone(number: str) -> list[Person]:
    """Every file (all organisations) with this phone number in E.164, e.g. for a STOP reply."""
    return list(Person.objects.filter(phone=number, is_anonymised=False))


# --- Timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    created_at: dt.datetime
    kind: str  # an ActivityKind value, or "note"
    pk: int
    obj: object

    @property
    def sort_key(self):
        return (self.date, self.created_at, self.kind, self.pk)

    @property
    def cursor(self) -> str:
        return f"{self.date.isoformat()}|{self.created_at.isoformat()}|{self.kind}|{self.pk}"


def parse_cursor(raw: str | None):
    if not raw:
        return None
    try:
        day, created, kind, pk = raw.split("|")
        return (dt.date.fromisoformat(day), dt.datetime.fromisoformat(created), kind, int(pk))
    except ValueError:
        return None


def _before(cursor, kind: str) -> Q:
    """Rows strictly older than the cursor in (date, created_at, kind, pk) order."""
    day, created, cursor_kind, pk = cursor
    older = Q(date__lt=day) | Q(date=day, created_at__lt=created)
    if kind < cursor_kind:
        older |= Q(date=day, created_at=created)
    elif kind == cursor_kind:
        older |= Q(date=day, created_at=created, pk__lt=pk)
    return older


def timeline_kinds_for(user) -> list[str]:
    if permissions.can_view_full_profile(user):
        return [*ActivityKind.values, "note"]
    return list(DIGITAL_PATH_KINDS)


def timeline_page(*, person: Person, user, kind: str = "", cursor: str | None = None):
    """One page of activities and notes, newest first, and the cursor of the next page."""
    allowed = timeline_kinds_for(user)
    kinds = [kind] if kind in allowed else allowed
    position = parse_cursor(cursor)
    items: list[TimelineItem] = []
    activity_kinds = [k for k in kinds if k != "note"]
    if activity_kinds:
        activities = Activity.objects.filter(person=person, kind__in=activity_kinds)
        if not permissions.can_see_health_data(user):
            for word in HEALTH_WORDS:  # an AAH procedure or deadline: health data
                activities = activities.exclude(label__contains=word)
        if position:
            activities = activities.filter(
                Q(kind__in=activity_kinds) & _before_any_kind(position, activity_kinds)
            )
        items += [
            TimelineItem(a.date, a.created_at, a.kind, a.pk, a)
            for a in activities.select_related("staff", "site").order_by(
                "-date", "-created_at", "-pk"
            )[: TIMELINE_PAGE + 1]
        ]
    if "note" in kinds:
        notes = Note.objects.visible_to(user).filter(person=person)
        if position:
            notes = notes.filter(_before(position, "note"))
        items += [
            TimelineItem(n.date, n.created_at, "note", n.pk, n)
            for n in notes.select_related("author").order_by("-date", "-created_at", "-pk")[
                : TIMELINE_PAGE + 1
            ]
        ]
    items.sort(key=lambda item: item.sort_key, reverse=True)
    page = items[:TIMELINE_PAGE]
    next_cursor = page[-1].cursor if len(items) > TIMELINE_PAGE else None
    return page, next_cursor


def _before_any_kind(position, kinds: list[str]) -> Q:
    """Activities of several kinds: each kind compares with the cursor on its own."""
    condition = Q(pk__in=[])
    for kind in kinds:
        condition |= Q(kind=kind) & _before(position, kind)
    return condition


def access_log_for(*, person: Person, user, limit: int = 20) -> list[AuditEntry]:
    """Who opened or changed this file, newest first: for managers."""
    if not permissions.can_view_audit_journal(user):
        return []
    return list(
        AuditEntry.objects.visible_to(user)
        .filter(person_id=person.pk)
        .select_related("actor")[:limit]
    )


IMPORT_BATCH = 1000


def import_undo_blockers(batch: PeopleImport) -> list[int]:
    """The files the import created that something was added to since (an activity, a note,
    an edit…): the import cannot be undone while they exist."""
    ids = batch.created_ids
    touched: set[int] = set()
    margin = batch.imported_at + dt.timedelta(minutes=1) if batch.imported_at else None
    for start in range(0, len(ids), IMPORT_BATCH):
        chunk = ids[start : start + IMPORT_BATCH]
        if margin:
            touched |= set(
                Person.objects.filter(pk__in=chunk, updated_at__gt=margin).values_list(
                    "pk", flat=True
                )
            )
        for relation in Person._meta.related_objects:
            model = relation.related_model
            if model is ProgrammeMembership:
                continue
            touched |= set(
                model._base_manager.filter(**{f"{relation.field.name}__in": chunk}).values_list(
                    relation.field.name, flat=True
                )
            )
    return sorted(touched)


def kiosk_person(*, organisation_id: int, first_name: str, birth_date) -> Person | None:
    """The one file of this structure with this birth date and this first name (accents and
    case aside), for the kiosk; None when there is none or more than one."""
    wanted = " ".join(name_words(first_name))
    if not wanted or birth_date is None:
        return None
    found = [
        person
        for person in Person.objects.filter(
            organisation_id=organisation_id,
            birth_date=birth_date,
            birth_year_only=False,
            is_anonymised=False,
        )[:50]
        if " ".join(name_words(person.first_name)) == wanted
    ]
    return found[0] if len(found) == 1 else None
