"""Booking from a site's public page: a request waits for the six digits sent by SMS, then
books through the apps' own services (the same slot engine and locks as staff: two people
confirming the last slot at once get one booking)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.accounts.models import User
from passerelle.appointments import selectors as appointment_selectors
from passerelle.appointments import services as appointments
from passerelle.core.enums import AuditAction
from passerelle.core.services import audit_log
from passerelle.people import services as people
from passerelle.public.models import PhoneCheck
from passerelle.workshops import selectors as workshop_selectors
from passerelle.workshops import services as workshops

CODE_VALID = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
SENDS_PER_PHONE_PER_HOUR = 3
SENDS_PER_ADDRESS_PER_HOUR = 10


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def booking_request(*, site, phone: str, wanted: dict, ip_address=None) -> tuple[PhoneCheck, str]:
    """Write the request and return it with the code to send. Ceilings: 3 codes an hour per
    number, 10 per address (counted in the database: right with several servers)."""
    now = timezone.now()
    hour_ago = now - dt.timedelta(hours=1)
    if PhoneCheck.objects.filter(phone=phone, created_at__gte=hour_ago).count() >= (
        SENDS_PER_PHONE_PER_HOUR
    ):
        raise ValidationError(
            {"phone": _("Trop de codes envoyés à ce numéro : réessayez dans une heure.")}
        )
    if (
        ip_address
        and PhoneCheck.objects.filter(ip_address=ip_address, created_at__gte=hour_ago).count()
        >= SENDS_PER_ADDRESS_PER_HOUR
    ):
        raise ValidationError(_("Trop de demandes depuis cette connexion : réessayez plus tard."))
    code = f"{secrets.randbelow(10**6):06d}"
    check = PhoneCheck.objects.create(
        site=site,
        token=secrets.token_urlsafe(16),
        phone=phone,
        code_hash=_digest(code),
        created_at=now,
        expires_at=now + CODE_VALID,
        request=wanted,
        ip_address=ip_address,
    )
    return check, code


@transaction.atomic
def _count_attempt(*, check: PhoneCheck) -> PhoneCheck:
    check = PhoneCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    if check.confirmed_at is None:
        if timezone.now() > check.expires_at:
            raise ValidationError(_("Ce code a expiré : demandez-en un nouveau."))
        if check.attempts >= MAX_ATTEMPTS:
            raise ValidationError(_("Trop d'essais avec ce code : demandez-en un nouveau."))
        check.attempts += 1
        check.save(update_fields=["attempts"])
    return check


def booking_confirm(*, check: PhoneCheck, code: str):
    """The code came back: book. Returns the appointment or the registration. Each attempt
    is counted first, in its own transaction, so that a wrong code still counts."""
    check = _count_attempt(check=check)
    if check.confirmed_at is not None:
        return _result(check)
    if not hmac.compare_digest(_digest(code.strip()), check.code_hash):
        left = MAX_ATTEMPTS - check.attempts
        raise ValidationError(
            _("Ce n'est pas le bon code. Il vous reste %(left)s essai(s).") % {"left": left}
        )
    return _book(check=check)


@transaction.atomic
def _book(*, check: PhoneCheck):
    check = PhoneCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    if check.confirmed_at is not None:
        return _result(check)
    site, wanted = check.site, check.request
    person = people.person_for_online_booking(
        organisation=site.organisation,
        first_name=wanted["first_name"],
        last_name=wanted["last_name"],
        phone=check.phone,
        site=site,
    )
    partner = {
        "partner_name": wanted.get("partner_name", ""),
        "partner_organisation": wanted.get("partner_organisation", ""),
        "partner_contact": wanted.get("partner_contact", ""),
    }
    if wanted.get("session"):
        session = workshop_selectors.online_session(site_id=site.pk, session_id=wanted["session"])
        if session is None:
            raise ValidationError(_("Cette séance n'est plus proposée en ligne."))
        result = workshops.registration_create(session=session, person=person, by=None, online=True)
        check.request = {**wanted, "result": {"registration": result.pk}}
    else:
        reason = appointment_selectors.online_reason(site=site, reason_id=wanted["reason"])
        worker = User.objects.filter(pk=wanted["worker"], organisation=site.organisation).first()
        if reason is None or worker is None:
            raise ValidationError(_("Ce motif n'est plus proposé en ligne."))
        result = appointments.appointment_book(
            person=person,
            reason=reason,
            worker=worker,
            starts_at=dt.datetime.fromisoformat(wanted["starts_at"]),
            by=None,
            online=True,
            **partner,
        )
        check.request = {**wanted, "result": {"appointment": result.pk}}
    check.confirmed_at = timezone.now()
    check.save(update_fields=["confirmed_at", "request"])
    audit_log(
        actor=None,
        action=AuditAction.PERSONAL_LINK,
        organisation=site.organisation,
        person_id=person.pk,
        target=result,
        summary="réservé en ligne (numéro vérifié par SMS)"
        + (
            f", par un partenaire : {partner['partner_organisation']}"
            if partner["partner_name"]
            else ""
        ),
    )
    return result


def _result(check: PhoneCheck):
    done = check.request.get("result", {})
    if "appointment" in done:
        return appointment_selectors.appointment_by_pk(done["appointment"])
    return workshop_selectors.registration_by_pk(done["registration"])


@transaction.atomic
def checks_forget(*, now: dt.datetime) -> str:
    """Daily: requests older than a day are deleted (names and numbers typed online)."""
    deleted, _kinds = PhoneCheck.objects.filter(created_at__lt=now - dt.timedelta(days=1)).delete()
    return f"{deleted} demande(s) de réservation en ligne effacée(s)"
