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


# What an SMS gives up, in this order, to stay one SMS (the person's link, when there is one,
# opens a page with all of it): the kiosk's code, what to bring, the full address for the
# site's name, "Infos ou annuler" for "Infos", then the place.
SMS_FALLBACKS = (
    ("code", None),
    ("bring", None),
    ("place", "short_place"),
    ("link_words", "short_link_words"),
    ("place", None),
)
LINK_WORDS = {"link_words": "full", "short_link_words": "short"}


def render(
    event: str, context: dict, *, language: str = "fr", fit_sms: bool = True
) -> tuple[str, str]:
    """(subject, text) in the person's language; raises MissingVariable. For an SMS
    (`fit_sms`), optional parts are left out until the text fits one SMS."""
    spec = SPECS[Event(event)]
    missing = [name for name in spec.required if context.get(name) in (None, "")]
    if missing:
        raise MissingVariable(", ".join(missing))

    def words(values: dict) -> str:
        text = render_to_string(f"notifications/messages/{event}.txt", values)
        return " ".join(text.split())

    if context.get("link"):
        context = {**LINK_WORDS, **context}
    with translation.override(language):
        text = words(context)
        fallbacks = list(SMS_FALLBACKS) if fit_sms else []
        while fallbacks and sms.count(sms_text(text)).segments > 1:
            key, instead = fallbacks.pop(0)
            replacement = context.get(instead, "") if instead else ""
            if context.get(key) and context.get(key) != replacement:
                context = {**context, key: replacement}
                text = words(context)
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
