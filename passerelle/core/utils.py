"""Small pure helpers used across apps."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from passerelle.core.enums import AGE_BAND_LOWER_BOUNDS, AgeBand


def local_today() -> dt.date:
    return timezone.localdate()


# Dates typed or put in a URL are accepted in this range; outside it they make no sense for a
# social centre, and date arithmetic near year 1 or 9999 overflows.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def day_param(raw, *, default: dt.date) -> dt.date:
    """A day from a query string (ISO, 2026-03-02): `default` when absent, malformed or out
    of the sensible range."""
    try:
        day = dt.date.fromisoformat(str(raw or ""))
    except ValueError:
        return default
    return day if FIRST_DAY <= day <= LAST_DAY else default


def moment_param(raw) -> dt.datetime | None:
    """An aware moment from a query string or a form, or None (malformed, out of range)."""
    from django.utils.dateparse import parse_datetime

    try:
        moment = parse_datetime(str(raw or ""))
    except ValueError:
        return None
    if moment is None or not FIRST_DAY <= moment.date() <= LAST_DAY:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band_for(birth_date: dt.date | None, day: dt.date | None = None) -> AgeBand:
    """The national report's age band of someone born on `birth_date`, on `day`."""
    if birth_date is None:
        return AgeBand.UNKNOWN
    age = age_on(birth_date, day or local_today())
    for lower_bound, band in AGE_BAND_LOWER_BOUNDS:
        if age >= lower_bound:
            return band
    return AgeBand.UNKNOWN


def fold(text: str) -> str:
    """Lower-case, accent-free form of `text`, for accent-insensitive search and matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The French abbreviations (Imprimerie nationale): two months never share one ("juin",
# "juil."), unlike Django's three-letter "M".
MONTH_ABBREVIATIONS = [
    pgettext_lazy("month", "janv."),
    pgettext_lazy("month", "févr."),
    pgettext_lazy("month", "mars"),
    pgettext_lazy("month", "avr."),
    pgettext_lazy("month", "mai"),
    pgettext_lazy("month", "juin"),
    pgettext_lazy("month", "juil."),
    pgettext_lazy("month", "août"),
    pgettext_lazy("month", "sept."),
    pgettext_lazy("month", "oct."),
    pgettext_lazy("month", "nov."),
    pgettext_lazy("month", "déc."),
]


def short_month(day: dt.date, *, with_year: bool = False) -> str:
    """ "juil." or "juil. 2026"."""
    name = str(MONTH_ABBREVIATIONS[day.month - 1])
    return f"{name} {day.year}" if with_year else name
