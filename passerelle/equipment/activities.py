"""The Activity a loan writes when the device goes out (core/activities.py): the person was
equipped that day. The Coop's export leaves loans out (not an accompaniment)."""

from __future__ import annotations

from passerelle.core import enums
from passerelle.core.activities import build


def loan_started(*, loan, by):
    device = loan.device
    return build(
        organisation_id=device.organisation_id,
        site_id=device.site_id,
        kind=enums.ActivityKind.EQUIPMENT_LOAN,
        date=loan.starts_on,
        duration_minutes=15,
        theme=enums.Theme.HARDWARE,
        label=f"{device.get_kind_display()} prêté(e)",
        staff=by,
        person_id=loan.person_id,
        anonymous_count=0,
        source=loan,
    )
