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


class StaffForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "sites"]
        widgets = {"sites": forms.CheckboxSelectMultiple}
        help_texts = {
            "role": _(
                "Responsable : tout le centre. Travailleur social : permanences et notes "
                "sociales. Médiateur : ateliers, diagnostics, démarches. Accueil : inscriptions "
                "et file d'attente. Bénévole : prénom, contact et parcours numérique seulement."
            ),
            "sites": _("Les lieux où la personne travaille. Un responsable voit tous les lieux."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["sites"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["role"].choices = Role.choices

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
