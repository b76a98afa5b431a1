"""The dashboard's filters: a period (month, quarter, year or two dates), a site, a
programme, a staff member. Everything the user may not see is simply not offered, and a
value typed in the address that is not offered gets a French message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.accounts.models import User
from passerelle.core.models import Site
from passerelle.core.widgets import DateInput
from passerelle.people.enums import Programme
from passerelle.reports.models import FunderReport

MAX_YEARS = 10


@dataclass(frozen=True)
class Scope:
    organisation_id: int
    site_ids: list[int] | None  # None: every site and activities without a site
    programme: str
    staff_id: int | None
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Scope:
        """The period of the same length just before."""
        end = self.start - dt.timedelta(days=1)
        return Scope(
            self.organisation_id,
            self.site_ids,
            self.programme,
            self.staff_id,
            end - dt.timedelta(days=self.days - 1),
            end,
        )


def period_around(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if kind == "mois":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    if kind == "trimestre":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = day.replace(month=first_month, day=1)
        following = (start + dt.timedelta(days=95)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    return day.replace(month=1, day=1), day.replace(month=12, day=31)

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportFilterForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Période à afficher"),
        choices=[
            ("mois", _("Un mois")),
            ("trimestre", _("Un trimestre")),
            ("annee", _("Une année")),
            ("dates", _("Dates choisies")),
        ],
        initial="annee",
        required=False,
    )
    jour = forms.DateField(
        label=_("Mois, trimestre ou année contenant le"),
        required=False,
        widget=DateInput(),
        help_text=_("Une date de la période voulue. Par défaut, aujourd'hui."),
    )
    du = forms.DateField(label=_("Du (dates choisies)"), required=False, widget=DateInput())
    au = forms.DateField(label=_("Au (dates choisies)"), required=False, widget=DateInput())
    lieu = forms.ModelChoiceField(
        label=_("Lieu"), queryset=Site.objects.none(), required=False, empty_label=_("Tous")
    )
    programme = forms.ChoiceField(
        label=_("Dispositif"), choices=[("", _("Tous"))] + Programme.choices, required=False
    )
    intervenant = forms.ModelChoiceField(
        label=_("Intervenant"), queryset=User.objects.none(), required=False, empty_label=_("Tous")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.sites = list(Site.objects.visible_to(user))
        self.fields["lieu"].queryset = Site.objects.visible_to(user)
        self.fields["intervenant"].queryset = User.objects.filter(
            organisation_id=user.organisation_id, is_active=True
        ).order_by("first_name", "last_name")

    def clean(self):
        data = super().clean()
        kind = data.get("periode") or "annee"
        data["periode"] = kind
        if kind == "dates":
            start, end = data.get("du"), data.get("au")
            if start is None or end is None:
                if "du" not in self.errors and "au" not in self.errors:
                    self.add_error("au", _("Indiquez la date de début et la date de fin."))
                return data
            if end < start:
                self.add_error("au", _("La date de fin doit venir après la date de début."))
                return data
            if (end - start).days > 366 * MAX_YEARS:
                self.add_error(
                    "au",
                    _("Choisissez une période de %(years)s ans au plus.") % {"years": MAX_YEARS},
                )
                return data
        else:
            start, end = period_around(kind, data.get("jour") or timezone.localdate())
        data["start"], data["end"] = start, end
        return data

    def scope(self) -> Scope:
        """Valid form only."""
        data = self.cleaned_data
        if data.get("lieu"):
            site_ids = [data["lieu"].pk]
        elif self.user.sees_all_sites:
            site_ids = None
        else:
            site_ids = [site.pk for site in self.sites]
        staff = data.get("intervenant")
        return Scope(
            organisation_id=self.user.organisation_id,
            site_ids=site_ids,
            programme=data.get("programme") or "",
            staff_id=staff.pk if staff else None,
            start=data["start"],
            end=data["end"],
        )


class FunderReportForm(forms.ModelForm):
    class Meta:
        model = FunderReport
        fields = [
            "title",
            "funder",
            "site",
            "start",
            "end",
            "introduction",
            "highlights",
            "outlook",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "highlights": forms.Textarea(attrs={"rows": 4}),
            "outlook": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.visible_to(user)
        self.fields["site"].empty_label = _("Tous les lieux")
        if self.instance.pk is None and not self.is_bound:
            # A new report proposes the current year, as the statistics page shows it.
            start, end = period_around("annee", timezone.localdate())
            self.initial.setdefault("start", start)
            self.initial.setdefault("end", end)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("La date de fin doit venir après la date de début."))
            elif (end - start).days > 366 * MAX_YEARS:
                self.add_error(
                    "end",
                    _("Choisissez une période de %(years)s ans au plus.") % {"years": MAX_YEARS},
                )
        return data
