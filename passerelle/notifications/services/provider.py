"""What the SMS provider tells us: delivery reports and STOP replies (Brevo's webhook)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelle.core import enums as core_enums
from passerelle.core.events import emit
from passerelle.core.services import audit_log
from passerelle.notifications.enums import Channel, Status
from passerelle.notifications.models import Message
from passerelle.people.enums import ConsentScope
from passerelle.people.selectors import people_with_phone
from passerelle.people.services import consent_withdraw

STOP_WORDS = {"STOP", "STOP SMS", "ARRET", "ARRÊT"}
# A reply that cancels the person's next appointment (the appointments app listens).
CANCEL_WORDS = {"ANNULER", "ANNULE", "ANNULÉ", "ANNULATION", "JE NE PEUX PAS VENIR"}
# What the provider's delivery statuses mean for the person at reception who will call.
UNDELIVERED = {
    "hardbounce": gettext_lazy("numéro invalide ou qui n'existe plus"),
    "hard_bounce": gettext_lazy("numéro invalide ou qui n'existe plus"),
    "hardbounces": gettext_lazy("numéro invalide ou qui n'existe plus"),
    "softbounce": gettext_lazy("téléphone éteint ou hors réseau"),
    "soft_bounce": gettext_lazy("téléphone éteint ou hors réseau"),
    "softbounces": gettext_lazy("téléphone éteint ou hors réseau"),
    "blacklisted": gettext_lazy("numéro qui refuse les SMS de ce type"),
    "rejected": gettext_lazy("refusé par l'opérateur"),
    "error": gettext_lazy("erreur chez le prestataire SMS"),
}


@transaction.atomic
def opt_out(*, phone_digits: str) -> int:
    """A STOP reply: SMS consent withdrawn for everyone with this number, and their queued
    SMS cancelled. Returns how many people it concerned."""
    number = "+" + phone_digits.lstrip("+")
    people = people_with_phone(number)
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


@transaction.atomic
def cancel_requested(*, phone_digits: str) -> int:
    """An "ANNULER" reply: each person with this number asks to cancel their next
    appointment; the appointments app does it and answers (after commit). Journaled."""
    number = "+" + phone_digits.lstrip("+")
    people = people_with_phone(number)
    for person in people:
        audit_log(
            actor=None,
            action=core_enums.AuditAction.PERSONAL_LINK,
            organisation=person.organisation,
            person_id=person.pk,
            summary=_("SMS « ANNULER » reçu."),
        )
    if people:
        emit("notifications.cancel_requested", person_ids=[p.pk for p in people])
    return len(people)


@transaction.atomic
def provider_report(*, payload: dict) -> str:
    """A delivery report or a reply posted by the SMS provider (Brevo's webhook fields:
    `to`, `messageId`, `msg_status`/`event`, `reply`)."""
    status = str(payload.get("msg_status") or payload.get("event") or "").strip().lower()
    reply = " ".join(str(payload.get("reply") or payload.get("text") or "").split()).upper()
    to = "".join(ch for ch in str(payload.get("to") or payload.get("from") or "") if ch.isdigit())
    if to and (status in {"unsubscribe", "unsubscribed", "stop"} or reply in STOP_WORDS):
        opt_out(phone_digits=to)
        return "opt_out"
    if to and reply.rstrip(".! ") in CANCEL_WORDS:
        cancel_requested(phone_digits=to)
        return "cancel"
    provider_id = str(payload.get("messageId") or payload.get("message_id") or "")
    if not provider_id:
        return "ignored"
    messages = Message.objects.filter(channel=Channel.SMS, provider_id=provider_id)
    if status == "delivered":
        messages.filter(status=Status.SENT).update(status=Status.DELIVERED)
        return "delivered"
    if status in UNDELIVERED:
        messages.exclude(status=Status.FAILED).update(
            status=Status.FAILED,
            reason=_("SMS non reçu : %(why)s.") % {"why": UNDELIVERED[status]},
        )
        return "failed"
    return "ignored"
