"""The messages' part of a person's data (right of access)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.readable import readable
from passerelle.notifications.models import Message
from passerelle.people.extensions import PersonData, register_person_data


def _messages(person):
    return [
        readable(m, ["created_at", "event", "channel", "recipient", "body", "status", "sent_at"])
        for m in Message.objects.filter(person=person).order_by("created_at", "pk")
    ]


def _anonymise(person):
    """The messages' status stays (what was sent, when); their text and number go, and
    nothing more is sent."""
    from passerelle.notifications.enums import Status

    Message.objects.filter(person=person, status=Status.QUEUED).update(status=Status.CANCELLED)
    Message.objects.filter(person=person).update(body="", subject="", recipient="", reason="")


def register() -> None:
    register_person_data(
        PersonData(
            "messages",
            _("Les messages envoyés"),
            _("Les SMS et e-mails de rappel, envoyés seulement avec votre accord."),
            (Message,),
            _messages,
            _anonymise,
        )
    )
