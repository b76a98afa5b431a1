"""The sheet of guest passes: A4, three columns of cut-out one-time codes."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from passerelle.core.documents import pdf_from_html


def guest_pass_sheet_pdf(*, room, passes) -> bytes:
    html = render_to_string(
        "room/guest_pass_sheet.html",
        {
            "room": room,
            "passes": passes,
            "organisation": room.site.organisation,
            "printed_at": timezone.localtime(),
        },
    )
    return pdf_from_html(html)
