"""Writes on staff accounts."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from passerelle.accounts.models import User
from passerelle.core import enums
from passerelle.core.models import Organisation
from passerelle.core.services import audit_log


@transaction.atomic
def staff_create(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    sites=(),
    password: str | None = None,
    by: User | None = None,
    request=None,
) -> User:
    """Create a staff account. Without a password, it gets one through a set-password link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=role,
        organisation=organisation,
    )
    user.sites.set(sites)
    if by is not None:
        audit_log(
            actor=by,
            action=enums.AuditAction.STAFF_CREATED,
            target=user,
            summary=str(user),
            request=request,
        )
    return user


@transaction.atomic
def staff_update(*, user: User, by: User, request=None, **fields) -> User:
    sites = fields.pop("sites", None)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    if sites is not None:
        user.sites.set(sites)
    audit_log(
        actor=by,
        action=enums.AuditAction.STAFF_UPDATED,
        target=user,
        summary=str(user),
        request=request,
    )
    return user


@transaction.atomic
def staff_set_active(*, user: User, active: bool, by: User, request=None) -> User:
    """Accounts are deactivated, never deleted: the journal and activities keep their author."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = enums.AuditAction.STAFF_UPDATED if active else enums.AuditAction.STAFF_DEACTIVATED
    audit_log(actor=by, action=action, target=user, summary=str(user), request=request)
    return user


def set_password_path(*, user: User) -> str:
    """A one-time link that lets the person choose their password (valid 3 days)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def calendar_feed_renew(*, user: User):
    """A new secret address; the old one stops working at once."""
    import secrets

    from passerelle.accounts.models import CalendarFeed

    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
