"""Dates written out the way people say them: "mardi 3 décembre à 14h30"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def spoken_day(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, dt.date):
        return ""
    return formats.date_format(value, "l j F")


@register.filter
def spoken_time(value) -> str:
    if not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value)
    return f"{local:%H}h{local:%M}" if local.minute else f"{local:%H}h"


@register.filter
def spoken(value) -> str:
    """Day and hour; only the day for a date."""
    if isinstance(value, dt.datetime):
        return f"{spoken_day(value)} à {spoken_time(value)}"
    return spoken_day(value)
