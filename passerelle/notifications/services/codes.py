"""The six digits that prove a phone is the person's (the public booking page): sent at once,
never written to the messages log (a code is a secret that lives ten minutes)."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from passerelle.notifications import backends, sms

logger = logging.getLogger(__name__)


def send_code(*, to: str, code: str, sender_name: str) -> bool:
    """Send the code now; False when the provider refused or could not be reached."""
    text = sms.fold(
        _("%(code)s est votre code pour confirmer votre rendez-vous à %(name)s.")
        % {"code": code, "name": sender_name}
    )
    try:
        backends.sms_backend().send(to=to, text=text, tag="code")
    except backends.SendError as error:
        logger.warning("Booking code to %s not sent: %s", to[:6], error.reason)
        return False
    return True
