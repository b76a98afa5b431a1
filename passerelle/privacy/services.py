"""Writes of the privacy app."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
from passerelle.privacy import selectors
from passerelle.privacy.models import PrivacySettings


@transaction.atomic
def privacy_settings_save(*, options: PrivacySettings, by) -> PrivacySettings:
    options.full_clean()
    options.save()
    audit_log(
        actor=by,
        action=core_enums.AuditAction.CATALOGUE_CHANGED,
        organisation=options.organisation,
        summary=_("Réglages de la protection des données"),
    )
    return options


WARNING_DAYS = 14


def _inactive_since(organisation, cutoff):
    from django.db.models import Q

    from passerelle.accounts.models import User

    return User.objects.filter(organisation=organisation, is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


@transaction.atomic
def staff_inactive_deactivate(*, now) -> int:
    """Staff accounts unused for the organisation's period are deactivated (journaled);
    an organisation never loses its last active manager this way."""
    from dateutil.relativedelta import relativedelta

    from passerelle.accounts.enums import Role
    from passerelle.accounts.models import User
    from passerelle.core.models import Organisation

    deactivated = 0
    for organisation in Organisation.objects.all():
        months = selectors.settings_for(organisation).staff_inactive_months
        for user in _inactive_since(organisation, now - relativedelta(months=months)):
            if user.role == Role.MANAGER and not (
                User.objects.filter(organisation=organisation, role=Role.MANAGER, is_active=True)
                .exclude(pk=user.pk)
                .exists()
            ):
                continue
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_log(
                actor=None,
                action=core_enums.AuditAction.STAFF_DEACTIVATED,
                organisation=organisation,
                target=user,
                summary=_("%(name)s : compte inutilisé depuis %(months)s mois")
                % {"name": user.get_full_name(), "months": months},
            )
            deactivated += 1
    return deactivated


@transaction.atomic
def staff_inactive_deactivate_task(*, now) -> str:
    """The daily task (`manage.py periodic`)."""
    count = staff_inactive_deactivate(now=now)
    return _("Comptes inutilisés désactivés : %(count)s.") % {"count": count}
