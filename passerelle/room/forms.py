from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.room.enums import Purpose


class CheckInForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Pour quoi faire ?"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    guest = forms.BooleanField(
        label=_("Personne de passage, sans fiche (comptée sans nom)"), required=False
    )


class ReservationForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("De"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("À"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    partner_name = forms.CharField(
        label=_("Pour un partenaire (facultatif)"), max_length=100, required=False
    )
