"""Reads of the privacy app: settings (also for other apps), files due for archiving."""

from __future__ import annotations

import datetime as dt

from passerelle.privacy.models import PrivacySettings


def settings_for(organisation) -> PrivacySettings:
    """The organisation's settings, or the defaults (unsaved) until a manager saves them."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)


def staff_unused_since(*, organisation, cutoff):
    """Active accounts of the organisation not used since `cutoff` (never used: created
    before it)."""
    from django.db.models import Q

    from passerelle.accounts.models import User

    return User.objects.filter(organisation=organisation, is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


def staff_soon_deactivated(*, organisation, now, within_days: int = 14):
    """Active accounts that the daily task will deactivate within `within_days` days: the
    managers are warned on their "Aujourd'hui" page."""
    from dateutil.relativedelta import relativedelta

    months = settings_for(organisation).staff_inactive_months
    cutoff = now - relativedelta(months=months) + dt.timedelta(days=within_days)
    return staff_unused_since(organisation=organisation, cutoff=cutoff).order_by(
        "last_name", "first_name"
    )


WARNING_DAYS = 30


def last_contact_annotated(people):
    """People with `last_contact`: the latest of their activities, notes, messages,
    appointments and workshop sign-ups, or the day the file was opened."""
    from django.db.models import DateField, Max, OuterRef, Subquery
    from django.db.models.functions import Cast, Coalesce, Greatest, TruncDate

    from passerelle.appointments.selectors import latest_appointment_day
    from passerelle.core.models import Activity
    from passerelle.notifications.selectors import latest_message_day
    from passerelle.people.models import Note
    from passerelle.workshops.selectors import latest_registration_day

    opened = TruncDate("created_at")

    def latest(queryset, field):
        return Coalesce(
            Subquery(
                queryset.filter(person_id=OuterRef("pk"))
                .order_by()
                .values("person_id")
                .annotate(last=Max(field))
                .values("last")[:1],
                output_field=DateField(),
            ),
            opened,
        )

    return people.annotate(
        last_contact=Greatest(
            Cast(opened, DateField()),
            latest(Activity.objects.all(), "date"),
            latest(Note.objects.all(), "date"),
            Coalesce(latest_message_day(), opened),
            Coalesce(latest_appointment_day(), opened),
            Coalesce(latest_registration_day(), opened),
        )
    )


def files_to_archive(*, organisation, today, within_days: int = WARNING_DAYS):
    """Files whose retention period ends within `within_days` days (or has ended), not kept
    by a manager's hold: what "Fiches à archiver" lists, latest contact first."""
    from dateutil.relativedelta import relativedelta
    from django.db.models import Exists, OuterRef

    from passerelle.people.models import Person
    from passerelle.privacy.models import RetentionHold

    months = settings_for(organisation).retention_months
    threshold = today - relativedelta(months=months) + dt.timedelta(days=within_days)
    held = RetentionHold.objects.filter(person_id=OuterRef("pk"), until__gt=today)
    return (
        last_contact_annotated(
            Person.objects.filter(organisation=organisation, is_anonymised=False)
        )
        .filter(last_contact__lt=threshold)
        .exclude(Exists(held))
        .order_by("last_contact", "pk")
    )


def retention_end(*, organisation, last_contact):
    from dateutil.relativedelta import relativedelta

    return last_contact + relativedelta(months=settings_for(organisation).retention_months)
