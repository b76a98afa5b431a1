"""Writing a message (`notify`) and sending it (`deliver`, run by the worker).

    notify(person, Event.APPOINTMENT_BOOKED, {"when": …, "service": …, "place": …},
           key=f"appointment:{pk}:booked", event_at=appointment.starts_at)

Every message, sent or not, is logged as a `Message`. The background task lives here with
the function it runs, so that writing and sending import nothing in a circle.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from passerelle.notifications import backends, sms
from passerelle.notifications.enums import Channel, Status
from passerelle.notifications.models import Message
from passerelle.notifications.services import rules
from passerelle.notifications.services.rendering import (
    MissingVariable,
    email_text,
    language_for,
    render,
    sms_text,
)
from passerelle.people.selectors import Contact, contact_for

logger = logging.getLogger(__name__)

# Minutes to wait before each new try after a temporary failure.
BACKOFF_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1


@transaction.atomic
def notify(
    *,
    person,
    event: str,
    context: dict,
    key: str,
    event_at: dt.datetime | None = None,
    not_before: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[Message]:
    """Write and queue the message on each channel the person agreed to. Never raises for
    bad data: a message that cannot be sent is logged as failed with the reason.

    `person` is the people app's `Person`; only its contact (`people.selectors.contact_for`)
    is read. Each message is written in its own savepoint, so that one already written for
    its key (never twice) does not undo the others."""
    now = now or timezone.now()
    contact = contact_for(person)
    if contact.anonymised or not rules.event_enabled(contact.organisation_id, event):
        return []
    if event_at is not None and event_at <= now:
        return []
    written = []
    for channel, recipient in rules.channels(contact):
        message = _write(
            contact,
            event,
            context,
            channel=channel,
            recipient=recipient,
            key=key,
            event_at=event_at,
            send_after=rules.next_allowed(max(now, not_before or now)),
        )
        if message is not None:
            written.append(message)
    return written


def _write(contact: Contact, event, context, *, channel, recipient, key, event_at, send_after):
    status, reason, subject, body, segments = Status.QUEUED, "", "", "", 0
    try:
        subject, text = render(
            event,
            context,
            language=language_for(contact.language),
            fit_sms=channel == Channel.SMS,
        )
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
            if not rules.is_mobile(recipient):
                status = Status.FAILED
                reason = _("Ce numéro n'est pas un portable : appeler la personne.")
        else:
            body = email_text(contact.first_name, text)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                organisation_id=contact.organisation_id,
                person_id=contact.person_id,
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


@task(queue_name="default")
def deliver_message(message_id: int) -> str:
    """The background task (django-tasks' database backend, `manage.py db_worker`)."""
    return deliver(message_id=message_id)


def _enqueue(message: Message) -> None:
    run_after = message.send_after if message.send_after > timezone.now() else None
    deliver_message.using(run_after=run_after).enqueue(message.pk)


def deliver(*, message_id: int, now: dt.datetime | None = None) -> str:
    """Send one queued message; what the worker runs. Safe to run twice.

    Deliberately not one transaction: the message is claimed (queued → sending) by one
    UPDATE, then the provider is called with no lock held, then the outcome is saved."""
    now = now or timezone.now()
    claimed = Message.objects.filter(pk=message_id, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return "already handled"
    message = Message.objects.select_related("person").get(pk=message_id)
    refusal = rules.refusal(
        contact=contact_for(message.person),
        channel=message.channel,
        event=message.event,
        event_at=message.event_at,
        now=now,
    )
    if refusal:
        _finish(message, status=Status.CANCELLED, reason=refusal)
        return "cancelled"
    if rules.in_quiet_hours(now):
        message.status = Status.QUEUED
        message.attempts -= 1
        message.send_after = rules.next_allowed(now)
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


# A message still "sending" this long after its claim was left by a worker that died.
STUCK_AFTER = dt.timedelta(minutes=15)


@transaction.atomic
def messages_unstick(*, now: dt.datetime) -> int:
    """Messages left "sending" by a worker that died mid-request: the provider may or may not
    have sent them, so they are never sent again (never twice); they become failures for
    reception to check with the person, like any other failure."""
    return Message.objects.filter(status=Status.SENDING, updated_at__lt=now - STUCK_AFTER).update(
        status=Status.FAILED,
        reason=_(
            "L'envoi a été interrompu : vérifiez avec la personne si elle l'a reçu "
            "(il n'est pas renvoyé, pour ne jamais l'envoyer deux fois)."
        ),
        updated_at=now,
    )


@transaction.atomic
def messages_unstick_task(*, now: dt.datetime) -> str:
    """The daily task (`manage.py periodic`)."""
    count = messages_unstick(now=now)
    return f"Messages : {count} envois interrompus passés en échec, à vérifier par l'accueil."


@transaction.atomic
def message_mark_handled(*, message: Message, by) -> None:
    """Reception phoned the person about a failed message."""
    Message.objects.filter(pk=message.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by
    )
