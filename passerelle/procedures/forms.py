from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import Autonomy, RedirectionStructure, StandardDuration
from passerelle.core.utils import local_today
from passerelle.core.widgets import DateInput
from passerelle.people.enums import IncomeSituation
from passerelle.people.models import Goal
from passerelle.procedures import rules
from passerelle.procedures.enums import DeadlineKind, Outcome, PermitKind
from passerelle.procedures.models import (
    Campaign,
    DeadlineSettings,
    FollowedDeadline,
    Procedure,
    TaxCampaign,
    refuse_credentials,
)

DATE_WIDGET = DateInput()
# The CSS of people on these benefits is renewed without asking (ameli.fr).
AUTOMATIC_CSS_INCOMES = {IncomeSituation.RSA}


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
    referral_structure = forms.ChoiceField(
        label=_("Si la personne est réorientée : quel type de structure ?"),
        choices=[("", _("— Choisir —")), *RedirectionStructure.choices],
        required=False,
        help_text=_("Les mots de La Coop de la médiation numérique, pour son export."),
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
    mandate_reference = forms.CharField(
        label=_("Fait pour la personne : référence du mandat Aidants Connect"),
        max_length=60,
        required=False,
        validators=[refuse_credentials],
        help_text=_(
            "Faire une démarche à la place de quelqu'un, avec ses identifiants, demande un "
            "mandat (Aidants Connect). Notez sa référence si vous en avez un ; jamais le mot de "
            "passe ni le code de la personne."
        ),
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
        if outcome == Outcome.REFERRED and not cleaned.get("referral_structure"):
            self.add_error("referral_structure", _("Choisissez le type de structure."))
        if outcome == Outcome.BLOCKED and not cleaned.get("blocked_reason", "").strip():
            self.add_error("blocked_reason", _("Dites ce qui bloque."))
        if cleaned.get("mandate_reference", "").strip() and cleaned.get("autonomy") not in (
            None,
            Autonomy.DONE_FOR,
        ):
            self.add_error(
                "mandate_reference",
                _("Un mandat ne sert que quand la démarche est faite pour la personne."),
            )
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
            "date de fin des droits. Titre de séjour, récépissé, pièce d'identité : la date de "
            "fin de validité. Logement social : la date de la demande. Domiciliation : sa date "
            "de fin."
        ),
    )
    label = forms.CharField(
        label=_("Précision"),
        max_length=100,
        required=False,
        help_text=_("Pour une pièce d'identité : « carte d'identité » ou « passeport »."),
    )
    permit_kind = forms.ChoiceField(
        label=_("Titre de séjour : lequel ?"),
        choices=PermitKind.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "La règle en dépend : la liste ANEF est sur administration-etrangers-en-france."
            "interieur.gouv.fr."
        ),
    )
    agenda_due_on = forms.DateField(
        label=_("CAF : date limite vue dans « Mon agenda » du compte CAF"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Si la personne la connaît ; sinon Passerelle l'estime."),
    )
    files_on_paper = forms.BooleanField(
        label=_("Impôts : la personne déclare sur papier (la date limite est plus tôt)"),
        required=False,
    )
    automatic_renewal = forms.BooleanField(
        label=_("CSS : la personne touche le RSA, l'ASPA ou l'ASI (renouvellement automatique)"),
        required=False,
    )
    aah_without_limit = forms.BooleanField(
        label=_("AAH : attribuée sans limitation de durée"), required=False
    )
    id_card_extended = forms.BooleanField(
        label=_(
            "Carte d'identité délivrée à un adulte entre 2004 et 2013 (valable 5 ans de plus que "
            "la date imprimée)"
        ),
        required=False,
    )

    # Which deadlines each field is for: the page shows a field only once its deadline is
    # chosen (passerelle.js; without the script every field shows, each label saying which).
    FIELD_KINDS = {
        "reference_date": sorted(rules.KINDS_WITH_REFERENCE),
        "label": [DeadlineKind.IDENTITY_DOCUMENT],
        "permit_kind": [DeadlineKind.RESIDENCE_PERMIT],
        "agenda_due_on": [DeadlineKind.CAF_QUARTERLY],
        "files_on_paper": [DeadlineKind.TAX_RETURN],
        "automatic_renewal": [DeadlineKind.CSS_RENEWAL],
        "aah_without_limit": [DeadlineKind.AAH_RENEWAL],
        "id_card_extended": [DeadlineKind.IDENTITY_DOCUMENT],
    }

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None and person.income_situation in AUTOMATIC_CSS_INCOMES:
            self.fields["automatic_renewal"].initial = True
        for name, kinds in self.FIELD_KINDS.items():
            self.fields[name].widget.attrs["data-for-kinds"] = " ".join(str(k) for k in kinds)
        self.fields["kind"].widget.attrs["data-kind-choice"] = ""


class DeadlineEditForm(forms.ModelForm):
    """The facts of one followed deadline that can change: only those its kind uses."""

    class Meta:
        model = FollowedDeadline
        fields = [
            "reference_date",
            "permit_kind",
            "agenda_due_on",
            "files_on_paper",
            "automatic_renewal",
        ]
        widgets = {
            "reference_date": DATE_WIDGET,
            "agenda_due_on": DATE_WIDGET,
            "permit_kind": forms.RadioSelect,
        }

    KIND_FIELDS = {
        DeadlineKind.RESIDENCE_PERMIT: ["reference_date", "permit_kind"],
        DeadlineKind.CAF_QUARTERLY: ["agenda_due_on", "reference_date"],
        DeadlineKind.TAX_RETURN: ["files_on_paper"],
        DeadlineKind.CSS_RENEWAL: ["reference_date", "automatic_renewal"],
        DeadlineKind.FT_ACTUALISATION: [],
        DeadlineKind.ENERGY_VOUCHER: [],
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kept = self.KIND_FIELDS.get(self.instance.kind, ["reference_date"])
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]
        if "permit_kind" in self.fields:
            self.fields["permit_kind"].choices = PermitKind.choices
            self.fields["permit_kind"].required = True
        if "reference_date" in self.fields:
            rule = rules.RULES[DeadlineKind(self.instance.kind)]
            self.fields["reference_date"].label = rule.reference_label or _("Date de référence")


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
            "health_related",
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
            "paper_closes_on",
            "zone1_closes_on",
            "zone2_closes_on",
            "zone3_closes_on",
            "source",
        ]
        widgets = {
            name: DATE_WIDGET
            for name in [
                "opens_on",
                "paper_closes_on",
                "zone1_closes_on",
                "zone2_closes_on",
                "zone3_closes_on",
            ]
        }

    def clean_year(self):
        year = self.cleaned_data["year"]
        if abs(year - timezone.localdate().year) > 1:
            raise ValidationError(_("Saisissez la campagne de cette année ou de la suivante."))
        return year


class DeadlineSettingsForm(forms.ModelForm):
    class Meta:
        model = DeadlineSettings
        fields = [
            "caf_closing_day",
            "aah_lead_months",
            "aah_file_by_months",
            "identity_lead_months",
            "identity_file_by_weeks",
            "domiciliation_lead_months",
            "at_risk_days",
        ]


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["year", "opens_on", "closes_on", "source"]
        widgets = {"opens_on": DATE_WIDGET, "closes_on": DATE_WIDGET}
        help_texts = {"year": _("L'année où la campagne ouvre (2025 pour 2025-2026).")}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if abs(year - timezone.localdate().year) > 1:
            raise ValidationError(_("Saisissez la campagne de cette année ou de la suivante."))
        return year


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
