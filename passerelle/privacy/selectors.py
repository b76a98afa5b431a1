"""Reads of the privacy settings, for the other apps (message retention, staff accounts)."""

from __future__ import annotations

from passerelle.privacy.models import PrivacySettings


def settings_for(organisation) -> PrivacySettings:
    """The organisation's settings, or the defaults (unsaved) until a manager saves them."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)


def staff_soon_deactivated(*, organisation, now, within_days: int = 14):
    """Active accounts that the daily task will deactivate within `within_days` days: the
    managers are warned on their "Aujourd'hui" page."""
    import datetime as dt

    from dateutil.relativedelta import relativedelta
    from django.db.models import Q

    from passerelle.accounts.models import User

    months = settings_for(organisation).staff_inactive_months
    cutoff = now - relativedelta(months=months) + dt.timedelta(days=within_days)
    return (
        User.objects.filter(organisation=organisation, is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .order_by("last_name", "first_name")
    )
