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


def referral_made(*, referral, by):
    """A person sent on to a solidarity offer: an individual support with its referral."""
    return build(
        organisation_id=referral.organisation_id,
        site_id=referral.person.home_site_id,
        kind=enums.ActivityKind.INDIVIDUAL_SUPPORT,
        date=referral.referred_on,
        duration_minutes=15,
        theme=enums.Theme.HARDWARE,
        label=f"Orientation : {referral.get_offer_display()}",
        staff=by,
        person_id=referral.person_id,
        anonymous_count=0,
        referral_to=referral.partner,
        source=referral,
    )
