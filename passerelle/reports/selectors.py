"""The dashboard's figures: aggregate queries over `Activity` (one indexed table) and the
profile of the people it names; rates that need what did not happen (no-shows, empty
seats, waits) come from each app's `report_figures`. Every function takes a `Scope` and
runs a fixed number of queries, whatever the volume."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractWeekDay, TruncMonth
from django.utils.translation import gettext as _

from passerelle.appointments.selectors import report_figures as appointment_figures
from passerelle.core import enums
from passerelle.core.models import Activity
from passerelle.core.utils import age_band_for
from passerelle.people import enums as people_enums
from passerelle.people.models import Person, ProgrammeMembership
from passerelle.procedures.enums import Outcome
from passerelle.procedures.selectors import report_outcomes
from passerelle.reports.forms import Scope
from passerelle.room.selectors import report_figures as room_figures
from passerelle.workshops.selectors import report_figures as workshop_figures


def activities(scope: Scope) -> QuerySet:
    qs = Activity.objects.filter(
        organisation_id=scope.organisation_id, date__gte=scope.start, date__lte=scope.end
    )
    if scope.site_ids is not None:
        qs = qs.filter(site_id__in=scope.site_ids)
    if scope.staff_id:
        qs = qs.filter(staff_id=scope.staff_id)
    if scope.programme:
        qs = qs.filter(person_id__in=_programme_members(scope))
    return qs


def _programme_members(scope: Scope) -> QuerySet:
    return (
        ProgrammeMembership.objects.filter(programme=scope.programme, start_date__lte=scope.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=scope.start))
        .values("person_id")
    )


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


def totals(scope: Scope) -> dict:
    qs = activities(scope)
    row = qs.aggregate(
        activities=Count("id"),
        people=Count("person_id", distinct=True),
        anonymous=Sum("anonymous_count"),
        minutes=Sum("duration_minutes"),
    )
    # New: reached in the period, and never before it (at this organisation).
    row["new_people"] = (
        Activity.objects.filter(
            organisation_id=scope.organisation_id,
            person_id__in=qs.filter(person__isnull=False).values("person_id"),
        )
        .values("person_id")
        .annotate(first=Min("date"))
        .filter(first__gte=scope.start)
        .count()
    )
    row["anonymous"] = row["anonymous"] or 0
    row["hours"] = round((row.pop("minutes") or 0) / 60)
    return row


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


def monthly(scope: Scope) -> list[tuple[dt.date, int, int]]:
    rows = (
        activities(scope)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("id"), people=Count("person_id", distinct=True))
        .order_by("month")
        .values_list("month", "n", "people")
    )
    return list(rows)


def weekday_by_month(scope: Scope) -> dict[tuple[dt.date, int], int]:
    rows = (
        activities(scope)
        .annotate(month=TruncMonth("date"), weekday=ExtractWeekDay("date"))
        .values("month", "weekday")
        .annotate(n=Count("id"))
        .values_list("month", "weekday", "n")
    )
    return {(month, weekday): n for month, weekday, n in rows}


def profile(scope: Scope) -> dict[str, Counter]:
    """Who was reached: one row per person, counted here (40,000 at most)."""
    reached = activities(scope).filter(person__isnull=False).values("person_id")
    counters = {
        name: Counter()
        for name in (
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
    }
    for row in (
        Person.objects.filter(pk__in=reached)
        .values_list(
            "birth_date",
            "gender",
            "employment_status",
            "education_level",
            "income_situation",
            "household",
            "has_smartphone",
            "has_computer",
            "has_internet",
            "commune",
        )
        .iterator(chunk_size=5000)
    ):
        (
            birth,
            gender,
            employment,
            education,
            income,
            household,
            phone,
            computer,
            internet,
            commune,
        ) = row
        counters["age_band"][age_band_for(birth, scope.end)] += 1
        counters["gender"][gender] += 1
        counters["employment_status"][employment] += 1
        counters["education_level"][education] += 1
        counters["income_situation"][income] += 1
        counters["household"][household] += 1
        for has, key in ((phone, "smartphone"), (computer, "computer"), (internet, "internet")):
            if has:
                counters["equipment"][key] += 1
        if phone is False and computer is False:
            counters["equipment"]["none"] += 1
        counters["commune"][commune.strip().title() or "unknown"] += 1
    for programme, n in (
        ProgrammeMembership.objects.filter(person_id__in=reached, start_date__lte=scope.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=scope.start))
        .values("programme")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("programme", "n")
    ):
        counters["programme"][programme] = n
    return counters


def app_figures(scope: Scope) -> dict:
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
        "room": room_figures(**arguments),
        "outcomes": report_outcomes(**arguments),
    }


def rate(part: int | None, whole: int | None) -> float | None:
    return round(100 * part / whole) if whole else None


def dashboard(scope: Scope) -> dict:
    """Everything the dashboard shows, for the period and the one before."""
    previous = scope.previous()
    current_totals, previous_totals = totals(scope), totals(previous)
    qs, prev_qs = activities(scope), activities(previous)
    procedures = qs.filter(kind=enums.ActivityKind.ASSISTED_PROCEDURE)
    prev_procedures = prev_qs.filter(kind=enums.ActivityKind.ASSISTED_PROCEDURE)
    apps, prev_apps = app_figures(scope), app_figures(previous)

    def compared(key, source=current_totals, before=previous_totals):
        return Compared(source.get(key), before.get(key))

    w, pw = apps["workshops"], prev_apps["workshops"]
    a, pa = apps["appointments"], prev_apps["appointments"]
    r, pr = apps["room"], prev_apps["room"]
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
        (_("Passages sans rendez-vous reçus"), Compared(a["seen"], pa["seen"])),
        (
            _("Attente moyenne sans rendez-vous (min)"),
            Compared(a["average_wait"], pa["average_wait"]),
        ),
        (_("Sessions en salle informatique"), Compared(r["sessions"], pr["sessions"])),
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
            by_field(qs, "kind"), by_field(prev_qs, "kind"), enums.ActivityKind.choices
        ),
        "by_theme": _labelled(
            by_field(qs, "theme"), by_field(prev_qs, "theme"), enums.Theme.choices
        ),
        "procedure_categories": _labelled(
            by_field(procedures, "admin_procedure_theme"),
            by_field(prev_procedures, "admin_procedure_theme"),
            enums.AdminProcedureTheme.choices + [("", _("Non précisé"))],
        ),
        "procedure_autonomy": _labelled(
            by_field(procedures, "autonomy"),
            by_field(prev_procedures, "autonomy"),
            enums.Autonomy.choices + [("", _("Non précisé"))],
        ),
        "procedure_outcomes": _labelled(apps["outcomes"], prev_apps["outcomes"], Outcome.choices),
        "monthly": monthly(scope),
        "weekdays": weekday_by_month(scope),
        "profile": profile(scope),
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
