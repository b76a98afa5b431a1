"""The manager's form for a kiosk; the person's own inputs are checked in the views (digits,
a birth date in range, a first name)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Site
from passerelle.kiosk.models import Kiosk


class KioskForm(forms.ModelForm):
    class Meta:
        model = Kiosk
        fields = ["site", "name", "waiting_place", "idle_seconds", "is_active"]

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        self.fields["site"].queryset = Site.objects.filter(
            organisation_id=organisation_id, is_active=True
        )
        self.fields["site"].empty_label = None

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Kiosk.objects.filter(organisation_id=self.instance.organisation_id, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Une autre borne porte déjà ce nom."))
        return name


class FirstNameForm(forms.Form):
    first_name = forms.CharField(label=_("Votre prénom"), max_length=100)
