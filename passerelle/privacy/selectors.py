"""Reads of the privacy settings, for the other apps (message retention, staff accounts)."""

from __future__ import annotations

from passerelle.privacy.models import PrivacySettings


def settings_for(organisation) -> PrivacySettings:
    """The organisation's settings, or the defaults (unsaved) until a manager saves them."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)
