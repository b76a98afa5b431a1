"""The dashboard's figures: aggregate queries over `Activity` (one indexed table) and the
profile of the people it names; rates that need what did not happen (no-shows, empty
seats, waits) come from each app's `report_figures`. Every function takes a `Scope` and
runs a fixed number of queries, whatever the volume."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from passerelle.appointments.selectors import report_figures as appointment_figures
from passerelle.core import enums
from passerelle.core.models import Activity
from passerelle.equipment.selectors import report_figures as equipment_figures
from passerelle.people import enums as people_enums
from passerelle.people.models import Person, ProgrammeMembership
from passerelle.procedures.enums import Outcome
from passerelle.procedures.selectors import report_outcomes
from passerelle.reports import summary
from passerelle.reports.forms import Scope
from passerelle.reports.models import ActivityDay
from passerelle.room.selectors import print_figures
from passerelle.room.selectors import report_capacity as room_capacity
from passerelle.workshops.selectors import report_figures as workshop_figures


def activities(scope: Scope) -> QuerySet:
    qs = Activity.objects.filter(date__gte=scope.start, date__lte=scope.end)
    if scope.site_ids is not None:
        # The form offers only the organisation's sites: the site index alone answers.
        qs = qs.filter(site_id__in=scope.site_ids)
    else:
        qs = qs.filter(organisation_id=scope.organisation_id)
    if scope.staff_id:
        qs = qs.filter(staff_id=scope.staff_id)
    if scope.programme:
        qs = qs.filter(person_id__in=_programme_members(scope))
    return qs


def _programme_memberships(scope: Scope) -> QuerySet:
    """Memberships that overlap the period."""
    return ProgrammeMembership.objects.filter(start_date__lte=scope.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=scope.start)
    )


def _programme_members(scope: Scope) -> QuerySet:
    return _programme_memberships(scope).filter(programme=scope.programme).values("person_id")


@dataclass
class Compared:
    """A figure and the same figure over the previous period."""

    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.value is None or not self.previous:
            return None
        return round(100 * (self.value - self.previous) / self.previous)


@dataclass
class Breakdowns:
    """The period's activities summed three ways, each a small grouped query."""

    by_date: list[dict]  # date, n, minutes, anonymous
    by_kind_theme: list[dict]  # kind, theme, n, minutes
    procedures: list[dict]  # admin_procedure_theme, autonomy, n


def breakdowns(scope: Scope) -> Breakdowns:
    """From the `ActivityDay` summary; from `Activity` itself when filtering by staff member
    or programme (neither is in the summary)."""
    if scope.programme or scope.staff_id:
        rows = activities(scope)
        count, minutes, anonymous = (
            Count("id"),
            Sum("duration_minutes"),
            Sum("anonymous_count"),
        )
    else:
        summary.ensure_fresh(scope.organisation_id)
        rows = ActivityDay.objects.filter(date__gte=scope.start, date__lte=scope.end)
        if scope.site_ids is not None:
            rows = rows.filter(site_id__in=scope.site_ids)
        else:
            rows = rows.filter(organisation_id=scope.organisation_id)
        count, minutes, anonymous = Sum("activities"), Sum("minutes"), Sum("anonymous")
    return Breakdowns(
        by_date=list(
            rows.values("date").annotate(n=count, minutes=minutes, anonymous=anonymous).order_by()
        ),
        by_kind_theme=list(
            rows.values("kind", "theme").annotate(n=count, minutes=minutes).order_by()
        ),
        procedures=list(
            rows.filter(kind=enums.ActivityKind.ASSISTED_PROCEDURE)
            .values("admin_procedure_theme", "autonomy")
            .annotate(n=count)
            .order_by()
        ),
    )


def _own_activities(scope: Scope) -> QuerySet:
    """The period's activities of the person of the outer query."""
    own = Activity.objects.filter(
        person_id=OuterRef("pk"), date__gte=scope.start, date__lte=scope.end
    )
    if scope.site_ids is not None:
        own = own.filter(site_id__in=scope.site_ids)
    if scope.staff_id:
        own = own.filter(staff_id=scope.staff_id)
    return own


