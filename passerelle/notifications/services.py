"""Notifications: the one function the apps call, and what the worker does with it.

    notify(person, Event.APPOINTMENT_BOOKED, {"when": …, "service": …, "place": …},
           key=f"appointment:{pk}:booked", event_at=appointment.starts_at)

Rules, checked when the message is written and again when it is sent: consent to the
channel (withdrawn → nothing more goes out), the event switched on for the structure, not
at night (quiet hours: queued until morning), never twice for the same key and channel,
nothing for an event already past. Every message, sent or not, is logged as a `Message`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.notifications import backends, sms
from passerelle.notifications.events import SPECS, Event
from passerelle.notifications.models import Channel, EventSetting, Message, Status
from passerelle.people.enums import ConsentScope
from passerelle.people.models import Person
from passerelle.people.services import consent_withdraw, has_consent

logger = logging.getLogger(__name__)

# Minutes to wait before each new try after a temporary failure.
BACKOFF_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
SCOPES = {Channel.SMS: ConsentScope.SMS, Channel.EMAIL: ConsentScope.EMAIL}


# --- rules ---------------------------------------------------------------------------------


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
def set_enabled_events(*, organisation, enabled: Iterable[str], by) -> None:
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


# --- writing -------------------------------------------------------------------------------


class MissingVariable(Exception):
    pass


def _language(person: Person) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    return person.preferred_language if person.preferred_language in available else "fr"


def render(event: str, context: dict, *, language: str = "fr") -> tuple[str, str]:
    """(subject, text) in the person's language; raises MissingVariable."""
    spec = SPECS[Event(event)]
    missing = [name for name in spec.required if context.get(name) in (None, "")]
    if missing:
        raise MissingVariable(", ".join(missing))
    with translation.override(language):
        text = render_to_string(f"notifications/messages/{event}.txt", context)
        subject = str(spec.subject)
    return subject, " ".join(text.split())


def sms_text(text: str) -> str:
    return sms.fold(text)


def email_text(person: Person, text: str) -> str:
    return _(
        "Bonjour %(first_name)s,\n\n%(text)s\n\n"
        "Ce message vous est envoyé parce que vous l'avez accepté à l'accueil. "
        "Pour ne plus en recevoir, dites-le à l'accueil.\n"
    ) % {"first_name": person.first_name, "text": text}


@dataclass
class Notice:
    """A message an app wants sent (reminder sources yield these)."""

    person: Person
    event: str
    context: dict
    key: str
    event_at: dt.datetime | None = None
    not_before: dt.datetime | None = None


def notify(
    person: Person,
    event: str,
    context: dict,
    *,
    key: str,
    event_at: dt.datetime | None = None,
    not_before: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[Message]:
    """Write and queue the message on each channel the person agreed to. Never raises for
    bad data: a message that cannot be sent is logged as failed with the reason."""
    now = now or timezone.now()
    if person.is_anonymised or not event_enabled(person.organisation_id, event):
        return []
    if event_at is not None and event_at <= now:
        return []
    written = []
    for channel, recipient in _channels(person):
        message = _write(
            person,
            event,
            context,
            channel=channel,
            recipient=recipient,
            key=key,
            event_at=event_at,
            send_after=next_allowed(max(now, not_before or now)),
        )
        if message is not None:
            written.append(message)
    return written


def _channels(person: Person) -> list[tuple[str, str]]:
    channels = []
    if person.phone and has_consent(person, ConsentScope.SMS):
        channels.append((Channel.SMS, str(person.phone)))
    if person.email and has_consent(person, ConsentScope.EMAIL):
        channels.append((Channel.EMAIL, person.email))
    return channels


def _write(person, event, context, *, channel, recipient, key, event_at, send_after):
    status, reason, subject, body, segments = Status.QUEUED, "", "", "", 0
    try:
        subject, text = render(event, context, language=_language(person))
    except MissingVariable as error:
        status, reason = (
            Status.FAILED,
            _("Texte incomplet : il manque %(names)s.") % {"names": error},
        )
    except (TemplateDoesNotExist, TemplateSyntaxError, ValueError) as error:
        logger.exception("Template of %s", event)
        status, reason = (
            Status.FAILED,
            _("Modèle de message en erreur : %(error)s") % {"error": error},
        )
    else:
        if channel == Channel.SMS:
            body = sms_text(text)
            segments = sms.count(body).segments
            if not is_mobile(recipient):
                status = Status.FAILED
                reason = _("Ce numéro n'est pas un portable : appeler la personne.")
        else:
            body = email_text(person, text)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                organisation_id=person.organisation_id,
                person=person,
                event=event,
                channel=channel,
                key=key,
                recipient=recipient,
                subject=subject,
                body=body,
                segments=segments,
                status=status,
                reason=reason,
                send_after=send_after,
                event_at=event_at,
            )
            if status == Status.QUEUED:
                _enqueue(message)
    except IntegrityError:
        return None  # already written for this key and channel: never twice
    return message


def _enqueue(message: Message) -> None:
    from passerelle.notifications.tasks import deliver_message

    run_after = message.send_after if message.send_after > timezone.now() else None
    deliver_message.using(run_after=run_after).enqueue(message.pk)


# --- sending -------------------------------------------------------------------------------


