"""What a person (or a partner booking for them) types on a site's public page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.people.search import NotAMobile, mobile_e164


class BookingForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    phone = forms.CharField(
        label=_("Téléphone portable"),
        max_length=20,
        help_text=_("Un code à 6 chiffres y est envoyé par SMS pour confirmer."),
    )
    sms_consent = forms.BooleanField(
        label=_("J'accepte de recevoir par SMS le code, la confirmation et les rappels."),
        error_messages={"required": _("Cochez cette case : le code arrive par SMS.")},
    )
    for_someone = forms.BooleanField(
        label=_("Je réserve pour une autre personne (je suis un partenaire)"), required=False
    )
    partner_name = forms.CharField(label=_("Votre nom"), max_length=100, required=False)
    partner_organisation = forms.CharField(
        label=_("Votre structure"), max_length=100, required=False
    )
    partner_contact = forms.CharField(
        label=_("Votre téléphone ou e-mail"), max_length=100, required=False
    )

    def clean_phone(self):
        try:
            return mobile_e164(self.cleaned_data["phone"])
        except NotAMobile as error:
            raise forms.ValidationError(
                _("Ce numéro est un fixe : donnez un portable, le code arrive par SMS.")
            ) from error
        except ValueError as error:
            raise forms.ValidationError(
                _("Ce numéro n'est pas un portable français (06 ou 07).")
            ) from error

    def clean(self):
        data = super().clean()
        if data.get("for_someone"):
            for name in ("partner_name", "partner_organisation", "partner_contact"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Dites-le : l'équipe doit pouvoir vous joindre."))
        else:
            for name in ("partner_name", "partner_organisation", "partner_contact"):
                data[name] = ""
        return data


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code reçu par SMS"), max_length=6, min_length=6)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Le code a 6 chiffres."))
        return code
