"""Writes of the privacy app."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from passerelle.core import enums as core_enums
from passerelle.core.services import audit_log
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
