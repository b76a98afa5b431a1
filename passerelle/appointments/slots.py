"""Free slots, computed from opening hours, exceptions, absences, public holidays and the
appointments already booked. All in local time (Europe/Paris): a slot at 9:00 stays at 9:00
across the daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

import holidays
from django.db.models import Q
from django.utils import timezone

from passerelle.appointments.enums import ExceptionKind
from passerelle.appointments.models import Absence, Appointment, OpeningException, OpeningHours


@dataclass(frozen=True, order=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    worker_id: int
    site_id: int


def local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


class BusyTimes:
    """A worker's busy periods (absences, appointments, closed hours), sorted by their start,
    with the latest end reached so far: whether a slot overlaps any of them is one binary
    search, not a scan of every period for every slot of the month."""

    def __init__(self, periods):
        periods = sorted(periods)
        self.starts = [begins for begins, _ in periods]
        self.reach = list(accumulate((finishes for _, finishes in periods), max))

    def overlaps(self, begins: dt.datetime, ends: dt.datetime) -> bool:
        # The periods that start before the slot ends are the first `before`; one of them
        # overlaps the slot when it ends after the slot begins.
        before = bisect_left(self.starts, ends)
        return before > 0 and self.reach[before - 1] > begins


NOTHING_BUSY = BusyTimes(())


def _absence_periods(absence: Absence, start: dt.datetime, end: dt.datetime):
    """The absence itself, and its weekly repeats until `repeat_weekly_until`."""
    period = dt.timedelta(weeks=1)
    begins, finishes = absence.starts_at, absence.ends_at
    until = (
        local(absence.repeat_weekly_until, dt.time.max)
        if absence.repeat_weekly_until
        else absence.ends_at
    )
    while begins <= until and begins < end:
        if finishes > start:
            yield begins, finishes
        if not absence.repeat_weekly_until:
            break
        # Same local hours each week, across daylight-saving changes.
        begins = local(
            timezone.localtime(begins).date() + period, timezone.localtime(begins).time()
        )
        finishes = local(
            timezone.localtime(finishes).date() + period, timezone.localtime(finishes).time()
        )


def free_slots(
    *,
    service,
    duration_minutes: int,
    start: dt.date,
    end: dt.date,
    worker_id: int | None = None,
    now: dt.datetime | None = None,
) -> list[Slot]:
    """Every free slot of `service` from `start` to `end` (days included), for all its workers
    (or one), on a grid of `duration_minutes` from each opening."""
    now = now or timezone.now()
    length = dt.timedelta(minutes=duration_minutes)
    hours = OpeningHours.objects.filter(service=service, valid_from__lte=end).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=start)
    )
    exceptions = OpeningException.objects.filter(service=service, date__gte=start, date__lte=end)
    if worker_id:
        hours = hours.filter(worker_id=worker_id)
        exceptions = exceptions.filter(worker_id=worker_id)
    hours, exceptions = list(hours), list(exceptions)
    workers = {h.worker_id for h in hours} | {e.worker_id for e in exceptions}
    if not workers:
        return []
    window_start, window_end = (
        local(start, dt.time.min),
        local(end + dt.timedelta(days=1), dt.time.min),
    )

    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for absence in Absence.objects.filter(worker_id__in=workers, starts_at__lt=window_end).filter(
        Q(ends_at__gt=window_start) | Q(repeat_weekly_until__gte=start)
    ):
        busy[absence.worker_id].extend(_absence_periods(absence, window_start, window_end))
    for worker, begins, finishes in (
        Appointment.objects.active()
        .filter(worker_id__in=workers, starts_at__lt=window_end, ends_at__gt=window_start)
        .values_list("worker_id", "starts_at", "ends_at")
    ):
        busy[worker].append((begins, finishes))

    french_holidays = holidays.France(years=range(start.year, end.year + 1))
    by_day: dict[dt.date, list[OpeningException]] = defaultdict(list)
    for exception in exceptions:
        by_day[exception.date].append(exception)
        if exception.kind == ExceptionKind.CLOSED and exception.start_time and exception.end_time:
            busy[exception.worker_id].append(
                (
                    local(exception.date, exception.start_time),
                    local(exception.date, exception.end_time),
                )
            )
    busy_times = {worker: BusyTimes(periods) for worker, periods in busy.items()}

    slots = []
    day = start
    while day <= end:
        intervals = []
        if day not in french_holidays:
            intervals = [
                (h.worker_id, h.site_id, local(day, h.start_time), local(day, h.end_time))
                for h in hours
                if h.weekday == day.weekday()
                and h.valid_from <= day
                and (h.valid_until is None or h.valid_until >= day)
            ]
        for exception in by_day.get(day, ()):
            if (
                exception.kind == ExceptionKind.EXTRA
                and exception.start_time
                and exception.end_time
            ):
                intervals.append(
                    (
                        exception.worker_id,
                        exception.site_id,
                        local(day, exception.start_time),
                        local(day, exception.end_time),
                    )
                )
            elif exception.kind == ExceptionKind.CLOSED and not (
                exception.start_time and exception.end_time
            ):  # closed all day (closed hours are busy times, above)
                intervals = [i for i in intervals if i[0] != exception.worker_id]
        for worker, site, opens, closes in intervals:
            taken = busy_times.get(worker, NOTHING_BUSY)
            moment = opens
            while moment + length <= closes:
                ends = moment + length
                if moment > now and not taken.overlaps(moment, ends):
                    slots.append(Slot(moment, ends, worker, site))
                moment = ends
        day += dt.timedelta(days=1)
    return sorted(set(slots))