def reached(scope: Scope) -> QuerySet:
    """The people of the period's activities. For the whole organisation, asked person by
    person (`EXISTS` on the index (person, date)): 40,000 index seeks cost less than reading
    a million index entries to collect the distinct ids of five years. For some sites, the
    other way round: their activities of the period, read in the index (site, date, person),
    name fewer people than the organisation has (a site's year: 98,000 entries for 13,000
    people, a third less time than 40,000 seeks)."""
    people = Person.objects.filter(organisation_id=scope.organisation_id)
    if scope.site_ids is not None:
        own = Activity.objects.filter(
            site_id__in=scope.site_ids, date__gte=scope.start, date__lte=scope.end
        )
        if scope.staff_id:
            own = own.filter(staff_id=scope.staff_id)
        people = people.filter(pk__in=own.values("person_id"))
    else:
        people = people.filter(Exists(_own_activities(scope)))
    if scope.programme:
        people = people.filter(pk__in=_programme_members(scope))
    return people.order_by()


def _earlier_activity(scope: Scope) -> Exists:
    return Exists(
        # A person's activities are all their organisation's: (person, date) answers alone.
        Activity.objects.filter(person_id=OuterRef("pk"), date__lt=scope.start)
    )


def totals(scope: Scope, parts: Breakdowns, people: tuple[int, int] | None = None) -> dict:
    """`people`: (reached, new) when already counted with the profile."""
    if people is None:
        counted = (
            reached(scope)
            .annotate(seen_before=_earlier_activity(scope))
            .aggregate(n=Count("pk"), new=Count("pk", filter=Q(seen_before=False)))
        )
        people = (counted["n"], counted["new"])
    reached_count, new_count = people
    return {
        "activities": sum(row["n"] for row in parts.by_date),
        "anonymous": sum(row["anonymous"] or 0 for row in parts.by_date),
        "hours": round(sum(row["minutes"] or 0 for row in parts.by_date) / 60),
        "people": reached_count,
        "new_people": new_count,
    }


def count_by(rows: list[dict], field: str) -> dict[str, int]:
    counts: Counter = Counter()
    for row in rows:
        counts[row[field]] += row["n"]
    return dict(counts)


def by_field(qs: QuerySet, field: str) -> dict[str, int]:
    return dict(qs.values(field).annotate(n=Count("id")).values_list(field, "n"))


def _labelled(counts: dict, previous: dict, choices) -> list[dict]:
    labels = dict(choices)
    keys = [k for k in labels if counts.get(k) or previous.get(k)]
    return [
        {
            "key": key,
            "label": labels[key],
            "value": counts.get(key, 0),
            "previous": previous.get(key, 0),
        }
        for key in keys
    ]


def monthly(rows: list[dict]) -> list[tuple[dt.date, int, int]]:
    """(first day of the month, activities, hours), in order."""
    months: dict[dt.date, list[int]] = {}
    for row in rows:
        month = months.setdefault(row["date"].replace(day=1), [0, 0])
        month[0] += row["n"]
        month[1] += row["minutes"] or 0
    return [(month, n, round(minutes / 60)) for month, (n, minutes) in sorted(months.items())]


def weekday_by_month(rows: list[dict]) -> dict[tuple[dt.date, int], int]:
    """{(first day of the month, ISO weekday 1-7): activities}."""
    counts: Counter = Counter()
    for row in rows:
        counts[(row["date"].replace(day=1), row["date"].isoweekday())] += row["n"]
    return dict(counts)


