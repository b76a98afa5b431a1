"""Tags for the rows of long lists, where Django's own cost adds up: `{% url %}` resolves its
pattern again for every row (≈ 0.1 ms), and a phone number is checked and formatted by
libphonenumber each time it is tested or shown (≈ 0.15 ms for `{% if %}`, the link and the
text). Fifty rows made a tenth of a list page. A day written out ("mardi 13 janvier") asks
for the names of its weekday and month in the page's language each time (≈ 25 µs); a moment
in figures ("13/01/2026 14:05") went through the same machinery (≈ 30 µs).

    {% load rows %}
    <a href="{% row_url 'people:detail' person.pk %}">{{ person }}</a>
    <a href="{% fixed_url 'accounts:profile' %}">…</a>
    {{ person.phone|phone_link|default:"—" }}
    {{ occurrence.closes_on|day:"l j F" }}
    {{ message.created_at|moment:"d/m/Y H:i" }}
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import phonenumbers
from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.translation import get_language

from passerelle.core.addresses import fixed_address, keyed_address

register = template.Library()


@register.simple_tag
def row_url(viewname: str, key: int) -> str:
    """The address of `viewname` for the integer `key`, as `{% url viewname key %}` gives it:
    the pattern is reversed once per process (and script prefix), then the key put in."""
    return keyed_address(viewname, key)


@register.simple_tag
def fixed_url(viewname: str) -> str:
    """`{% url viewname %}` for a page without arguments (the page frame's links)."""
    return fixed_address(viewname)


@lru_cache(maxsize=20_000)
def _phone_formats(
    country_code: int, national_number: int, leading_zeros: int, extension: str
) -> tuple[str, str]:
    number = phonenumbers.PhoneNumber(
        country_code=country_code,
        national_number=national_number,
        extension=extension or None,
        italian_leading_zero=leading_zeros > 0 or None,
        number_of_leading_zeros=leading_zeros or None,
    )
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
    )


def _formats(phone) -> tuple[str | None, str] | None:
    """(E.164, national) of a stored number; (None, the text) for one that could not be read
    as a number; None when there is none."""
    if not isinstance(phone, phonenumbers.PhoneNumber):
        return None
    if not phone.national_number:
        return (None, phone.raw_input) if phone.raw_input else None
    zeros = (phone.number_of_leading_zeros or 1) if phone.italian_leading_zero else 0
    return _phone_formats(phone.country_code, phone.national_number, zeros, phone.extension or "")


@register.filter
def phone_link(phone) -> str:
    """A link that dials the number, showing it as written in its country; "" without one."""
    formats = _formats(phone)
    if formats is None:
        return ""
    e164, national = formats
    if e164 is None:
        return format_html("{}", national)
    return format_html('<a href="tel:{}">{}</a>', e164, national)


@register.filter
def phone_national(phone) -> str:
    """The number as written in its country (06 12 34 56 78); "" without one."""
    formats = _formats(phone)
    return "" if formats is None else formats[1]


@lru_cache(maxsize=4_096)
def _day(value: dt.date, fmt: str, language: str | None) -> str:
    return date_filter(value, fmt)


# Django's format characters that read only the calendar day (not the time, not the zone).
_DAY_ONLY = frozenset("dDjlNSwzWFmMnyYLtoE")


@lru_cache(maxsize=256)
def _reads_the_day_only(fmt: str) -> bool:
    escaped = False
    for char in fmt:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char.isalpha() and char not in _DAY_ONLY:
            return False
    return True


@register.filter(expects_localtime=True)
def day(value, fmt: str) -> str:
    """`value|date:fmt` for a calendar day, written once per process for each day, format
    and language. A moment (already in the local time zone in a template) is written as its
    day when `fmt` reads only the day; otherwise, and for anything else, Django's `date`
    filter writes it."""
    if type(value) is dt.datetime and _reads_the_day_only(fmt):
        value = value.date()
    if type(value) is not dt.date:
        return date_filter(value, fmt)
    return _day(value, fmt, get_language())


# The format characters a moment in figures is written with, as Django's `date` writes them.
_FIGURES = {
    "d": lambda v: f"{v.day:02d}",
    "j": lambda v: str(v.day),
    "m": lambda v: f"{v.month:02d}",
    "n": lambda v: str(v.month),
    "Y": lambda v: f"{v.year:04d}",
    "y": lambda v: f"{v.year % 100:02d}",
    "H": lambda v: f"{v.hour:02d}",
    "G": lambda v: str(v.hour),
    "i": lambda v: f"{v.minute:02d}",
}


@lru_cache(maxsize=256)
def _figures_plan(fmt: str) -> tuple | None:
    """`fmt` as text and writers, when it asks only for figures; else None."""
    parts: list = []
    escaped = False
    for char in fmt:
        if escaped:
            parts.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _FIGURES:
            parts.append(_FIGURES[char])
        elif char.isalpha():
            return None
        else:
            parts.append(char)
    return tuple(parts)


@register.filter(expects_localtime=True)
def moment(value, fmt: str) -> str:
    """`value|date:fmt` for a date and time written in figures ("d/m/Y H:i", "H\\hi"), in the
    local time zone as `date` gives it; a format with names (weekday, month) is left to
    Django's `date` filter."""
    plan = _figures_plan(fmt) if isinstance(value, dt.datetime) else None
    if plan is None:
        return date_filter(value, fmt)
    return "".join(part if isinstance(part, str) else part(value) for part in plan)
