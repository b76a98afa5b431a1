"""A ceiling per address above django-axes' lock per (account, address).

Axes locks an account tried five times from one address, and only that pair: colleagues
behind the same NAT or proxy go on working. A password-spraying attack tries many accounts
from one address instead; past `PASSERELLE_LOGIN_ADDRESS_CEILING` failures from one address
within the cool-off time, that address gets the same "too many attempts" page for every
account.
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def address_failures(ip: str | None) -> int:
    if not ip:
        return 0
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def address_over_ceiling(ip: str | None) -> bool:
    return address_failures(ip) >= settings.PASSERELLE_LOGIN_ADDRESS_CEILING
