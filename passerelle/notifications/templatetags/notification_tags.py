"""Dates written out the way people say them ("mardi 3 décembre à 14h30"), and a message's
state as the lists show it."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from passerelle.notifications.enums import Status

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


_STATUS_CLASS = {
    Status.FAILED: "badge badge-warning",
    Status.SENT: "badge",
    Status.DELIVERED: "badge",
}


@register.simple_tag
def message_status(message) -> str:
    """The state as a badge (failed stands out), then why, if the provider said: a tag rather
    than an included template, which cost as much again on each row of the log."""
    state = format_html(
        '<span class="{}">{}</span>',
        _STATUS_CLASS.get(message.status, "muted"),
        message.get_status_display(),
    )
    if not message.reason:
        return state
    return format_html('{} <span class="muted">— {}</span>', state, message.reason)
