"""Reads on workshops: upcoming sessions, the week calendar, a person's workshops."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from passerelle.workshops.enums import RegistrationStatus, SessionStatus
from passerelle.workshops.models import Registration, Workshop, WorkshopSession


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def upcoming_sessions(*, user, site_id=None, limit: int = 40):
    qs = (
        WorkshopSession.objects.visible_to(user)
        .planned()
        .filter(ends_at__gte=timezone.now())
        .select_related("workshop", "site")
        .with_counts()
        .order_by("starts_at", "pk")
    )
    if site_id:
        qs = qs.filter(site_id=site_id)
    return qs[:limit]


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def week_calendar(*, user, site_id, day: dt.date) -> list[tuple[dt.date, list]]:
    days = week_of(day)
    start, _ = day_bounds(days[0])
    _, end = day_bounds(days[-1])
    sessions = (
        WorkshopSession.objects.visible_to(user)
        .filter(site_id=site_id, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("workshop")
        .with_counts()
        .order_by("starts_at", "pk")
    )
    by_day: dict[dt.date, list] = {d: [] for d in days}
    for session in sessions:
        by_day[timezone.localtime(session.starts_at).date()].append(session)
    return list(by_day.items())


def session_page(session: WorkshopSession):
    """Participants, waiting list and cancelled sign-ups, in two queries."""
    registrations = list(
        session.registrations.select_related("person").order_by("created_at", "pk")
    )
    return {
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
    }


def person_workshops(*, person, limit: int = 10):
    registrations = (
        Registration.objects.filter(person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session__workshop")
        .only(
            "status",
            "attendance",
            "session__starts_at",
            "session__ends_at",
            "session__workshop__title",
        )
        .order_by("-session__starts_at")
    )
    now = timezone.now()
    upcoming, past = [], []
    for registration in registrations[: limit * 2]:
        (upcoming if registration.session.ends_at >= now else past).append(registration)
    return {"upcoming": list(reversed(upcoming))[:limit], "past": past[:limit]}


def sessions_for_facilitator(*, user, since: dt.datetime):
    return (
        WorkshopSession.objects.filter(facilitators=user, starts_at__gte=since)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("workshop", "site")
        .order_by("starts_at")
    )


def next_sessions(workshops) -> dict[int, WorkshopSession]:
    """Each workshop's next planned session, with its site, in one query (each workshop's
    first session found by a correlated subquery on the (workshop, status, start) index).
    The workshops are given as objects or keys. The keys' subquery is written as SQL: built
    from querysets (a Subquery with OuterRef inside a subquery), it cost more to resolve
    and compile than the person's file spends on the whole suggestion."""
    keys = [int(getattr(workshop, "pk", workshop)) for workshop in workshops]
    if not keys:
        return {}
    table = WorkshopSession._meta.db_table
    firsts = RawSQL(
        f"SELECT (SELECT s.id FROM {table} s WHERE s.workshop_id = w.id AND s.status = %s "
        "AND s.starts_at >= %s ORDER BY s.starts_at, s.id LIMIT 1) "
        f"FROM {Workshop._meta.db_table} w WHERE w.id IN ({', '.join(['%s'] * len(keys))})",
        (
            SessionStatus.PLANNED.value,
            connection.ops.adapt_datetimefield_value(timezone.now()),
            *keys,
        ),
    )
    sessions = WorkshopSession.objects.filter(pk__in=firsts).select_related("site")
    return {session.workshop_id: session for session in sessions}


def report_figures(*, organisation_id: int, site_ids, start, end, staff_id=None) -> dict:
    """For the reports: sessions held in [start, end], their seats, sign-ups and who came."""
    from django.db.models import Count, Q, Sum

    from passerelle.workshops.enums import Attendance

    sessions = WorkshopSession.objects.filter(
        workshop__organisation_id=organisation_id,
        starts_at__gte=_aware(start),
        starts_at__lt=_aware(end + dt.timedelta(days=1)),
        status=SessionStatus.DONE,
    )
    if site_ids is not None:
        sessions = sessions.filter(site_id__in=site_ids)
    if staff_id:
        sessions = sessions.filter(facilitators__id=staff_id)
    held = sessions.aggregate(sessions=Count("id"), seats=Sum("capacity"))
    came = (Attendance.PRESENT, Attendance.LATE)
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    signed = Registration.objects.filter(session__in=sessions.values("id")).aggregate(
        confirmed=Count("id", filter=confirmed & Q(is_walk_in=False)),
        attended=Count("id", filter=confirmed & Q(is_walk_in=False, attendance__in=came)),
        walk_ins=Count("id", filter=confirmed & Q(is_walk_in=True)),
        # Seats given back by the people themselves (their link), apart from absences.
        given_back=Count(
            "id", filter=Q(status=RegistrationStatus.CANCELLED, cancelled_by_person=True)
        ),
    )
    return {
        "sessions": held["sessions"] or 0,
        "seats": held["seats"] or 0,
        "confirmed": signed["confirmed"],
        "attended": signed["attended"],
        "walk_ins": signed["walk_ins"],
        "cancelled_by_person": signed["given_back"],
    }


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class Skipped:
    date: dt.date
    reason: str


