from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.appointments.enums import ExceptionKind, Pictogram
from passerelle.appointments.models import WEEKDAYS, Reason, Service
from passerelle.core.models import Site
from passerelle.core.widgets import DateInput, DateTimeInput, TimeInput

DATE_WIDGET = DateInput()
TIME_WIDGET = TimeInput()


class BookingForm(forms.Form):
    note_for_worker = forms.CharField(
        label=_("Note pour l'intervenant"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ce que la personne veut régler, les papiers à apporter."),
    )
    partner_name = forms.CharField(
        label=_("Réservé par un partenaire : son nom"), max_length=100, required=False
    )
    partner_organisation = forms.CharField(label=_("Sa structure"), max_length=100, required=False)
    partner_contact = forms.CharField(
        label=_("Son téléphone ou e-mail"), max_length=100, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("partner_name") and not cleaned.get("partner_contact"):
            self.add_error("partner_contact", _("Notez comment joindre le partenaire."))
        return cleaned


class OpeningHoursForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Permanence"), queryset=Service.objects.none())
    site = forms.ModelChoiceField(label=_("Lieu"), queryset=Site.objects.none())
    weekday = forms.TypedChoiceField(label=_("Jour"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("De"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("À"), widget=TIME_WIDGET)
    valid_from = forms.DateField(label=_("À partir du"), widget=DATE_WIDGET)
    valid_until = forms.DateField(label=_("Jusqu'au"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.visible_to(user).filter(is_active=True)
        self.fields["site"].queryset = Site.objects.visible_to(user).filter(is_active=True)


class AbsenceForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Du"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Au"), widget=DateTimeInput())
    repeat_weekly_until = forms.DateField(
        label=_("Et chaque semaine jusqu'au"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Par exemple une formation tous les jeudis matin."),
    )
    reason = forms.CharField(label=_("Motif"), max_length=100, required=False)


class ExceptionForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Permanence"), queryset=Service.objects.none())
    site = forms.ModelChoiceField(label=_("Lieu"), queryset=Site.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(
        label=_("Ce jour-là"), choices=ExceptionKind.choices, widget=forms.RadioSelect
    )
    start_time = forms.TimeField(label=_("De"), required=False, widget=TIME_WIDGET)
    end_time = forms.TimeField(
        label=_("À"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Fermé sans heures : toute la journée."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.visible_to(user).filter(is_active=True)
        self.fields["site"].queryset = Site.objects.visible_to(user).filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if cleaned.get("kind") == ExceptionKind.EXTRA and not (start and end):
            self.add_error("start_time", _("Indiquez les heures en plus."))
        if (start and not end) or (end and not start):
            self.add_error("end_time", _("Indiquez le début et la fin."))
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin doit suivre l'heure de début."))
        return cleaned


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "description", "pictogram", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pictogram"].required = False

    def clean_pictogram(self):
        return self.cleaned_data.get("pictogram") or Pictogram.OTHER


class ReasonForm(forms.ModelForm):
    class Meta:
        model = Reason
        fields = [
            "service",
            "name",
            "duration_minutes",
            "theme",
            "procedure",
            "bookable_by",
            "online_booking",
            "online_from_days",
            "online_until_days",
            "is_active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.visible_to(user)
        procedures = Reason._meta.get_field("procedure").related_model.objects
        self.fields["procedure"].queryset = procedures.filter(
            organisation_id=user.organisation_id, is_active=True
        )
        for name in ("online_from_days", "online_until_days"):
            self.fields[name].required = False

    def _days(self, name: str) -> int:
        value = self.cleaned_data.get(name)
        return Reason._meta.get_field(name).default if value is None else value

    def clean_online_from_days(self):
        return self._days("online_from_days")

    def clean_online_until_days(self):
        return self._days("online_until_days")

    def clean(self):
        data = super().clean()
        if (data.get("online_from_days") or 0) > (data.get("online_until_days") or 0):
            self.add_error(
                "online_until_days", _("Le délai le plus long doit suivre le plus court.")
            )
        return data
