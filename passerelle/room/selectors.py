"""Reads for the live board: each station's state, who waits, when the next one frees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from passerelle.room.extensions import BLOCKERS, Blocker
from passerelle.room.models import (
    GuestPass,
    PrintJob,
    Room,
    Station,
    StationReservation,
    StationSession,
)

SOON = dt.timedelta(minutes=30)


@dataclass
class StationState:
    station: Station
    state: str  # free, in_use, overrun, reserved, out_of_order
    session: StationSession | None = None
    reservation: StationReservation | None = None
    minutes_left: int | None = None
    blocker: object | None = None


def board(room, *, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    stations = list(room.stations.all())
    sessions = {
        s.station_id: s
        for s in StationSession.objects.open().filter(station__room=room).select_related("person")
    }
    reservations: dict[int, StationReservation] = {}
    for reservation in (
        StationReservation.objects.active()
        .filter(station__room=room, ends_at__gt=now, starts_at__lt=now + SOON)
        .select_related("person")
        .order_by("starts_at")
    ):
        reservations.setdefault(reservation.station_id, reservation)
    held = blocked_station_ids(room, now, now + dt.timedelta(minutes=1), stations)
    states = []
    for station in stations:
        session = sessions.get(station.pk)
        if station.pk in held and session is None:
            states.append(StationState(station, "workshop", blocker=held[station.pk]))
        elif not station.is_working:
            states.append(StationState(station, "out_of_order"))
        elif session is not None:
            left = round((session.planned_end_at - now).total_seconds() / 60)
            states.append(
                StationState(
                    station, "overrun" if left < 0 else "in_use", session, minutes_left=left
                )
            )
        elif station.pk in reservations:
            states.append(StationState(station, "reserved", reservation=reservations[station.pk]))
        else:
            states.append(StationState(station, "free"))
    free = [s for s in states if s.state == "free"]
    busy = [s.minutes_left for s in states if s.state == "in_use"]
    return {
        "states": states,
        "free_count": len(free),
        "in_use_count": len(sessions),
        "next_free_minutes": 0 if free else (max(min(busy), 0) if busy else None),
        "waiting": list(room.waiting.filter(served_at__isnull=True).select_related("person")),
        "now": now,
    }


HOURS = list(range(9, 19))


def usage(*, room, since: dt.date, until: dt.date) -> dict:
    """Sessions by weekday × hour (local time), per month, by purpose, guests vs known.
    The database sums them by local hour (some 2,000 hours a year of one room), the rest is
    folded here."""
    from collections import defaultdict

    from passerelle.room.enums import Purpose

    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    grid = [[0] * len(HOURS) for _ in range(7)]
    months: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    purposes = [0] * len(Purpose)
    guests = known = 0
    days: dict[int, dt.date] = {}
    for hour_index, count, seconds, guest_count, by_purpose in _usage_hours(room, start, end):
        day_number, hour = divmod(hour_index, 24)
        if (day := days.get(day_number)) is None:
            day = days[day_number] = _EPOCH + dt.timedelta(days=day_number)
        if hour in HOURS:
            grid[day.weekday()][hour - HOURS[0]] += count
        month = months[f"{day.year}-{day.month:02d}"]
        month[0] += count
        month[1] += float(seconds or 0) / 3600
        purposes = [a + b for a, b in zip(purposes, by_purpose, strict=True)]
        guests += guest_count
        known += count - guest_count
    return {
        "grid": grid,
        "hours": HOURS,
        "months": sorted((key, int(v[0]), round(v[1], 1)) for key, v in months.items()),
        "purposes": sorted(
            ((purpose.label, n) for purpose, n in zip(Purpose, purposes, strict=True) if n),
            key=lambda item: -item[1],
        ),
        "guests": guests,
        "known": known,
    }


_EPOCH = dt.date(1970, 1, 1)

# One row per local hour that saw arrivals: the hour as a number since 1970-01-01 00:00 local
# time, then sessions, seconds spent, guests, and sessions per purpose (the purpose sums are
# appended). Read on the index (station, start, end, purpose, person) alone.
_USAGE_SQL = """
    SELECT {local_hour}, COUNT(*), SUM({seconds}),
           SUM(CASE WHEN s.person_id IS NULL THEN 1 ELSE 0 END){purposes}
    FROM room_stationsession s JOIN room_station st ON st.id = s.station_id
    WHERE st.room_id = %s AND s.started_at >= %s AND s.started_at < %s
      AND s.ended_at IS NOT NULL
    GROUP BY 1"""
_USAGE_EXPRESSIONS = {
    # Seconds since 1970 from the stored UTC text (rounded: julianday is a float), plus the
    # zone's offset of the moment: arithmetic, where strftime(..., 'localtime') asked the C
    # library for each of 30,000 rows (and depended on the process's own zone).
    "sqlite": {
        "local_hour": "(CAST(ROUND((julianday(s.started_at) - 2440587.5) * 86400) AS INTEGER)"
        " + {offset}) / 3600",
        "seconds": "(julianday(s.ended_at) - julianday(s.started_at)) * 86400",
    },
    "postgresql": {
        "local_hour": "CAST(FLOOR(EXTRACT(EPOCH FROM s.started_at AT TIME ZONE %s) / 3600)"
        " AS BIGINT)",
        "seconds": "EXTRACT(EPOCH FROM s.ended_at - s.started_at)",
    },
}


def offset_spans(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, int]]:
    """The current zone's UTC offset in seconds from `start`, then from each instant before
    `end` where it changes: [(from, offset)] (two changes a year in France)."""
    zone = timezone.get_current_timezone()

    def offset(moment: dt.datetime) -> int:
        return int(moment.astimezone(zone).utcoffset().total_seconds())

    # In UTC: arithmetic and comparisons on datetimes of the local zone go by the wall clock.
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    spans = [(start, offset(start))]
    day = start
    while day < end:
        following = min(day + dt.timedelta(days=1), end)
        if offset(following) != spans[-1][1]:
            low, high = day, following  # the change is after low, at or before high
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == spans[-1][1] else (low, middle)
            spans.append((high.replace(microsecond=0), offset(high)))
        day = following
    return spans


def _usage_hours(room, start, end):
    """(local hour number, sessions, seconds, guests, sessions of each purpose in the order
    of `Purpose`) per hour."""
    from django.db import connections, router

    from passerelle.room.enums import Purpose

    # The database the ORM would read from (the replica inside the statistics pages).
    connection = connections[router.db_for_read(StationSession) or "default"]
    vendor = connection.vendor
    if vendor not in _USAGE_EXPRESSIONS:
        yield from _usage_hours_in_python(room, start, end)
        return
    choices = [purpose.value for purpose in Purpose]
    expressions = dict(_USAGE_EXPRESSIONS[vendor])
    params: list = []
    if vendor == "sqlite":
        utc = connection.ops.adapt_datetimefield_value
        spans = offset_spans(start, end)
        cases = "".join(f" WHEN s.started_at < %s THEN {offset}" for _, offset in spans[:-1])
        params += [utc(moment) for moment, _ in spans[1:]]
        last = spans[-1][1]
        expressions["local_hour"] = expressions["local_hour"].format(
            offset=f"CASE{cases} ELSE {last} END" if cases else str(last)
        )
        window = [utc(start), utc(end)]
    else:
        params.append(str(timezone.get_current_timezone()))
        window = [start, end]
    purposes = ", SUM(CASE WHEN s.purpose = %s THEN 1 ELSE 0 END)" * len(choices)
    sql = _USAGE_SQL.format(purposes=purposes, **expressions)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *choices, room.pk, *window])
        for hour, count, seconds, guests, *by_purpose in cursor.fetchall():
            yield hour, count, seconds, guests, by_purpose


def _usage_hours_in_python(room, start, end):
    """The same, row by row: what the SQL above must agree with."""
    from collections import Counter

    from passerelle.room.enums import Purpose

    rows = StationSession.objects.filter(
        station__room=room, started_at__gte=start, started_at__lt=end, ended_at__isnull=False
    ).values_list("started_at", "ended_at", "purpose", "person_id")
    hours: dict[int, list] = {}
    for started, ended, purpose, person_id in rows.iterator(chunk_size=5000):
        local = timezone.localtime(started)
        key = (local.date() - _EPOCH).days * 24 + local.hour
        hour = hours.setdefault(key, [0, 0.0, 0, Counter()])
        hour[0] += 1
        hour[1] += (ended - started).total_seconds()
        hour[2] += person_id is None
        hour[3][purpose] += 1
    for key, (count, seconds, guests, purposes) in sorted(hours.items()):
        yield key, count, seconds, guests, [purposes[purpose] for purpose in Purpose]


def _live_counts():
    """Three correlated counts on a room (`room_room` in the outer query), each on its own
    index: working stations, open sessions (the partial unique index), people waiting.
    Written as SQL: built from querysets with OuterRef, resolving and compiling them
    cost about 2 ms a page for three numbers ("Aujourd'hui" shows them on every visit)."""
    from passerelle.room.models import WaitingForStation

    room = Room._meta.db_table
    station = Station._meta.db_table
    session = StationSession._meta.db_table
    waiting = WaitingForStation._meta.db_table
    return {
        "working_count": f"SELECT COUNT(*) FROM {station} s "
        f"WHERE s.room_id = {room}.id AND s.is_working",
        "in_use_count": f"SELECT COUNT(*) FROM {session} o INNER JOIN {station} s "
        f"ON o.station_id = s.id WHERE s.room_id = {room}.id AND o.ended_at IS NULL",
        "waiting_count": f"SELECT COUNT(*) FROM {waiting} w "
        f"WHERE w.room_id = {room}.id AND w.served_at IS NULL",
    }


def summaries(rooms: QuerySet, *, limit: int) -> list[dict]:
    """Stations in use and free, and people waiting, for the first `limit` rooms: one query,
    each count a correlated subquery on its own index (station's room, open session of a
    station, room's waiting list)."""
    from django.db.models import IntegerField
    from django.db.models.expressions import RawSQL

    rooms = rooms.annotate(
        **{
            name: RawSQL(sql, (), output_field=IntegerField())
            for name, sql in _live_counts().items()
        }
    )[:limit]
    return [
        {
            "room": room,
            "in_use_count": room.in_use_count,
            "free_count": max(room.working_count - room.in_use_count, 0),
            "waiting_count": room.waiting_count,
        }
        for room in rooms
    ]


def blockers(room, start: dt.datetime, end: dt.datetime) -> list[Blocker]:
    """What holds stations of this room between start and end (`extensions.BLOCKERS`)."""
    return [b for provider in BLOCKERS for b in provider(room, start, end)]


def blocked_station_ids(
    room, start: dt.datetime, end: dt.datetime, stations=None
) -> dict[int, Blocker]:
    """Which working stations a workshop (or other blocker) holds between start and end."""
    found = blockers(room, start, end)
    if not found:
        return {}
    candidates = stations if stations is not None else room.stations.all()
    working = [s for s in candidates if s.is_working]
    working.sort(key=lambda s: s.name)
    held: dict[int, Blocker] = {}
    for blocker in found:
        for station in working[: blocker.stations]:
            held.setdefault(station.pk, blocker)
    return held


def rooms_visible_to(user):
    """The rooms a staff member may choose (e.g. for a workshop session)."""
    if user is None:
        return Room.objects.none()
    return Room.objects.visible_to(user)


def kiosk_room(*, site_id: int) -> Room | None:
    """The computer room the kiosk of a site offers (the first one, when there are several)."""
    return Room.objects.filter(site_id=site_id).order_by("name", "pk").first()


def working_station_count(room) -> int:
    return room.stations.filter(is_working=True).count()


def report_capacity(*, organisation_id: int, site_ids) -> dict[int, float]:
    """Station minutes a site offers on a day its room is open: working stations × opening
    minutes, summed over its rooms. The reports divide the room's activity by it."""
    from django.db.models import Count, Q

    rooms = Room.objects.filter(site__organisation_id=organisation_id)
    if site_ids is not None:
        rooms = rooms.filter(site_id__in=site_ids)
    capacity: dict[int, float] = {}
    day = dt.date(2000, 1, 3)
    for room in rooms.annotate(working=Count("stations", filter=Q(stations__is_working=True))):
        opening = (
            dt.datetime.combine(day, room.closes_at) - dt.datetime.combine(day, room.opens_at)
        ).total_seconds() / 60
        capacity[room.site_id] = capacity.get(room.site_id, 0) + room.working * max(opening, 0)
    return capacity


def weekly_hours(*, site_id: int, today: dt.date, weeks: int = 8) -> list[tuple]:
    """The free-access room's hours: its opening and closing time on the weekdays it was used
    in the last weeks (Passerelle keeps hours, not days, for a room). (weekday, from, to)."""
    since = today - dt.timedelta(weeks=weeks)
    hours = []
    for room in Room.objects.filter(site_id=site_id):
        started = StationSession.objects.filter(
            station__room=room, started_at__date__gte=since, started_at__date__lte=today
        ).values_list("started_at", flat=True)
        days = {timezone.localtime(moment).date() for moment in started.iterator()}
        counts: dict[int, int] = {}
        for day in days:
            counts[day.weekday()] = counts.get(day.weekday(), 0) + 1
        # A weekday used at least twice in the period: a habit, not an exception.
        hours += [(wd, room.opens_at, room.closes_at) for wd, n in counts.items() if n >= 2]
    return hours


# --- Prints ------------------------------------------------------------------------------------


def prints_today(room) -> dict:
    from django.db.models import Count, Sum

    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    figures = PrintJob.objects.filter(room=room, printed_at__gte=start).aggregate(
        jobs=Count("id"), pages=Sum("pages"), free=Sum("free_pages"), amount=Sum("amount")
    )
    return {key: value or 0 for key, value in figures.items()}


def person_prints(*, person, today: dt.date | None = None) -> dict:
    from django.db.models import Q, Sum

    today = today or timezone.localdate()
    month = timezone.make_aware(dt.datetime.combine(today.replace(day=1), dt.time.min))
    figures = PrintJob.objects.filter(person=person).aggregate(
        month=Sum("pages", filter=Q(printed_at__gte=month)), total=Sum("pages")
    )
    return {key: value or 0 for key, value in figures.items()}


def print_figures(*, organisation_id: int, site_ids, start, end) -> dict:
    """Pages printed in [start, end] (dates), for the reports."""
    from django.db.models import Sum

    prints = PrintJob.objects.filter(
        room__site__organisation_id=organisation_id,
        printed_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        printed_at__lt=timezone.make_aware(
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
        ),
    )
    if site_ids is not None:
        prints = prints.filter(room__site_id__in=site_ids)
    figures = prints.aggregate(pages=Sum("pages"), free=Sum("free_pages"))
    return {key: value or 0 for key, value in figures.items()}


# --- A station's own screen ------------------------------------------------------------------


@dataclass
class ScreenState:
    """What a station's screen shows: `locked` (free: the rules and the code), `waiting`
    (a code was given for it, not typed yet), `open`, `ending` (time is up: sign out of your
    accounts), `out_of_order`, `closed` (outside the room's hours)."""

    state: str
    session: StationSession | None = None
    seconds_left: int = 0

    @property
    def minutes_left(self) -> int:
        return -(-self.seconds_left // 60)

    @property
    def unlocked(self) -> bool:
        return self.state in ("open", "ending")


def screen_station(token: str) -> Station | None:
    if not token:
        return None
    return Station.objects.filter(screen_token=token).select_related("room__site").first()


def screen_state(station: Station, session: StationSession | None, *, now=None) -> ScreenState:
    now = now or timezone.now()
    room = station.room
    if session is not None:
        if session.unlock_code and session.unlocked_at is None:
            return ScreenState("waiting", session)
        left = int((session.planned_end_at - now).total_seconds())
        return ScreenState("open" if left > 0 else "ending", session, max(left, 0))
    if not station.is_working:
        return ScreenState("out_of_order")
    local = timezone.localtime(now).time()
    if not room.opens_at <= local < room.closes_at:
        return ScreenState("closed")
    return ScreenState("locked")


def room_rules(room: Room) -> list[str]:
    return [line.strip() for line in room.rules.splitlines() if line.strip()]


def guest_pass_sheets(room: Room) -> list[dict]:
    """The room's sheets of guest passes, latest first, with how many were used."""
    return list(
        GuestPass.objects.filter(room=room)
        .values("batch")
        .annotate(
            created_at=Min("created_at"),
            minutes=Max("minutes"),
            valid_until=Max("valid_until"),
            total=Count("pk"),
            used=Count("pk", filter=Q(used_at__isnull=False)),
            cancelled=Count("pk", filter=Q(cancelled=True)),
        )
        .order_by("-created_at")[:50]
    )
