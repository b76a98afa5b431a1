"""For the PDFs: a chart drawn as SVG becomes an image with its alternative text, so that a
tagged PDF (PDF/UA) names it for screen readers."""

from __future__ import annotations

import base64

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def as_image(svg, alt: str):
    """`{{ chart|as_image:alt }}`: the chart as an <img> with `alt`."""
    if not svg:
        return ""
    data = base64.b64encode(str(svg).encode()).decode()
    return format_html('<img class="chart" src="data:image/svg+xml;base64,{}" alt="{}">', data, alt)
