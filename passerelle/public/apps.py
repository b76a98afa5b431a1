from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "passerelle.public"
    label = "public"
    verbose_name = _("Les pages des personnes (leur lien personnel)")
