"""The manager's description of each site and service, with data·inclusion's own value lists
(from the official package: values and French labels)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.directory.models import Listing, Offer


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


def _theme_choices() -> list:
    """The 69 themes grouped by their category, as data·inclusion shows them."""
    from data_inclusion.schema import v1

    categories = {c.value: c.label for c in v1.Categorie}
    groups: dict[str, list] = {}
    for theme in v1.Thematique:
        category = theme.value.split("--")[0]
        groups.setdefault(categories.get(category, category), []).append((theme.value, theme.label))
    return sorted(groups.items())


def _https_urls(field, **kwargs):
    """An address typed without "https://" gets it (Django 6's default, asked for now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _multiple(label, choices, help_text="", required=False):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class ListingForm(forms.ModelForm):
    class Meta:
        model = Listing
        formfield_callback = _https_urls
        fields = [
            "published",
            "description",
            "siret",
            "phone",
            "email",
            "website",
            "accessibility_url",
            "networks",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "published": _(
                "Le lieu et ses services publiés paraissent dans les annuaires nourris par "
                "data·inclusion (Dora, la Carte de la médiation numérique…)."
            ),
            "description": _("Quelques phrases simples : qui vous accueillez, comment."),
            "phone": _("Le numéro que le public peut appeler, au format +33…"),
        }

    def __init__(self, *args, **kwargs):
        from data_inclusion.schema import v1

        super().__init__(*args, **kwargs)
        self.fields["networks"] = _multiple(
            _("Réseaux dont le lieu fait partie"),
            sorted(_choices(v1.ReseauPorteur), key=lambda choice: choice[1].lower()),
        )


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        formfield_callback = _https_urls
        fields = [
            "published",
            "name",
            "description",
            "service_type",
            "themes",
            "reception_modes",
            "mobilisation_modes",
            "mobilisable_by",
            "booking_url",
            "publics",
            "public_details",
            "fees",
            "fee_details",
            "access_conditions",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _(
                "Entre 200 et 2 000 caractères, des phrases courtes, en français simple."
            ),
        }

    def __init__(self, *args, **kwargs):
        from data_inclusion.schema import v1

        super().__init__(*args, **kwargs)
        self.fields["service_type"] = forms.ChoiceField(
            label=_("Type de service"), choices=_choices(v1.TypeService), required=False
        )
        self.fields["themes"] = _multiple(_("Thématiques"), _theme_choices(), required=True)
        self.fields["reception_modes"] = _multiple(_("Modes d'accueil"), _choices(v1.ModeAccueil))
        self.fields["mobilisation_modes"] = _multiple(
            _("Comment y accéder"), _choices(v1.ModeMobilisation)
        )
        self.fields["mobilisable_by"] = _multiple(
            _("Qui peut faire la démarche"), _choices(v1.PersonneMobilisatrice)
        )
        self.fields["publics"] = _multiple(
            _("À qui s'adresse le service"),
            _choices(v1.Public),
            help_text=_("« Tous publics » se choisit seul."),
        )
        self.fields["fees"] = forms.ChoiceField(
            label=_("Frais"), choices=[("", _("Non précisé")), *_choices(v1.Frais)], required=False
        )
        self.fields["themes"].error_messages["required"] = _("Choisissez au moins une thématique.")

    def clean_publics(self):
        publics = self.cleaned_data["publics"]
        if "tous-publics" in publics and len(publics) > 1:
            raise forms.ValidationError(
                _("« Tous publics » ne se combine pas avec d'autres publics.")
            )
        return publics

    def clean(self):
        cleaned = super().clean()
        modes = cleaned.get("mobilisation_modes") or []
        if "utiliser-lien-mobilisation" in modes and not cleaned.get("booking_url"):
            self.add_error("booking_url", _("Donnez le lien, puisque l'accès se fait par lui."))
        if cleaned.get("fees") == "payant" and not cleaned.get("fee_details"):
            self.add_error("fee_details", _("Dites ce qui est payant, et combien."))
        return cleaned
