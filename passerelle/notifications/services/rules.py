"""The rules every message obeys, checked when it is written and again when it is sent:
consent to the channel, the event switched on for the structure, quiet hours, a mobile
number for SMS, nothing for an event already past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.notifications.enums import Channel
from passerelle.notifications.events import Event
from passerelle.notifications.models import EventSetting
from passerelle.people.enums import ConsentScope
from passerelle.people.selectors import Contact

SCOPES = {Channel.SMS: ConsentScope.SMS, Channel.EMAIL: ConsentScope.EMAIL}


def _quiet() -> tuple[dt.time, dt.time]:
    return settings.NOTIFICATIONS_QUIET_START, settings.NOTIFICATIONS_QUIET_END


def in_quiet_hours(at: dt.datetime) -> bool:
    start, end = _quiet()
    local = timezone.localtime(at).time()
    return local >= start or local < end


def next_allowed(at: dt.datetime) -> dt.datetime:
    """`at` itself outside quiet hours, else the end of this night."""
    if not in_quiet_hours(at):
        return at
    start, end = _quiet()
    local = timezone.localtime(at)
    day = local.date() if local.time() < end else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, end))


def morning_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, settings.NOTIFICATIONS_QUIET_END))


def event_enabled(organisation_id: int, event: str) -> bool:
    setting = EventSetting.objects.filter(organisation_id=organisation_id, event=event).first()
    return setting is None or setting.enabled


def enabled_events(organisation) -> dict[str, bool]:
    switched = dict(
        EventSetting.objects.filter(organisation=organisation).values_list("event", "enabled")
    )
    return {event: switched.get(event, True) for event in Event.values}


@transaction.atomic
def enabled_events_set(*, organisation, enabled: Iterable[str], by) -> None:
    enabled = set(enabled)
    for event in Event.values:
        EventSetting.objects.update_or_create(
            organisation=organisation, event=event, defaults={"enabled": event in enabled}
        )
    audit_log(
        actor=by,
        action=core_enums.AuditAction.CATALOGUE_CHANGED,
        organisation=organisation,
        summary=_("Messages envoyés : %(count)s types sur %(total)s")
        % {"count": len(enabled), "total": len(Event.values)},
    )


def is_mobile(phone) -> bool:
    try:
        number = phonenumbers.parse(str(phone), "FR")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def channels(contact: Contact) -> list[tuple[str, str]]:
    """(channel, recipient) for each channel the person agreed to and can be reached on."""
    found = []
    if contact.phone and contact.agrees_to(ConsentScope.SMS):
        found.append((Channel.SMS, contact.phone))
    if contact.email and contact.agrees_to(ConsentScope.EMAIL):
        found.append((Channel.EMAIL, contact.email))
    return found


def refusal(*, contact: Contact, channel: str, event: str, event_at, now) -> str:
    """Why this message must not go out now (empty: it may)."""
    if event_at is not None and event_at <= now:
        return _("L'événement est passé.")
    if contact.anonymised:
        return _("La fiche a été anonymisée.")
    if not contact.agrees_to(SCOPES[channel]):
        return _("La personne a retiré son accord.")
    if not event_enabled(contact.organisation_id, event):
        return _("Ce type de message a été désactivé.")
    return ""


def would_reach(*, contact: Contact, event: str) -> bool:
    """Whether a message for this event could reach the person on some channel now."""
    return (
        not contact.anonymised
        and event_enabled(contact.organisation_id, event)
        and bool(channels(contact))
    )
