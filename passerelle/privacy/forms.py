from django import forms

from passerelle.privacy.models import PrivacySettings


class PrivacySettingsForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = [
            "controller",
            "address",
            "contact",
            "contact_email",
            "retention_months",
            "message_retention_months",
            "staff_inactive_months",
        ]
