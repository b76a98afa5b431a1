"""Message logs keep their text and number for the organisation's period (the privacy app's
settings, 12 months by default, which its daily task passes), then only what happened to
them (status, dates)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.db import transaction

from passerelle.notifications.models import Message


@transaction.atomic
def messages_forget_texts(*, organisation, months: int, now) -> int:
    """Blank the text, subject and number of the organisation's messages older than
    `months`; returns how many were blanked."""
    old = Message.objects.filter(
        organisation=organisation, created_at__lt=now - relativedelta(months=months)
    ).exclude(body="", recipient="", subject="")
    return old.update(body="", recipient="", subject="", reason="")
