"""The loan agreement (convention de prêt), printed and signed at the desk."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from passerelle.core.documents import pdf_from_html


def agreement_pdf(*, loan) -> bytes:
    html = render_to_string(
        "equipment/agreement.html",
        {
            "loan": loan,
            "device": loan.device,
            "person": loan.person,
            "organisation": loan.device.organisation,
            "printed_at": timezone.localtime(),
        },
    )
    return pdf_from_html(html)
