"""Tags for the rows of long lists, where Django's own cost adds up: `{% url %}` resolves its
pattern again for every row (≈ 0.1 ms), and a phone number is checked and formatted by
libphonenumber each time it is tested or shown (≈ 0.15 ms for `{% if %}`, the link and the
text). Fifty rows made a tenth of a list page.

    {% load rows %}
    <a href="{% row_url 'people:detail' person.pk %}">{{ person }}</a>
    {{ person.phone|phone_link|default:"—" }}
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html

register = template.Library()

# A number no real key reaches, to find where the key goes in a reversed address.
_MARK = "987654321987654321"


@lru_cache(maxsize=512)
def _around_key(viewname: str, prefix: str) -> tuple[str, str]:
    """What comes before and after the key in `viewname`'s address under `prefix`."""
    address = reverse(viewname, args=[int(_MARK)])
    head, found, tail = address.partition(_MARK)
    if not found or _MARK in tail:
        raise template.TemplateSyntaxError(f"row_url: {viewname} takes one key")
    return head, tail


@register.simple_tag
def row_url(viewname: str, key: int) -> str:
    """The address of `viewname` for the integer `key`, as `{% url viewname key %}` gives it:
    the pattern is reversed once per process (and script prefix), then the key put in."""
    head, tail = _around_key(viewname, get_script_prefix())
    return f"{head}{int(key)}{tail}"


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
