"""Message logs keep their text and number for the organisation's period (privacy settings,
12 months by default), then only what happened to them (status, dates)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from passerelle.core.models import Organisation
from passerelle.notifications.models import Message
from passerelle.privacy import selectors as privacy


@transaction.atomic
def messages_forget_texts(*, now) -> int:
    """Blank the text, subject and number of messages older than the period; returns how
    many were blanked."""
    blanked = 0
    for organisation in Organisation.objects.all():
        months = privacy.settings_for(organisation).message_retention_months
        old = Message.objects.filter(
            organisation=organisation, created_at__lt=now - relativedelta(months=months)
        ).exclude(body="", recipient="", subject="")
        blanked += old.update(body="", recipient="", subject="")
    return blanked


@transaction.atomic
def messages_forget_texts_task(*, now) -> str:
    """The daily task (`manage.py periodic`)."""
    return _("Messages anciens : %(count)s textes et numéros effacés.") % {
        "count": messages_forget_texts(now=now)
    }
