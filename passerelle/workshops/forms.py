from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.accounts.models import User
from passerelle.core.models import Site
from passerelle.core.widgets import DateInput, TimeInput
from passerelle.people.models import SkillArea
from passerelle.room import selectors as room_selectors
from passerelle.workshops.enums import Attendance
from passerelle.workshops.models import Workshop

DATE_WIDGET = DateInput()
TIME_WIDGET = TimeInput()


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "theme",
            "level",
            "duration_minutes",
            "description",
            "what_to_bring",
            "skill_areas",
            "online_signup",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "skill_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill_areas"].queryset = SkillArea.objects.filter(organisation=organisation)


class SessionForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label=_("Atelier"), queryset=Workshop.objects.none(), empty_label=_("— Choisir —")
    )
    site = forms.ModelChoiceField(label=_("Lieu"), queryset=Site.objects.none(), empty_label=None)
    room_label = forms.CharField(label=_("Salle"), max_length=100, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Heure de début"), widget=TIME_WIDGET)
    end_time = forms.TimeField(
        label=_("Heure de fin"),
        widget=TIME_WIDGET,
        required=False,
        help_text=_("Vide : selon la durée de l'atelier."),
    )
    room = forms.ModelChoiceField(
        label=_("Salle informatique"),
        queryset=room_selectors.rooms_visible_to(None).none(),
        required=False,
        help_text=_("Ses postes sont réservés à l'atelier ; vide : une autre salle."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Vide avec une salle informatique : le nombre de postes qui marchent."),
        error_messages={"min_value": _("Il faut au moins une place.")},
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Animé par"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    repeat = forms.BooleanField(
        label=_("Répéter chaque semaine ou toutes les N semaines"), required=False
    )
    every_weeks = forms.IntegerField(
        label=_("Toutes les (semaines)"), min_value=1, max_value=8, initial=1, required=False
    )
    until = forms.DateField(
        label=_("Jusqu'au"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Les jours fériés sont sautés."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.visible_to(user).filter(is_active=True)
        self.fields["site"].queryset = Site.objects.visible_to(user).filter(is_active=True)
        self.fields["room"].queryset = room_selectors.rooms_visible_to(user)
        self.fields["facilitators"].queryset = (
            User.objects.visible_to(user).active().exclude(role="reception")
        )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value < timezone.localdate():
            raise ValidationError(_("Choisissez une date à venir."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("La fin doit être après le début."))
        if (
            not cleaned.get("capacity")
            and not cleaned.get("room")
            and "capacity" not in self.errors
        ):
            self.add_error("capacity", _("Il faut au moins une place."))
        if cleaned.get("repeat"):
            if not cleaned.get("until"):
                self.add_error("until", _("Indiquez jusqu'à quelle date répéter."))
            elif cleaned.get("date") and cleaned["until"] < cleaned["date"]:
                self.add_error("until", _("La dernière date doit suivre la première."))
            if not cleaned.get("every_weeks"):
                cleaned["every_weeks"] = 1
        return cleaned

    def ends_at(self, starts_at: dt.datetime) -> dt.datetime | None:
        end = self.cleaned_data.get("end_time")
        if not end:
            return None
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["date"], end))


class SessionEditForm(forms.Form):
    start_time = forms.TimeField(label=_("Heure de début"), widget=TIME_WIDGET)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100)
    room_label = forms.CharField(label=_("Salle"), max_length=100, required=False)
    rest_of_series = forms.BooleanField(
        label=_("Appliquer aussi aux séances suivantes de la série"), required=False
    )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Attendance.choices)
