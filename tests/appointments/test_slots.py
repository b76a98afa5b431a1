import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from passerelle.appointments import services
from passerelle.appointments.enums import ExceptionKind
from passerelle.appointments.models import OpeningException
from passerelle.appointments.slots import BusyTimes, free_slots, local

D = dt.date
EARLY = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def times(slots):
    return [
        (timezone.localtime(s.starts_at).date(), timezone.localtime(s.starts_at).time())
        for s in slots
    ]


def slots_between(reason, start, end, **kwargs):
    return free_slots(
        service=reason.service,
        duration_minutes=reason.duration_minutes,
        start=start,
        end=end,
        now=EARLY,
        **kwargs,
    )


def test_slots_follow_the_weekly_hours_on_a_grid_of_the_reason(reason, mondays):
    assert times(slots_between(reason, D(2026, 3, 2), D(2026, 3, 8))) == [
        (D(2026, 3, 2), dt.time(9, 0)),
        (D(2026, 3, 2), dt.time(9, 30)),
        (D(2026, 3, 2), dt.time(10, 0)),
        (D(2026, 3, 2), dt.time(10, 30)),
    ]


def test_no_slot_on_a_public_holiday(reason, mondays):
    # Easter Monday 2026 is 6 April.
    assert slots_between(reason, D(2026, 4, 6), D(2026, 4, 6)) == []


@pytest.mark.parametrize("monday", [D(2026, 3, 30), D(2026, 10, 26)])
def test_slots_keep_their_local_hour_across_daylight_saving_changes(reason, mondays, monday):
    # The Mondays right after the last Sunday of March and of October.
    first = slots_between(reason, monday, monday)[0]
    assert timezone.localtime(first.starts_at).time() == dt.time(9, 0)
    assert (first.ends_at - first.starts_at) == dt.timedelta(minutes=30)


def test_an_absence_removes_the_slots_it_covers(reason, mondays, worker):
    services.absence_add(
        worker=worker,
        starts_at=local(D(2026, 3, 2), dt.time(9)),
        ends_at=local(D(2026, 3, 2), dt.time(10)),
    )
    assert [t for _, t in times(slots_between(reason, D(2026, 3, 2), D(2026, 3, 2)))] == [
        dt.time(10, 0),
        dt.time(10, 30),
    ]


def test_a_weekly_absence_repeats_until_its_date(reason, mondays, worker):
    services.absence_add(
        worker=worker,
        starts_at=local(D(2026, 3, 2), dt.time(8)),
        ends_at=local(D(2026, 3, 2), dt.time(12)),
        repeat_weekly_until=D(2026, 3, 16),
    )
    days = {d for d, _ in times(slots_between(reason, D(2026, 3, 1), D(2026, 3, 31)))}
    assert days == {D(2026, 3, 23), D(2026, 3, 30)}


def exception(reason, worker, site, day, kind, **hours):
    return OpeningException.objects.create(
        worker=worker, service=reason.service, site=site, date=day, kind=kind, **hours
    )


def test_a_closed_day_and_extra_hours(reason, mondays, worker, site):
    exception(reason, worker, site, D(2026, 3, 2), ExceptionKind.CLOSED)
    exception(
        reason,
        worker,
        site,
        D(2026, 3, 4),
        ExceptionKind.EXTRA,
        start_time=dt.time(14),
        end_time=dt.time(15),
    )
    assert times(slots_between(reason, D(2026, 3, 2), D(2026, 3, 6))) == [
        (D(2026, 3, 4), dt.time(14, 0)),
        (D(2026, 3, 4), dt.time(14, 30)),
    ]


def test_closed_hours_remove_only_the_slots_they_cover(reason, mondays, worker, site):
    exception(
        reason,
        worker,
        site,
        D(2026, 3, 2),
        ExceptionKind.CLOSED,
        start_time=dt.time(9, 45),
        end_time=dt.time(10, 15),
    )
    assert times(slots_between(reason, D(2026, 3, 2), D(2026, 3, 9))) == [
        (D(2026, 3, 2), dt.time(9, 0)),
        (D(2026, 3, 2), dt.time(10, 30)),
        (D(2026, 3, 9), dt.time(9, 0)),
        (D(2026, 3, 9), dt.time(9, 30)),
        (D(2026, 3, 9), dt.time(10, 0)),
        (D(2026, 3, 9), dt.time(10, 30)),
    ]


def test_a_long_absence_hides_the_short_ones_inside_it_but_not_the_slots_after(
    reason, mondays, worker
):
    # Sorted by their start, the short absence at 9:15 ends before the long one: the slot at
    # 10:00 is still covered by the long one, the slot at 10:30 is free.
    for begins, ends in [(dt.time(9), dt.time(10, 30)), (dt.time(9, 15), dt.time(9, 20))]:
        services.absence_add(
            worker=worker,
            starts_at=local(D(2026, 3, 2), begins),
            ends_at=local(D(2026, 3, 2), ends),
        )
    assert times(slots_between(reason, D(2026, 3, 2), D(2026, 3, 2))) == [
        (D(2026, 3, 2), dt.time(10, 30)),
    ]


MINUTES = st.integers(min_value=0, max_value=600)


@given(
    periods=st.lists(st.tuples(MINUTES, MINUTES), max_size=12),
    slot=st.tuples(MINUTES, st.integers(min_value=1, max_value=120)),
)
def test_busy_times_find_an_overlap_exactly_when_a_period_overlaps_the_slot(periods, slot):
    at = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    moment = [(at + dt.timedelta(minutes=a), at + dt.timedelta(minutes=b)) for a, b in periods]
    begins = at + dt.timedelta(minutes=slot[0])
    ends = begins + dt.timedelta(minutes=slot[1])
    expected = any(start < ends and begins < finish for start, finish in moment)
    assert BusyTimes(moment).overlaps(begins, ends) is expected


def test_booked_slots_are_no_longer_free(reason, mondays, worker, organisation, monkeypatch):
    from tests.factories import PersonFactory

    monkeypatch.setattr("django.utils.timezone.now", lambda: EARLY)
    services.appointment_book(
        person=PersonFactory(organisation=organisation),
        reason=reason,
        worker=worker,
        starts_at=local(D(2026, 3, 2), dt.time(9)),
        by=worker,
    )
    assert local(D(2026, 3, 2), dt.time(9)) not in [
        s.starts_at for s in slots_between(reason, D(2026, 3, 2), D(2026, 3, 2))
    ]


def test_overlapping_opening_hours_are_refused(reason, mondays, worker, site):
    with pytest.raises(ValidationError, match="chevauchent"):
        services.opening_hours_add(
            worker=worker,
            service=reason.service,
            site=site,
            weekday=0,
            start_time=dt.time(10),
            end_time=dt.time(12),
            valid_from=D(2026, 6, 1),
        )


def test_opening_hours_ending_before_they_start_are_refused(reason, worker, site):
    with pytest.raises(ValidationError):
        services.opening_hours_add(
            worker=worker,
            service=reason.service,
            site=site,
            weekday=1,
            start_time=dt.time(12),
            end_time=dt.time(9),
            valid_from=D(2026, 6, 1),
        )
