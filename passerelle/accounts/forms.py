from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from passerelle.accounts.enums import Role
from passerelle.accounts.models import User
from passerelle.core.models import Site


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        # One message whether the account exists, is inactive or the password is wrong.
        "invalid_login": _("Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez."),
        "inactive": _("Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code à 6 chiffres"),
        max_length=16,
        help_text=_(
            "Le code affiché par votre application d'authentification, "
            "ou un de vos codes de secours."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


ROLE_DESCRIPTIONS = {
    Role.MANAGER: _(
        "Responsable — tout le centre : l'équipe, les réglages, les statistiques, les exports "
        "et le journal des accès."
    ),
    Role.SOCIAL_WORKER: _(
        "Travailleur social — les fiches complètes, ses permanences, les notes sociales et les "
        "démarches."
    ),
    Role.MEDIATOR: _(
        "Médiateur numérique — les fiches, les ateliers, les diagnostics et les démarches ; "
        "pas les notes sociales."
    ),
    Role.RECEPTION: _(
        "Accueil — les fiches, les rendez-vous, la file d'attente et les inscriptions ; "
        "pas les notes sociales."
    ),
    Role.VOLUNTEER: _(
        "Bénévole — le prénom et l'initiale, le contact et le parcours numérique des "
        "personnes ; les ateliers et la salle."
    ),
}


class StaffForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "sites", "is_digital_adviser"]
        widgets = {"sites": forms.CheckboxSelectMultiple, "role": forms.RadioSelect}
        help_texts = {
            "role": _(
                "Ce que la personne pourra voir et faire. Choisissez le rôle le plus limité "
                "qui suffit."
            ),
            "sites": _("Les lieux où la personne travaille. Un responsable voit tous les lieux."),
            "is_digital_adviser": _(
                "Recruté dans le dispositif Conseiller numérique : l'export pour La Coop de la "
                "médiation numérique l'indique."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["sites"].queryset = Site.objects.filter(organisation=organisation)
        # No role is pre-selected: the manager chooses, reading what each one sees.
        self.fields["role"].choices = [(role, ROLE_DESCRIPTIONS[role]) for role in Role]
        if self.instance.pk is None:
            self.initial.pop("role", None)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Un compte utilise déjà cette adresse e-mail."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and cleaned["role"] != Role.MANAGER and not cleaned.get("sites"):
            self.add_error("sites", _("Choisissez au moins un lieu."))
        return cleaned
