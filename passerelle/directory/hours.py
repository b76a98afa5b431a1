"""Weekly hours written in OpenStreetMap's `opening_hours` syntax, as data·inclusion asks
(reference §B.6): "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
# A light check of what this module writes (data·inclusion's package does not check it).
SYNTAX = re.compile(
    r"^(?:(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
    r"(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)* "
    r"\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*; )*PH off$"
)


def _merged(ranges: Iterable[tuple[dt.time, dt.time]]) -> list[tuple[dt.time, dt.time]]:
    """Ranges of one day, overlapping or touching ones joined."""
    merged: list[list[dt.time]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _day_groups(days: list[int]) -> str:
    """[0, 1, 2, 4] → "Mo-We,Fr"."""
    groups: list[list[int]] = []
    for day in sorted(days):
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    return ",".join(DAYS[g[0]] if len(g) == 1 else f"{DAYS[g[0]]}-{DAYS[g[-1]]}" for g in groups)


def opening_hours(hours: Iterable[tuple[int, dt.time, dt.time]]) -> str:
    """(weekday, from, to) triples, Monday = 0, as one `opening_hours` string; "" when none.
    Days with the same hours share a rule; public holidays are closed (Passerelle closes on
    them)."""
    by_day: dict[int, list] = {}
    for weekday, start, end in hours:
        if end > start:
            by_day.setdefault(weekday, []).append((start, end))
    if not by_day:
        return ""
    by_text: dict[str, list[int]] = {}
    for weekday, ranges in by_day.items():
        text = ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in _merged(ranges))
        by_text.setdefault(text, []).append(weekday)
    rules = sorted(by_text.items(), key=lambda item: min(item[1]))
    return "; ".join([*(f"{_day_groups(days)} {text}" for text, days in rules), "PH off"])