def _raw(queryset: QuerySet) -> Iterator[tuple]:
    """The rows as the database driver gives them, without Django's converters (on SQLite
    they turn every date and boolean of 40,000 rows into Python objects one by one)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            yield from batch


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


PROFILE_KEYS = (
    "age_band",
    "gender",
    "employment_status",
    "education_level",
    "income_situation",
    "household",
    "equipment",
    "commune",
    "programme",
)


def _band_value(birth: str | None, day: str) -> str:
    """The age band on `day` of someone born on `birth`, both ISO dates as text (the query
    hands them over as text: no date object is made for 40,000 rows)."""
    if birth is None:
        return _UNKNOWN_AGE
    age = int(day[:4]) - int(birth[:4]) - (day[5:10] < birth[5:10])
    for lower_bound, band in _AGE_BANDS:
        if age >= lower_bound:
            return band
    return _UNKNOWN_AGE


_AGE_BANDS = [(lower_bound, band.value) for lower_bound, band in enums.AGE_BAND_LOWER_BOUNDS]
_UNKNOWN_AGE = enums.AgeBand.UNKNOWN.value


# Each programme a bit, so that one number per person says which they were in.
PROGRAMME_BITS = {programme: 1 << index for index, programme in enumerate(people_enums.Programme)}


def _programmes(scope: Scope) -> Subquery:
    """The programmes the person of the outer query was in during the period, as the sum of
    their bits (one index seek a person, where matching every membership of the organisation
    with the people reached read three times as many rows)."""
    bits = Case(
        *[When(programme=programme, then=Value(bit)) for programme, bit in PROGRAMME_BITS.items()],
        default=Value(0),
    )
    return Subquery(
        _programme_memberships(scope)
        .filter(person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(bits=Sum(bits, distinct=True))
        .values("bits")
    )


def profile(scope: Scope) -> tuple[dict[str, Counter], int, int]:
    """Who was reached, one row per person counted here (40,000 at most); also how many
    people and how many new (never seen before the period)."""
    # The age band is the person's at their latest activity of the period: the age when
    # they were helped, which an anonymised file keeps exactly (privacy.anonymise).
    latest = _own_activities(scope).order_by("-date").values("date")[:1]
    as_text = CharField()
    rows = list(
        _raw(
            reached(scope)
            .annotate(seen_before=_earlier_activity(scope))
            .annotate(last_seen=Cast(Subquery(latest), as_text))
            .annotate(born=Cast("birth_date", as_text))
            .annotate(programme_bits=_programmes(scope))
            .values_list(
                "born",
                "last_seen",
                "gender",
                "employment_status",
                "education_level",
                "income_situation",
                "household",
                "has_smartphone",
                "has_computer",
                "has_internet",
                "commune",
                "seen_before",
                "programme_bits",
            )
        )
    )
    counters: dict[str, Counter] = {name: Counter() for name in PROFILE_KEYS}
    if not rows:
        return counters, 0, 0
    # Column by column: Counter does the counting in C, then each distinct value is labelled.
    (births, last_seen, genders, employments, educations, incomes, households, phones,
     computers, internets, communes, seen_before, programmes) = zip(*rows, strict=True)  # fmt: skip
    counters["age_band"] = Counter(map(_band_value, births, last_seen))
    counters["gender"] = Counter(genders)
    counters["employment_status"] = Counter(employments)
    counters["education_level"] = Counter(educations)
    counters["income_situation"] = Counter(incomes)
    counters["household"] = Counter(households)
    for (phone, computer, internet), n in Counter(
        zip(phones, computers, internets, strict=True)
    ).items():
        for has, key in ((phone, "smartphone"), (computer, "computer"), (internet, "internet")):
            if has:
                counters["equipment"][key] += n
        if phone is not None and computer is not None and not phone and not computer:
            counters["equipment"]["none"] += n
    for commune, n in Counter(communes).items():
        counters["commune"][commune.strip().title() or "unknown"] += n
    for bits, n in Counter(programmes).items():
        for programme, bit in PROGRAMME_BITS.items():
            if (bits or 0) & bit:
                counters["programme"][programme] += n
    new = sum(1 for seen in seen_before if not seen)
    return counters, len(rows), new


def app_figures(scope: Scope, parts: Breakdowns) -> dict:
    arguments = {
        "organisation_id": scope.organisation_id,
        "site_ids": scope.site_ids,
        "start": scope.start,
        "end": scope.end,
        "staff_id": scope.staff_id,
    }
    return {
        "workshops": workshop_figures(**arguments),
        "appointments": appointment_figures(**arguments),
        "room": room_figures(scope, parts),
        "equipment": equipment_figures(**arguments),
        "prints": print_figures(
            organisation_id=scope.organisation_id,
            site_ids=scope.site_ids,
            start=scope.start,
            end=scope.end,
        ),
        "outcomes": report_outcomes(**arguments),
    }


def room_figures(scope: Scope, parts: Breakdowns) -> dict:
    """Room sessions are activities; occupancy divides their minutes by what the stations
    offered on the days each site's room was used."""
    room = enums.ActivityKind.ROOM_SESSION
    sessions = sum(row["n"] for row in parts.by_kind_theme if row["kind"] == room)
    minutes = sum(row["minutes"] or 0 for row in parts.by_kind_theme if row["kind"] == room)
    capacity = room_capacity(organisation_id=scope.organisation_id, site_ids=scope.site_ids)
    days = ActivityDay.objects.filter(
        kind=room, date__gte=scope.start, date__lte=scope.end, site_id__in=list(capacity)
    )
    offered = sum(
        capacity[site_id] * open_days
        for site_id, open_days in days.values("site_id")
        .annotate(open_days=Count("date", distinct=True))
        .values_list("site_id", "open_days")
    )
    return {
        "sessions": sessions,
        "hours": round(minutes / 60),
        "occupancy": round(100 * minutes / offered) if offered else None,
    }


def rate(part: int | None, whole: int | None) -> float | None:
    return round(100 * part / whole) if whole else None


