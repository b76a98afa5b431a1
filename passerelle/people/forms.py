from __future__ import annotations

import datetime as dt
import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from passerelle.accounts import permissions
from passerelle.accounts.models import User
from passerelle.core import communes
from passerelle.core.enums import Autonomy
from passerelle.core.models import Site
from passerelle.core.utils import local_today
from passerelle.core.widgets import DateInput
from passerelle.people import enums
from passerelle.people.models import Goal, GoalTemplate, Note, Person, SkillArea, SkillQuestion

NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ \-'’.][^\W\d_]*)*$")
MAX_AGE_YEARS = 120
DATE_WIDGET = DateInput()
DEFAULTED_CHOICES = [
    "gender",
    "preferred_language",
    "french_level",
    "employment_status",
    "education_level",
    "income_situation",
    "household",
]
UNKNOWN_YES_NO = [("", _("Non renseigné")), ("true", _("Oui")), ("false", _("Non"))]

PURPOSES = {
    "refuses_named_lists": _(
        "La personne reste comptée dans les chiffres, jamais nommée dans une liste remise à "
        "un financeur ou un partenaire (droit d'opposition)."
    ),
    "first_name": _("Pour vous adresser à la personne."),
    "last_name": _("Pour retrouver sa fiche."),
    "birth_date": _("Pour distinguer deux homonymes et connaître sa tranche d'âge (statistiques)."),
    "gender": _("Facultatif, pour les statistiques demandées par les financeurs."),
    "phone": _("Un portable, pour les SMS de rappel si la personne le souhaite."),
    "email": _("Seulement si la personne en a une et la consulte."),
    "commune": _(
        "Pour les statistiques par commune. Avec le code postal, Passerelle trouve la commune."
    ),
    "postcode": _("5 chiffres."),
    "preferred_language": _("Pour les messages et l'accueil dans sa langue quand c'est possible."),
    "french_level": _("Pour adapter l'accompagnement."),
    "home_site": _("Le lieu où la personne vient le plus souvent."),
    "referent": _("Le membre de l'équipe qui suit la personne."),
    "employment_status": _("Statistiques : situation au moment de l'accueil."),
    "education_level": _("Statistiques : les personnes peu diplômées sont les plus touchées."),
    "income_situation": _("Statistiques et accès aux droits (RSA, AAH…)."),
    "household": _("Statistiques : les personnes seules sont les plus touchées."),
    "has_smartphone": _("Pour savoir avec quel appareil l'accompagner."),
    "has_computer": _("Pour savoir si elle peut s'entraîner chez elle."),
    "has_internet": _("Pour savoir si elle peut faire ses démarches chez elle."),
}


def yes_no_unknown(label) -> forms.TypedChoiceField:
    """Oui / Non / Non renseigné, for a nullable boolean of the profile."""
    return forms.TypedChoiceField(
        label=label,
        choices=UNKNOWN_YES_NO,
        required=False,
        coerce=lambda value: value == "true",
        empty_value=None,
    )


def validate_name(value: str) -> None:
    if not NAME_PATTERN.match(value.strip()):
        raise ValidationError(
            _("Utilisez seulement des lettres, des espaces, des traits d'union et des apostrophes.")
        )


