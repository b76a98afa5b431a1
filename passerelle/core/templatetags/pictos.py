"""`{% picto "name" %}`: a pictogram of static/pictos/ (the pages people use themselves:
the kiosk, their own link), inlined so that it takes the colour of its text; hidden from
screen readers (its words are always beside it)."""

from __future__ import annotations

import functools
from pathlib import Path

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

PICTOS = Path(__file__).resolve().parents[2] / "static" / "pictos"


@functools.cache
def _svg(name: str) -> str:
    path = PICTOS / f"{name}.svg"
    if not name.replace("-", "").isalnum() or not path.is_file():
        raise template.TemplateSyntaxError(f"No pictogram named {name!r}")
    return (
        path.read_text()
        .strip()
        .replace("<svg ", '<svg class="picto" aria-hidden="true" focusable="false" ', 1)
    )


@register.simple_tag
def picto(name: str) -> str:
    return mark_safe(_svg(name))  # noqa: S308 — files of the project, read once
