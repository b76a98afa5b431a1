"""Small pure helpers used across apps."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone

from passerelle.core.enums import AGE_BAND_LOWER_BOUNDS, AgeBand


def local_today() -> dt.date:
    return timezone.localdate()


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
