"""Rows as a person reads them: field labels and values in plain French, for the right of
access (GDPR art. 15) archive and anything else that shows a record whole."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def value_text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(item) for item in value)
    return str(value)


def readable(instance: models.Model, fields: list[str]) -> dict[str, str]:
    """{label: value} for `fields` of `instance`, choices by their label; empty values kept
    out (the archive says what is known, not every empty box)."""
    row = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, name)
        if field.choices and value not in (None, ""):
            value = getattr(instance, f"get_{name}_display")()
        text = value_text(value)
        if text:
            row[str(capfirst(field.verbose_name))] = text
    return row
