"""Where messages go: SMS backends chosen by `NOTIFICATIONS_SMS_BACKEND`, e-mail through
Django's `EMAIL_BACKEND` (SMTP in production, console in demo and development).

A backend either returns a `Result` or raises `SendError`, temporary (worth another try:
timeout, 5xx, connection refused) or not (a number the provider refuses).
"""

from __future__ import annotations

import json
import logging
import smtplib
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.utils.module_loading import import_string

from passerelle.notifications import sms

logger = logging.getLogger(__name__)


class SendError(Exception):
    def __init__(self, reason: str, *, temporary: bool):
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary


@dataclass(frozen=True)
class Result:
    provider_id: str = ""
    segments: int | None = None


class ConsoleBackend:
    """Prints each SMS: the default in demo and development, so nothing leaves the machine."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, text: str, tag: str) -> Result:
        self.stream.write(f"[SMS à {to}] {text}\n")
        self.stream.flush()
        return Result(provider_id="", segments=sms.count(text).segments)


class LocmemBackend:
    """Keeps SMS in `outbox`, for tests."""

    outbox: list[dict] = []

    def send(self, *, to: str, text: str, tag: str) -> Result:
        LocmemBackend.outbox.append({"to": to, "text": text, "tag": tag})
        return Result(provider_id=f"local-{len(LocmemBackend.outbox)}")


class BrevoBackend:
    """Brevo (ex-Sendinblue, Paris) transactional SMS API.

    POST {SMS_API_URL} with the `api-key` header and a JSON body {sender, recipient (digits
    of the international number, no +), content, type: "transactional", tag}; Brevo answers
    201 with {messageId, smsCount, …}. Set SMS_API_URL, SMS_API_KEY and SMS_SENDER (11
    letters at most) in the environment; SMS_WEBHOOK_URL, when set, is sent as `webUrl` so
    that Brevo reports deliveries and STOP replies to Passerelle.
    """

    def __init__(self):
        self.url = settings.SMS_API_URL
        self.key = settings.SMS_API_KEY
        self.sender = settings.SMS_SENDER
        self.timeout = settings.SMS_TIMEOUT_SECONDS
        self.webhook_url = settings.SMS_WEBHOOK_URL

    def send(self, *, to: str, text: str, tag: str) -> Result:
        if not self.key:
            raise SendError("SMS_API_KEY n'est pas configurée.", temporary=False)
        payload = {
            "sender": self.sender,
            "recipient": to.lstrip("+"),
            "content": text,
            "type": "transactional",
            "tag": tag,
            "unicodeEnabled": not sms.is_gsm(text),
        }
        if self.webhook_url:
            payload["webUrl"] = self.webhook_url
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={
                "api-key": self.key,
                "accept": "application/json",
                "content-type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = _json(response.read())
        except urllib.error.HTTPError as error:
            detail = _json(error.read()).get("message", "") or error.reason
            temporary = error.code >= 500 or error.code == 429
            raise SendError(
                f"Le prestataire SMS a répondu {error.code} : {detail}", temporary=temporary
            ) from error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise SendError(f"Prestataire SMS injoignable : {reason}", temporary=True) from error
        segments = body.get("smsCount")
        return Result(
            provider_id=str(body.get("messageId", "")),
            segments=int(segments) if isinstance(segments, int | float) else None,
        )


def _json(raw: bytes) -> dict:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def sms_backend():
    return import_string(settings.NOTIFICATIONS_SMS_BACKEND)()


def send_email(*, to: str, subject: str, text: str) -> Result:
    try:
        message = mail.EmailMessage(
            subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
        )
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        raise SendError(f"Adresse refusée par le serveur : {to}", temporary=False) from error
    except (smtplib.SMTPException, OSError) as error:
        raise SendError(f"Serveur d'e-mail injoignable : {error}", temporary=True) from error
    message_id = message.extra_headers.get("Message-ID", "")
    return Result(provider_id=message_id, segments=0)
