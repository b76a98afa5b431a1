"""The manager's inventory form and the desk's loan and return forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Site
from passerelle.core.widgets import DateInput
from passerelle.equipment.enums import Condition, ReferralOutcome, SolidarityOffer
from passerelle.equipment.models import Device


class DeviceForm(forms.ModelForm):
    class Meta:
        model = Device
        fields = ["kind", "label", "serial_number", "site", "condition", "accessories", "is_active"]

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        self.fields["site"].queryset = Site.objects.filter(
            organisation_id=organisation_id, is_active=True
        )

    def clean_serial_number(self):
        serial = self.cleaned_data["serial_number"].strip()
        taken = Device.objects.filter(
            organisation_id=self.instance.organisation_id, serial_number=serial
        )
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Un autre matériel a déjà ce numéro de série."))
        return serial


class LoanForm(forms.Form):
    device = forms.ModelChoiceField(label=_("Matériel"), queryset=Device.objects.none())
    due_on = forms.DateField(label=_("À rendre le"), widget=DateInput)
    deposit_euros = forms.DecimalField(
        label=_("Caution (€)"), min_value=0, max_digits=7, decimal_places=2, initial=0
    )
    deposit_received = forms.BooleanField(label=_("Caution reçue"), required=False)

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = devices
        self.fields["device"].empty_label = None
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=30)


class ReturnForm(forms.Form):
    condition_back = forms.ChoiceField(
        label=_("État au retour"), choices=Condition.choices, widget=forms.RadioSelect
    )
    return_notes = forms.CharField(label=_("Remarques"), max_length=300, required=False)


class ReferralForm(forms.Form):
    offer = forms.ChoiceField(label=_("Offre"), choices=SolidarityOffer.choices)
    partner = forms.CharField(
        label=_("Vers qui"),
        max_length=120,
        help_text=_("La structure ou l'offre : Emmaüs Connect, une ressourcerie, un opérateur…"),
    )


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Résultat"), choices=ReferralOutcome.choices)