def series_dates(
    *, first: dt.date, until: dt.date, every_weeks: int
) -> tuple[list[dt.date], list[Skipped]]:
    """Every N weeks from `first` to `until`, without French public holidays."""
    french_holidays = holidays.France(years=range(first.year, until.year + 1), language="fr")
    dates, skipped = [], []
    day = first
    while day <= until:
        if day in french_holidays:
            skipped.append(Skipped(day, french_holidays.get(day)))
        else:
            dates.append(day)
        day += relativedelta(weeks=every_weeks)
    return dates, skipped


def sessions_to_cancel(*, session: WorkshopSession, rest_of_series: bool) -> list[WorkshopSession]:
    """The session, or it and the planned ones after it in its series."""
    if not (rest_of_series and session.series_id):
        return [session]
    return list(
        WorkshopSession.objects.planned()
        .filter(series_id=session.series_id, starts_at__gte=session.starts_at)
        .order_by("starts_at", "pk")
    )


def people_to_tell(*, sessions) -> list[Registration]:
    """Who is registered or waiting for these sessions: one line per person."""
    registrations = (
        Registration.objects.filter(
            session__in=sessions,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    seen: dict[int, Registration] = {}
    for registration in registrations:
        seen.setdefault(registration.person_id, registration)
    return list(seen.values())


def latest_registration_day():
    """In a query on people: the day of the session of the person's latest sign-up (a
    session ahead counts), for retention."""
    from django.db.models import DateField, OuterRef, Subquery
    from django.db.models.functions import TruncDate

    return Subquery(
        Registration.objects.filter(person_id=OuterRef("pk"))
        .order_by("-session__starts_at")
        .annotate(day=TruncDate("session__starts_at"))
        .values("day")[:1],
        output_field=DateField(),
    )


def session_of_registration(registration_id):
    """The session of a registration (an OuterRef welcome): the Coop export groups a
    session's attendees into one workshop."""
    return Registration.objects.filter(pk=registration_id).values("session_id")[:1]


def weekly_hours(*, site_id: int, today: dt.date, weeks: int = 8) -> list[tuple]:
    """When workshops are held at a site: the weekday and hours of the sessions planned in
    the coming weeks (or held in the last ones), each pattern seen at least twice."""
    start, end = (
        _aware(today - dt.timedelta(weeks=weeks)),
        _aware(today + dt.timedelta(weeks=weeks)),
    )
    seen: dict[tuple, int] = {}
    sessions = WorkshopSession.objects.filter(
        site_id=site_id, starts_at__gte=start, starts_at__lt=end
    ).exclude(status=SessionStatus.CANCELLED)
    for starts, ends in sessions.values_list("starts_at", "ends_at").iterator():
        starts, ends = timezone.localtime(starts), timezone.localtime(ends)
        key = (starts.weekday(), starts.time(), ends.time())
        seen[key] = seen.get(key, 0) + 1
    return [key for key, count in seen.items() if count >= 2]


# --- The kiosk's reads (kiosk app) ---------------------------------------------------------


def kiosk_sessions(*, site_id: int, now: dt.datetime | None = None) -> list[WorkshopSession]:
    """Today's sessions at a site that have not ended, with their seats taken."""
    now = now or timezone.now()
    start, end = day_bounds(timezone.localdate(now))
    return list(
        WorkshopSession.objects.planned()
        .filter(site_id=site_id, starts_at__gte=start, starts_at__lt=end, ends_at__gt=now)
        .select_related("workshop")
        .with_counts()
        .order_by("starts_at", "pk")
    )


def kiosk_session(*, site_id: int, session_id, now: dt.datetime | None = None):
    return next(
        (s for s in kiosk_sessions(site_id=site_id, now=now) if str(s.pk) == str(session_id)),
        None,
    )


def kiosk_registrations_born(*, session, birth_date: dt.date) -> list[Registration]:
    """The people signed up to a session (seat confirmed) born on that day."""
    return list(
        Registration.objects.confirmed()
        .filter(session=session, person__birth_date=birth_date, person__birth_year_only=False)
        .select_related("person")[:10]
    )


# --- The person's own link (public app) ----------------------------------------------------


def registration_for_link(token: str) -> Registration | None:
    if not token or len(token) > 32:
        return None
    return (
        Registration.objects.filter(link_token=token)
        .select_related("person", "session__workshop", "session__site")
        .first()
    )


# --- The public booking page (public app) ---------------------------------------------------

ONLINE_DAYS_AHEAD = 60


def online_sessions(*, site_id: int, now: dt.datetime | None = None) -> list[WorkshopSession]:
    """Planned sessions at a site of workshops open to online sign-up, from an hour ahead to
    two months, with their seats taken."""
    now = now or timezone.now()
    return list(
        WorkshopSession.objects.planned()
        .filter(
            site_id=site_id,
            workshop__online_signup=True,
            workshop__is_active=True,
            starts_at__gte=now + dt.timedelta(hours=1),
            starts_at__lt=now + dt.timedelta(days=ONLINE_DAYS_AHEAD),
        )
        .select_related("workshop")
        .with_counts()
        .order_by("starts_at", "pk")
    )


def online_session(*, site_id: int, session_id) -> WorkshopSession | None:
    return next((s for s in online_sessions(site_id=site_id) if str(s.pk) == str(session_id)), None)


def registration_by_pk(pk) -> Registration | None:
    return (
        Registration.objects.filter(pk=pk)
        .select_related("session__workshop", "session__site")
        .first()
    )
