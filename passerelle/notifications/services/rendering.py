"""The words of a message: one plain-French template per event, in the person's language,
folded to the GSM alphabet for SMS."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from passerelle.notifications import sms
from passerelle.notifications.events import SPECS, Event


class MissingVariable(Exception):
    pass


def language_for(preferred: str) -> str:
    """The person's language when the messages are translated into it, else French."""
    available = set(settings.MESSAGE_LANGUAGES)
    return preferred if preferred in available else "fr"


def render(event: str, context: dict, *, language: str = "fr") -> tuple[str, str]:
    """(subject, text) in the person's language; raises MissingVariable."""
    spec = SPECS[Event(event)]
    missing = [name for name in spec.required if context.get(name) in (None, "")]
    if missing:
        raise MissingVariable(", ".join(missing))
    with translation.override(language):
        text = " ".join(render_to_string(f"notifications/messages/{event}.txt", context).split())
        if context.get("code") and sms.count(sms_text(text)).segments > 1:
            # The kiosk's code is a convenience (a birth date does too): dropped rather
            # than making the message two SMS.
            context = {**context, "code": ""}
            text = " ".join(
                render_to_string(f"notifications/messages/{event}.txt", context).split()
            )
        subject = str(spec.subject)
    return subject, text


def sms_text(text: str) -> str:
    return sms.fold(text)


def email_text(first_name: str, text: str) -> str:
    return _(
        "Bonjour %(first_name)s,\n\n%(text)s\n\n"
        "Ce message vous est envoyé parce que vous l'avez accepté à l'accueil. "
        "Pour ne plus en recevoir, dites-le à l'accueil.\n"
    ) % {"first_name": first_name, "text": text}
