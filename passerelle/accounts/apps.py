from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "passerelle.accounts"
    label = "accounts"
    verbose_name = _("Comptes du personnel")

    def ready(self) -> None:
        from passerelle.accounts import signals  # noqa: F401