def dashboard(scope: Scope) -> dict:
    """Everything the dashboard shows, for the period and the one before."""
    previous = scope.previous()
    parts, before = breakdowns(scope), breakdowns(previous)
    people_profile, reached_count, new_count = profile(scope)
    current_totals = totals(scope, parts, (reached_count, new_count))
    previous_totals = totals(previous, before)
    apps, prev_apps = app_figures(scope, parts), app_figures(previous, before)

    def compared(key, source=current_totals, before=previous_totals):
        return Compared(source.get(key), before.get(key))

    w, pw = apps["workshops"], prev_apps["workshops"]
    a, pa = apps["appointments"], prev_apps["appointments"]
    r, pr = apps["room"], prev_apps["room"]
    e, pe = apps["equipment"], prev_apps["equipment"]
    p, pp = apps["prints"], prev_apps["prints"]
    key_figures = [
        (_("Personnes accompagnées"), compared("people")),
        (_("dont nouvelles personnes"), compared("new_people")),
        (_("Participants sans fiche (comptés sans nom)"), compared("anonymous")),
        (_("Activités"), compared("activities")),
        (_("Heures d'accompagnement"), compared("hours")),
        (_("Séances d'atelier tenues"), Compared(w["sessions"], pw["sessions"])),
        (_("Places proposées en atelier"), Compared(w["seats"], pw["seats"])),
        (
            _("Taux de présence en atelier (%)"),
            Compared(rate(w["attended"], w["confirmed"]), rate(pw["attended"], pw["confirmed"])),
        ),
        (_("Rendez-vous pris"), Compared(a["booked"], pa["booked"])),
        (
            _("Rendez-vous non honorés sans prévenir (%)"),
            Compared(
                rate(a["no_show"], a["honoured"] + a["no_show"] + a["excused"]),
                rate(pa["no_show"], pa["honoured"] + pa["no_show"] + pa["excused"]),
            ),
        ),
        (
            _("Rendez-vous annulés à l'avance par la personne"),
            Compared(a["cancelled_by_person"], pa["cancelled_by_person"]),
        ),
        (
            _("Places d'atelier rendues à l'avance par la personne"),
            Compared(w["cancelled_by_person"], pw["cancelled_by_person"]),
        ),
        (_("Passages sans rendez-vous reçus"), Compared(a["seen"], pa["seen"])),
        (
            _("Attente moyenne sans rendez-vous (min)"),
            Compared(a["average_wait"], pa["average_wait"]),
        ),
        (_("Sessions en salle informatique"), Compared(r["sessions"], pr["sessions"])),
        (_("Pages imprimées en salle"), Compared(p["pages"], pp["pages"])),
        (_("Personnes équipées (prêt de matériel)"), Compared(e["people"], pe["people"])),
        (_("Durée moyenne d'un prêt (jours)"), Compared(e["average_days"], pe["average_days"])),
        (
            _("Occupation des postes les jours d'ouverture (%)"),
            Compared(r["occupancy"], pr["occupancy"]),
        ),
    ]
    return {
        "scope": scope,
        "previous": previous,
        "key_figures": key_figures,
        "by_kind": _labelled(
            count_by(parts.by_kind_theme, "kind"),
            count_by(before.by_kind_theme, "kind"),
            enums.ActivityKind.choices,
        ),
        "by_theme": _labelled(
            count_by(parts.by_kind_theme, "theme"),
            count_by(before.by_kind_theme, "theme"),
            enums.Theme.choices,
        ),
        "procedure_categories": _labelled(
            count_by(parts.procedures, "admin_procedure_theme"),
            count_by(before.procedures, "admin_procedure_theme"),
            enums.AdminProcedureTheme.choices + [("", _("Non précisé"))],
        ),
        "procedure_autonomy": _labelled(
            count_by(parts.procedures, "autonomy"),
            count_by(before.procedures, "autonomy"),
            enums.Autonomy.choices + [("", _("Non précisé"))],
        ),
        "procedure_outcomes": _labelled(apps["outcomes"], prev_apps["outcomes"], Outcome.choices),
        "monthly": monthly(parts.by_date),
        "weekdays": weekday_by_month(parts.by_date),
        "profile": people_profile,
    }


PROFILE_CHOICES = {
    "age_band": enums.AgeBand.choices,
    "gender": people_enums.Gender.choices,
    "employment_status": enums.EmploymentStatus.choices,
    "education_level": people_enums.EducationLevel.choices,
    "income_situation": people_enums.IncomeSituation.choices,
    "household": people_enums.Household.choices,
    "programme": people_enums.Programme.choices,
}
