"""The free seats of a session as the lists show them."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def seats(session) -> str:
    """ "3 places libres sur 8", or "Complet" and how many wait. A tag, not two
    `{% blocktranslate count %}` in the row: those were more than half of the upcoming
    list's rendering (55 µs a row). Needs the `with_counts()` annotation."""
    if session.confirmed_count < session.capacity:
        free = session.free_seats
        return ngettext(
            "%(counter)s place libre sur %(capacity)s",
            "%(counter)s places libres sur %(capacity)s",
            free,
        ) % {"counter": free, "capacity": session.capacity}
    full = format_html('<span class="badge badge-warning">{}</span>', _("Complet"))
    waiting = session.waiting_count
    if not waiting:
        return full
    return format_html(
        "{} {}",
        full,
        ngettext("%(counter)s en attente", "%(counter)s en attente", waiting)
        % {"counter": waiting},
    )