def deliver(message_id: int, *, now: dt.datetime | None = None) -> str:
    """Send one queued message; what the worker runs. Safe to run twice."""
    now = now or timezone.now()
    claimed = Message.objects.filter(pk=message_id, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return "already handled"
    message = Message.objects.select_related("person").get(pk=message_id)
    refusal = _refusal(message, now)
    if refusal:
        _finish(message, status=Status.CANCELLED, reason=refusal)
        return "cancelled"
    if in_quiet_hours(now):
        message.status = Status.QUEUED
        message.attempts -= 1
        message.send_after = next_allowed(now)
        message.save(update_fields=["status", "attempts", "send_after", "updated_at"])
        _enqueue(message)
        return "postponed"
    try:
        if message.channel == Channel.SMS:
            result = backends.sms_backend().send(
                to=message.recipient, text=message.body, tag=message.event
            )
        else:
            result = backends.send_email(
                to=message.recipient, subject=message.subject, text=message.body
            )
    except backends.SendError as error:
        return _failed(message, error.reason, temporary=error.temporary, now=now)
    except Exception as error:  # a backend bug must not stop the other messages
        logger.exception("Sending message %s", message.pk)
        return _failed(message, _("Erreur inattendue : %(error)s") % {"error": error}, now=now)
    message.status = Status.SENT
    message.sent_at = now
    message.reason = ""
    message.provider_id = result.provider_id[:100]
    if result.segments is not None and message.channel == Channel.SMS:
        message.segments = result.segments
    message.save(
        update_fields=["status", "sent_at", "reason", "provider_id", "segments", "updated_at"]
    )
    return "sent"


def _refusal(message: Message, now: dt.datetime) -> str:
    person = message.person
    if message.event_at is not None and message.event_at <= now:
        return _("L'événement est passé.")
    if person.is_anonymised:
        return _("La fiche a été anonymisée.")
    if not has_consent(person, SCOPES[message.channel]):
        return _("La personne a retiré son accord.")
    if not event_enabled(message.organisation_id, message.event):
        return _("Ce type de message a été désactivé.")
    return ""


def _failed(message: Message, reason: str, *, temporary: bool = False, now) -> str:
    if temporary and message.attempts < MAX_ATTEMPTS:
        wait = BACKOFF_MINUTES[message.attempts - 1]
        message.status = Status.QUEUED
        message.reason = _("Nouvel essai dans %(minutes)s min : %(reason)s") % {
            "minutes": wait,
            "reason": reason,
        }
        message.send_after = now + dt.timedelta(minutes=wait)
        message.save(update_fields=["status", "reason", "send_after", "updated_at"])
        _enqueue(message)
        return "retry"
    _finish(message, status=Status.FAILED, reason=reason)
    return "failed"


def _finish(message: Message, *, status: str, reason: str) -> None:
    message.status = status
    message.reason = reason[:300]
    message.save(update_fields=["status", "reason", "updated_at"])


def mark_handled(*, message: Message, by) -> None:
    Message.objects.filter(pk=message.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by
    )


# --- what the provider tells us ------------------------------------------------------------


STOP_WORDS = {"STOP", "STOP SMS", "ARRET", "ARRÊT"}


@transaction.atomic
def opt_out(phone_digits: str) -> int:
    """A STOP reply: SMS consent withdrawn for everyone with this number, and their queued
    SMS cancelled. Returns how many people it concerned."""
    number = "+" + phone_digits.lstrip("+")
    people = list(Person.objects.filter(phone=number, is_anonymised=False))
    for person in people:
        consent_withdraw(person=person, scope=ConsentScope.SMS, by=None)
        audit_log(
            actor=None,
            action=core_enums.AuditAction.PERSON_UPDATED,
            organisation=person.organisation,
            person_id=person.pk,
            summary=_("Accord SMS retiré : la personne a répondu STOP."),
        )
    Message.objects.filter(channel=Channel.SMS, recipient=number, status=Status.QUEUED).update(
        status=Status.CANCELLED, reason=_("La personne a répondu STOP.")
    )
    return len(people)


def provider_report(payload: dict) -> str:
    """A delivery report or a reply posted by the SMS provider (Brevo's webhook fields:
    `to`, `messageId`, `msg_status`/`event`, `reply`)."""
    status = str(payload.get("msg_status") or payload.get("event") or "").strip().lower()
    reply = " ".join(str(payload.get("reply") or payload.get("text") or "").split()).upper()
    to = "".join(ch for ch in str(payload.get("to") or payload.get("from") or "") if ch.isdigit())
    if to and (status in {"unsubscribe", "unsubscribed", "stop"} or reply in STOP_WORDS):
        opt_out(to)
        return "opt_out"
    provider_id = str(payload.get("messageId") or payload.get("message_id") or "")
    if not provider_id:
        return "ignored"
    messages = Message.objects.filter(channel=Channel.SMS, provider_id=provider_id)
    if status == "delivered":
        messages.filter(status=Status.SENT).update(status=Status.DELIVERED)
        return "delivered"
    if status in {"hardbounce", "hard_bounce", "rejected", "blacklisted", "error"}:
        messages.exclude(status=Status.FAILED).update(
            status=Status.FAILED,
            reason=_("Non distribué par l'opérateur (%(status)s).") % {"status": status},
        )
        return "failed"
    return "ignored"


# --- reminders -----------------------------------------------------------------------------

ReminderSource = Callable[[dt.date, dt.datetime], Iterable[Notice]]
REMINDER_SOURCES: list[ReminderSource] = []


def register_reminder_source(source: ReminderSource) -> None:
    if source not in REMINDER_SOURCES:
        REMINDER_SOURCES.append(source)


def schedule_reminders(*, now: dt.datetime | None = None) -> int:
    """Queue today's reminders from every source. Running it twice writes nothing twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    written = 0
    for source in REMINDER_SOURCES:
        for notice in source(today, now):
            written += len(
                notify(
                    notice.person,
                    notice.event,
                    notice.context,
                    key=notice.key,
                    event_at=notice.event_at,
                    not_before=notice.not_before,
                    now=now,
                )
            )
    return written
