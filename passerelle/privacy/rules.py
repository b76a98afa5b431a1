"""Pure rules of the privacy app."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from passerelle.core.enums import AGE_BAND_LOWER_BOUNDS
from passerelle.core.utils import age_band_for


def stand_in_birth_date(birth: dt.date | None, seen_on: list[dt.date]) -> dt.date | None:
    """A date that gives the same age band as `birth` on every day the person was seen, so
    that the statistics of every period stay the same once the real date is gone; it only
    says in which gap between two visits a band changed, never the birthday.

    Each band threshold (12, 18, 25, 40, 60, 70 years) bounds the stand-in: the anniversary
    must fall on the same side of every visit as the real one. Of the dates allowed, the
    middle one is taken."""
    if birth is None or not seen_on:
        return birth
    days = sorted(set(seen_on))
    low, high = dt.date.min + dt.timedelta(days=366 * 130), dt.date.max - dt.timedelta(days=366)
    for years, _band in AGE_BAND_LOWER_BOUNDS:
        if years == 0:
            continue
        anniversary = birth + relativedelta(years=years)
        before = [d for d in days if d < anniversary]  # visits before the threshold
        after = [d for d in days if d >= anniversary]
        if before:  # the stand-in's anniversary must come after the last visit before it
            low = max(low, before[-1] - relativedelta(years=years) + dt.timedelta(days=1))
        if after:  # …and no later than the first visit after it
            high = min(high, after[0] - relativedelta(years=years))
    stand_in = low + (high - low) / 2
    # Leap days: relativedelta rounds 29 February; check and fall back on the real bounds.
    if all(age_band_for(stand_in, d) == age_band_for(birth, d) for d in days):
        return stand_in
    for candidate in (low, high):
        if all(age_band_for(candidate, d) == age_band_for(birth, d) for d in days):
            return candidate
    return None  # never the real date: "non communiqué" rather than a leak