class PersonForm(forms.ModelForm):
    phone = PhoneNumberField(
        label=_("Téléphone portable"),
        required=False,
        region="FR",
        error_messages={
            "invalid": _("Saisissez un numéro de portable valide, par exemple 06 12 34 56 78.")
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    has_smartphone = yes_no_unknown(_("A un smartphone"))
    has_computer = yes_no_unknown(_("A un ordinateur à domicile"))
    has_internet = yes_no_unknown(_("A internet à domicile"))

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "phone",
            "email",
            "postcode",
            "commune",
            "preferred_language",
            "french_level",
            "home_site",
            "referent",
            "employment_status",
            "education_level",
            "income_situation",
            "household",
            "has_smartphone",
            "has_computer",
            "has_internet",
            "refuses_named_lists",
        ]
        widgets = {"birth_date": DATE_WIDGET}
        error_messages = {
            "email": {
                "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.")
            },
        }

    def __init__(self, *args, organisation, sees_health_data=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if self.instance.birth_year_only and self.instance.birth_date:
            self.fields["birth_date"].help_text = _(
                "Seule l'année de naissance (%(year)s) est connue : la date inscrite est le "
                "1er juillet. Corrigez-la si la personne vous la donne."
            ) % {"year": self.instance.birth_date.year}
        if "postcode" in self.fields:
            # The communes of the postcode typed are offered in the commune field's list.
            self.fields["postcode"].widget.attrs.update(
                {
                    "inputmode": "numeric",
                    "autocomplete": "postal-code",
                    "hx-get": reverse("core:communes"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#communes-du-code-postal",
                }
            )
            self.fields["commune"].widget.attrs.update({"list": "communes-du-code-postal"})
        self.fields["home_site"].queryset = Site.objects.filter(
            organisation=organisation, is_active=True
        )
        self.fields["referent"].queryset = User.objects.filter(
            organisation=organisation, is_active=True
        ).exclude(role="volunteer")
        for name, purpose in PURPOSES.items():
            self.fields[name].help_text = purpose
        for name in ("has_smartphone", "has_computer", "has_internet"):
            value = self.initial.get(name)
            self.initial[name] = "" if value is None else ("true" if value else "false")
        # Only the names are mandatory: a choice left empty means "non communiqué".
        for name in DEFAULTED_CHOICES:
            self.fields[name].required = False
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        if not sees_health_data and self.instance.income_situation == enums.IncomeSituation.AAH:
            # Disability-related: kept as it is, shown neither to this role nor in the form.
            del self.fields["income_situation"]

    @property
    def asks_income(self) -> bool:
        return "income_situation" in self.fields

    def clean(self):
        cleaned = super().clean()
        for name in DEFAULTED_CHOICES:
            if name in self.fields and not cleaned.get(name):
                cleaned[name] = Person._meta.get_field(name).default
        if "commune" in self.fields and "postcode" not in self.errors:
            self._clean_commune(cleaned)
        return cleaned

    def changed_fields(self) -> dict:
        """What the person's file gets: the fields changed, and the INSEE code with them."""
        changed = {name: self.cleaned_data[name] for name in self.changed_data}
        if "birth_date" in changed:
            changed["birth_year_only"] = False  # the date typed is the real one
        if {"commune", "postcode"} & changed.keys():
            changed["insee_code"] = self.cleaned_data.get("insee_code", "")
        return changed

    def _clean_commune(self, cleaned) -> None:
        """The commune's INSEE code from the postcode and the name: one postcode can serve
        several communes, then the person's is asked for by name."""
        name, postcode = cleaned.get("commune", "").strip(), cleaned.get("postcode", "")
        cleaned["insee_code"] = ""
        if not name and not postcode:
            return
        candidates = communes.for_postcode(postcode) if postcode else communes.named(name)
        match = communes.find(name, postcode) if name else None
        if match is None and not name and len(candidates) == 1:
            match = candidates[0]
        if match is not None:
            cleaned["commune"] = match.name
            if not postcode and len(match.postcodes) == 1:
                cleaned["postcode"] = match.postcodes[0]
            cleaned["insee_code"] = match.insee_code
            return
        if postcode and candidates:
            names = ", ".join(c.name for c in candidates)
            message = (
                _("Le code postal %(postcode)s est celui de %(names)s.")
                if len(candidates) == 1
                else _(
                    "Le code postal %(postcode)s couvre plusieurs communes : %(names)s. "
                    "Écrivez celle de la personne."
                )
            )
            self.add_error("commune", message % {"postcode": postcode, "names": names})
        # A postcode unknown to La Poste's table (a CEDEX) or a commune written without its
        # postcode that several communes share: kept as written, without an INSEE code.

    def clean_first_name(self) -> str:
        value = self.cleaned_data["first_name"].strip()
        validate_name(value)
        return value

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        validate_name(value)
        return value

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value is None:
            return value
        today = timezone.localdate()
        if value > today:
            raise ValidationError(_("La date de naissance ne peut pas être dans le futur."))
        if value < today.replace(year=today.year - MAX_AGE_YEARS):
            raise ValidationError(_("Vérifiez l'année : la personne aurait plus de 120 ans."))
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone")
        if not value:
            return value
        kind = phonenumbers.number_type(value)
        if kind not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            raise ValidationError(
                _(
                    "Ce numéro n'est pas un portable : les SMS ne pourront pas arriver. "
                    "Saisissez un numéro en 06 ou 07."
                )
            )
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "").strip()
        if value and not re.fullmatch(r"\d{5}", value):
            raise ValidationError(_("Le code postal compte 5 chiffres."))
        return value


class PersonCreateForm(PersonForm):
    programmes = forms.MultipleChoiceField(
        label=_("Dispositifs"),
        choices=enums.Programme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Le ou les dispositifs de l'association qui accompagnent la personne."),
    )
    consents = forms.MultipleChoiceField(
        label=_("La personne est d'accord pour"),
        choices=enums.ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Demandez-lui, cochez seulement ce qu'elle accepte. Elle peut changer d'avis."),
    )
    notice_given = forms.BooleanField(
        label=_("La notice d'information a été remise et expliquée à la personne"),
        required=False,
        help_text=_(
            "Ce que le centre garde sur elle, pourquoi, combien de temps et ses droits (à "
            "imprimer depuis « Protection des données »). La date est notée sur la fiche."
        ),
    )
    not_a_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher une personne"),
        max_length=100,
        required=False,
        help_text=_("Nom, prénom, téléphone ou date de naissance (jj/mm/aaaa)."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ProgrammeForm(forms.Form):
    programme = forms.ChoiceField(label=_("Dispositif"), choices=enums.Programme.choices)
    start_date = forms.DateField(label=_("Début"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Fin"), required=False, widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin doit être après le début."))
        return cleaned


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("La personne est d'accord pour"), choices=enums.ConsentScope.choices
    )
    given_on = forms.DateField(label=_("Date de l'accord"), initial=local_today, widget=DATE_WIDGET)

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise ValidationError(_("La date ne peut pas être dans le futur."))
        return value


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["visibility", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}
        help_texts = {
            "text": _("Des faits utiles au suivi. Pas de mot de passe ni de code, jamais."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(enums.NoteVisibility.choices)
        if not permissions.can_read_social_notes(user):
            choices = [c for c in choices if c[0] != enums.NoteVisibility.SOCIAL]
        self.fields["visibility"].choices = choices
        self.fields["visibility"].widget = forms.RadioSelect(choices=choices)


class AssessmentForm(forms.Form):
    """One radio group per active question, grouped by area."""

    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=1, max_value=240, initial=15
    )
    comment = forms.CharField(
        label=_("Remarque"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(
            SkillQuestion.objects.active()
            .filter(area__organisation=organisation)
            .select_related("area")
        )
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=enums.SkillScore.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez une réponse.")},
            )

    def areas(self):
        """[(area, [bound fields])] in questionnaire order, for the template."""
        grouped: dict[int, tuple] = {}
        for question in self.questions:
            grouped.setdefault(question.area_id, (question.area, []))[1].append(
                self[f"q{question.pk}"]
            )
        return list(grouped.values())

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class GoalForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Objectif du catalogue"),
        queryset=GoalTemplate.objects.none(),
        required=False,
        empty_label=_("— Choisir —"),
    )
    title = forms.CharField(
        label=_("Ou un objectif en quelques mots"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : « Envoyer des photos à ma fille »."),
    )
    target_date = forms.DateField(label=_("Pour quand ?"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = GoalTemplate.objects.filter(
            organisation=organisation, is_active=True
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("template") and not cleaned.get("title", "").strip():
            self.add_error("template", _("Choisissez un objectif ou écrivez-le."))
        if cleaned.get("template") and cleaned.get("title", "").strip():
            self.add_error(
                "title", _("Choisissez un objectif du catalogue ou écrivez-en un, pas les deux.")
            )
        return cleaned

    def clean_target_date(self):
        value = self.cleaned_data.get("target_date")
        if value and value < timezone.localdate() - dt.timedelta(days=1):
            raise ValidationError(_("Choisissez une date à venir."))
        return value


class GoalUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Où en est-on ?"), choices=enums.GoalStatus.choices, widget=forms.RadioSelect
    )
    autonomy = forms.ChoiceField(
        label=_("Autonomie atteinte"),
        choices=[("", _("Non évaluée"))] + list(Autonomy.choices),
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ce qui a été fait"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Temps passé avec la personne (minutes)"),
        min_value=0,
        max_value=480,
        initial=0,
        help_text=_("0 si vous notez seulement l'avancée."),
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        kwargs.setdefault("initial", {"status": goal.status, "autonomy": goal.autonomy})
        super().__init__(*args, **kwargs)


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Fiche en double"),
        queryset=Person.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choisissez la fiche en double dans la liste.")},
    )

    def __init__(self, *args, survivor: Person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Person.objects.visible_to(user).exclude(pk=survivor.pk)


class SkillAreaForm(forms.ModelForm):
    class Meta:
        model = SkillArea
        fields = ["name", "theme", "position"]


class SkillQuestionForm(forms.ModelForm):
    class Meta:
        model = SkillQuestion
        fields = ["area", "text", "position", "is_active"]
        help_texts = {
            "is_active": _(
                "Décochez pour ne plus poser la question. Les anciens diagnostics restent entiers."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = SkillArea.objects.filter(organisation=organisation)


class BeneficiariesFileForm(forms.Form):
    """A beneficiaries file exported from La Coop de la médiation numérique."""

    file = forms.FileField(
        label=_("Fichier des bénéficiaires (.xlsx)"),
        help_text=_(
            "Le modèle d'import de La Coop, rempli, ou l'export de vos bénéficiaires : feuille "
            "« Bénéficiaires », une personne par ligne à partir de la ligne 4."
        ),
        error_messages={"required": _("Choisissez le fichier.")},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    home_site = forms.ModelChoiceField(
        label=_("Lieu habituel de ces personnes"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Aucun en particulier"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_site"].queryset = Site.objects.filter(
            organisation_id=user.organisation_id, is_active=True
        )


class PixFileForm(forms.Form):
    file = forms.FileField(
        label=_("Export de la campagne Pix Orga (.csv)"),
        help_text=_(
            "Dans Pix Orga, campagne de collecte de profils → Exporter les résultats. La "
            "campagne demande l'« Identifiant Passerelle » de chaque personne."
        ),
        error_messages={"required": _("Choisissez le fichier.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class PixMappingForm(forms.Form):
    """One choice per Pix competence: the domain of the diagnostic it feeds, or none."""

    def __init__(self, *args, organisation, current, **kwargs):
        from passerelle.people import pix

        super().__init__(*args, **kwargs)
        self.areas = {str(a.pk): a for a in SkillArea.objects.filter(organisation=organisation)}
        choices = [("", _("Ne pas importer")), *((pk, a.name) for pk, a in self.areas.items())]
        for code, name in pix.COMPETENCES:
            area = current.get(code)
            self.fields[f"c{code.replace('.', '_')}"] = forms.ChoiceField(
                label=f"{code} {name}",
                choices=choices,
                required=False,
                initial=str(area.pk) if area else "",
            )

    def choices(self) -> dict:
        from passerelle.people import pix

        return {
            code: self.areas.get(self.cleaned_data[f"c{code.replace('.', '_')}"])
            for code, _name in pix.COMPETENCES
        }


class PeopleFileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Le tableau contient"),
        choices=enums.ImportKind.choices,
        initial=enums.ImportKind.PEOPLE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Un historique (date, personne, type, thème, durée, lieu) s'importe après les "
            "personnes qu'il nomme ; une ligne sans nom compte une personne anonyme."
        ),
    )
    file = forms.FileField(
        label=_("Tableau des personnes (.xlsx ou .csv)"),
        help_text=_(
            "La première feuille d'un classeur Excel, ou un CSV (séparé par des points-virgules "
            "ou des virgules). Une ligne par personne, une ligne de titres au-dessus."
        ),
        error_messages={
            "required": _("Choisissez le fichier."),
            "empty": _("Le fichier est vide."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or enums.ImportKind.PEOPLE


class ColumnMappingForm(forms.Form):
    """What each column of the file holds: one of Passerelle's fields, or nothing."""

    def __init__(self, *args, headers: list[str], mapping: list[str], kind: str, **kwargs):
        from passerelle.people import history, imports

        super().__init__(*args, **kwargs)
        self.kind = kind
        fields = history.FIELDS if kind == enums.ImportKind.HISTORY else imports.FIELDS
        choices = [("", _("Ne pas utiliser"))] + [
            (key, label) for key, (label, _aliases) in fields.items()
        ]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("Colonne %(n)s sans titre") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=mapping[index] if index < len(mapping) else "",
            )

    def clean(self):
        cleaned = super().clean()
        chosen = [value for value in cleaned.values() if value]
        doubled = {value for value in chosen if chosen.count(value) > 1}
        for name, value in cleaned.items():
            if value in doubled:
                self.add_error(name, _("Ce champ est déjà choisi pour une autre colonne."))
        if self.kind == enums.ImportKind.HISTORY:
            from passerelle.people import history

            missing = [str(history.FIELDS[key][0]) for key in history.REQUIRED if key not in chosen]
            if missing:
                raise ValidationError(
                    _("Indiquez la colonne de : %(fields)s.") % {"fields": ", ".join(missing)}
                )
            return cleaned
        names = {"last_name", "first_name"} <= set(chosen) or "full_name" in chosen
        if not names:
            raise ValidationError(
                _(
                    "Indiquez la colonne du nom et celle du prénom (ou la colonne « nom et "
                    "prénom »)."
                )
            )
        return cleaned

    def mapping(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.fields]
