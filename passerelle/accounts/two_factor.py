"""TOTP enrolment, verification and recovery codes, on top of django-otp."""

from __future__ import annotations

import io
import time

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from passerelle.core import enums
from passerelle.core.services import audit_log

RECOVERY_CODES_COUNT = 10
SESSION_LAST_ACTIVITY = "passerelle_last_activity"
SESSION_REVERIFY = "passerelle_reverify"


def is_required_for(user) -> bool:
    """Outside demo mode every staff account needs it; in the demo, those who enrolled."""
    return settings.PASSERELLE_REQUIRE_2FA or has_device(user)


def has_device(user) -> bool:
    """A confirmed authenticator app; asked once per request (the user object is the
    request's own), not once per caller."""
    known = getattr(user, "_passerelle_has_totp", None)
    if known is None:
        known = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        user._passerelle_has_totp = known
    return known


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first visit of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Application d'authentification", confirmed=False
        )
    return device


def qr_code_svg(device: TOTPDevice) -> bytes:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def readable_secret(device: TOTPDevice) -> str:
    """The key in base32 groups of four, for people who cannot scan the QR code."""
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def enrol_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device if `token` is right; returns the new recovery codes, or None."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = recovery_codes_regenerate(user=device.user)
    request.user._passerelle_has_totp = True  # what has_device may have said before
    otp_login(request, device)
    mark_verified(request)
    audit_log(actor=device.user, action=enums.AuditAction.OTP_ENROLLED, request=request)
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Codes de secours", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(*, request, token: str) -> bool:
    device = match_token(request.user, token.replace(" ", "").lower().strip())
    if device is None:
        # TOTP codes are digits; recovery codes are lower-case letters and digits.
        device = match_token(request.user, token.replace(" ", "").strip())
    if device is None:
        return False
    otp_login(request, device)
    mark_verified(request)
    return True


@transaction.atomic
def reset(*, user, by, request=None) -> None:
    """Remove every device: the person enrols again at next login (lost phone)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    user._passerelle_has_totp = False
    audit_log(
        actor=by,
        action=enums.AuditAction.OTP_RESET,
        target=user,
        request=request,
        summary=str(user),
    )


def mark_verified(request) -> None:
    request.session[SESSION_REVERIFY] = False
    request.session[SESSION_LAST_ACTIVITY] = time.time()


# The last activity is noted to the minute: noting it on every page would write the session
# on every page (issue #23).
ACTIVITY_PRECISION_SECONDS = 60


def note_activity(request, *, now: float) -> None:
    """After a long idle time, sensitive actions must ask the second factor again."""
    last = request.session.get(SESSION_LAST_ACTIVITY)
    idle_limit = settings.PASSERELLE_REVERIFY_AFTER_MINUTES * 60
    if last is not None and now - last > idle_limit:
        request.session[SESSION_REVERIFY] = True
    if last is None or now - last >= ACTIVITY_PRECISION_SECONDS:
        request.session[SESSION_LAST_ACTIVITY] = now


def needs_reverification(request) -> bool:
    return is_required_for(request.user) and bool(request.session.get(SESSION_REVERIFY))
