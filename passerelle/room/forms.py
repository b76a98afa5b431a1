from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Site
from passerelle.core.widgets import DateInput, DateTimeInput, TimeInput
from passerelle.room.enums import Purpose, StationEquipment
from passerelle.room.models import Room, Station


class CheckInForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Pour quoi faire ?"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    guest = forms.BooleanField(
        label=_("Personne de passage, sans fiche (comptée sans nom)"), required=False
    )


class ReservationForm(forms.Form):
    # The person (optional) comes from the search on the page, as for check-in.
    starts_at = forms.DateTimeField(label=_("De"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("À"), widget=DateTimeInput())
    partner_name = forms.CharField(
        label=_("Pour un partenaire (facultatif)"), max_length=100, required=False
    )


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = [
            "site",
            "name",
            "session_minutes",
            "opens_at",
            "closes_at",
            "free_pages",
            "free_pages_period",
            "price_black",
            "price_colour",
            "max_session_minutes",
            "rules",
        ]
        widgets = {
            "opens_at": TimeInput(),
            "closes_at": TimeInput(),
            "rules": forms.Textarea(attrs={"rows": 5}),
        }

    PRINT_FIELDS = (
        "free_pages",
        "free_pages_period",
        "price_black",
        "price_colour",
        "max_session_minutes",
        "rules",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.visible_to(user)
        for name in self.PRINT_FIELDS:  # the room's defaults when left empty
            self.fields[name].required = False

    def _clean_print_field(self, name):
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return Room._meta.get_field(name).get_default()
        return value

    def clean_free_pages(self):
        return self._clean_print_field("free_pages")

    def clean_free_pages_period(self):
        return self._clean_print_field("free_pages_period")

    def clean_price_black(self):
        return self._clean_print_field("price_black")

    def clean_price_colour(self):
        return self._clean_print_field("price_colour")

    def clean_max_session_minutes(self):
        return self._clean_print_field("max_session_minutes")

    def clean_rules(self):
        return self._clean_print_field("rules")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("opens_at")
            and cleaned.get("closes_at")
            and cleaned["closes_at"] <= cleaned["opens_at"]
        ):
            self.add_error("closes_at", _("La fermeture doit suivre l'ouverture."))
        return cleaned


class StationForm(forms.ModelForm):
    equipment = forms.MultipleChoiceField(
        label=_("Équipement"),
        choices=StationEquipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Station
        fields = ["room", "name", "equipment"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.visible_to(user)


class PrintForm(forms.Form):
    pages = forms.IntegerField(label=_("Nombre de pages"), min_value=1, max_value=500, initial=1)
    colour = forms.TypedChoiceField(
        label=_("Impression"),
        choices=[("0", _("Noir et blanc")), ("1", _("Couleur"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )


class GuestPassForm(forms.Form):
    count = forms.IntegerField(
        label=_("Nombre de codes"),
        min_value=1,
        max_value=96,
        initial=24,
        help_text=_("24 par page A4, à découper."),
    )
    minutes = forms.IntegerField(
        label=_("Temps sur un poste (minutes)"), min_value=15, max_value=480, initial=60
    )
    valid_until = forms.DateField(label=_("Valables jusqu'au"), widget=DateInput())
