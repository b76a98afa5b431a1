from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Autonomy, StandardDuration
from passerelle.core.utils import local_today
from passerelle.core.widgets import DateInput
from passerelle.people.models import Goal
from passerelle.procedures.enums import DeadlineKind, Outcome
from passerelle.procedures.models import (
    DeadlineSettings,
    Procedure,
    TaxCampaign,
    refuse_credentials,
)

DATE_WIDGET = DateInput()


class ProcedureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.agency}"


class AssistedProcedureForm(forms.Form):
    procedure = ProcedureChoiceField(
        label=_("Démarche"),
        queryset=Procedure.objects.none(),
        empty_label=_("— Choisir —"),
        error_messages={"required": _("Choisissez la démarche.")},
    )
    date = forms.DateField(label=_("Date"), initial=local_today, widget=DATE_WIDGET)
    duration_minutes = forms.TypedChoiceField(
        label=_("Temps passé"),
        choices=StandardDuration.choices,
        coerce=int,
        initial=StandardDuration.MIN_30,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Résultat"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    blocked_reason = forms.CharField(
        label=_("Si c'est bloqué : pourquoi ?"), max_length=300, required=False
    )
    referred_to = forms.CharField(
        label=_("Si la personne est réorientée : vers qui ?"),
        max_length=200,
        required=False,
        help_text=_("Le partenaire : CCAS, assistante sociale du département, point justice…"),
    )
    autonomy = forms.ChoiceField(
        label=_("Comment la personne l'a-t-elle faite ?"),
        choices=Autonomy.choices,
        widget=forms.RadioSelect,
    )
    follow_up_on = forms.DateField(
        label=_("À revoir le"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Par exemple quand la réponse est attendue."),
    )
    goal = forms.ModelChoiceField(
        label=_("Objectif du parcours servi"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Aucun"),
    )
    note = forms.CharField(
        label=_("Remarque"),
        max_length=500,
        required=False,
        validators=[refuse_credentials],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Jamais de mot de passe, d'identifiant ni de code de la personne."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(
            organisation_id=person.organisation_id, is_active=True
        ).order_by("name")
        self.fields["goal"].queryset = person.goals.filter(status__in=["todo", "in_progress"])

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("La date ne peut pas être dans le futur."))
        return value

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == Outcome.REFERRED and not cleaned.get("referred_to", "").strip():
            self.add_error("referred_to", _("Dites vers quel partenaire la personne est orientée."))
        if outcome == Outcome.BLOCKED and not cleaned.get("blocked_reason", "").strip():
            self.add_error("blocked_reason", _("Dites ce qui bloque."))
        follow_up = cleaned.get("follow_up_on")
        if follow_up and cleaned.get("date") and follow_up < cleaned["date"]:
            self.add_error("follow_up_on", _("Choisissez une date après la démarche."))
        return cleaned


class FollowDeadlineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Démarche à suivre"), choices=DeadlineKind.choices, widget=forms.RadioSelect
    )
    reference_date = forms.DateField(
        label=_("Date de référence"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "CAF : le mois d'ouverture du droit (n'importe quel jour du mois). CSS, AAH : la "
            "date de fin du droit. Titre de séjour, pièce d'identité : la date d'expiration."
        ),
    )
    label = forms.CharField(
        label=_("Précision"),
        max_length=100,
        required=False,
        help_text=_("Pour une pièce d'identité : « carte d'identité » ou « passeport »."),
    )


class MarkDoneForm(forms.Form):
    autonomy = forms.ChoiceField(
        label=_("Comment la personne l'a-t-elle faite ?"),
        choices=Autonomy.choices,
        widget=forms.RadioSelect,
    )
    duration_minutes = forms.IntegerField(
        label=_("Temps passé avec la personne (minutes)"), min_value=0, max_value=240, initial=10
    )


class ProcedureForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Adresse du site officiel"),
        max_length=300,
        assume_scheme="https",
        error_messages={
            "required": _("Donnez l'adresse du site officiel."),
            "invalid": _("Saisissez une adresse complète, qui commence par https://"),
        },
    )
    checked_today = forms.BooleanField(
        label=_("J'ai vérifié cette fiche aujourd'hui sur le site officiel"), required=False
    )

    class Meta:
        model = Procedure
        fields = [
            "name",
            "agency",
            "category",
            "theme",
            "url",
            "service_public_ref",
            "typical_minutes",
            "needs_email",
            "needs_mobile",
            "franceconnect",
            "documents",
            "steps",
            "is_active",
        ]
        widgets = {
            "documents": forms.Textarea(attrs={"rows": 4}),
            "steps": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {"category": {"required": _("Choisissez une catégorie.")}}

    def clean_steps(self):
        steps = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        if not steps:
            raise ValidationError(_("Écrivez au moins une étape."))
        too_long = [line for line in steps if len(line) > 200]
        if too_long:
            raise ValidationError(_("Une étape fait plus de 200 caractères : coupez-la en deux."))
        return "\n".join(steps)


class TaxCampaignForm(forms.ModelForm):
    class Meta:
        model = TaxCampaign
        fields = [
            "year",
            "opens_on",
            "zone1_closes_on",
            "zone2_closes_on",
            "zone3_closes_on",
            "source",
        ]
        widgets = {
            name: DATE_WIDGET
            for name in ["opens_on", "zone1_closes_on", "zone2_closes_on", "zone3_closes_on"]
        }

    def clean_year(self):
        year = self.cleaned_data["year"]
        if abs(year - timezone.localdate().year) > 1:
            raise ValidationError(_("Saisissez la campagne de cette année ou de la suivante."))
        return year


class DeadlineSettingsForm(forms.ModelForm):
    class Meta:
        model = DeadlineSettings
        fields = ["caf_closing_day", "aah_lead_months", "identity_lead_months", "at_risk_days"]


class AtRiskFilterForm(forms.Form):
    jours = forms.IntegerField(
        label=_("Fenêtres qui ferment dans (jours)"), min_value=0, max_value=30, required=False
    )
    lieu = forms.TypedChoiceField(label=_("Lieu"), coerce=int, required=False, empty_value=None)
    referent = forms.TypedChoiceField(
        label=_("Référent"), coerce=int, required=False, empty_value=None
    )
    tri = forms.ChoiceField(
        label=_("Trier par"),
        choices=[("cloture", _("Date de clôture")), ("nom", _("Nom")), ("demarche", _("Démarche"))],
        required=False,
    )

    def __init__(self, *args, sites, referents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lieu"].choices = [("", _("Tous les lieux"))] + [(s.pk, s.name) for s in sites]
        self.fields["referent"].choices = [("", _("Tous"))] + [
            (u.pk, u.get_full_name()) for u in referents
        ]
