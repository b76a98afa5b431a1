from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "passerelle.accounts"
    label = "accounts"
    verbose_name = _("Comptes du personnel")

    def ready(self) -> None:
        from passerelle.accounts import (
            signals,  # noqa: F401
            views_setup,
        )
        from passerelle.accounts.models import User
        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.core.models import Site
        from passerelle.core.today import register_block

        register_block(views_setup.today_block, order=1)
        register_step(
            SetupStep(
                "sites",
                _("Les lieux et leur adresse"),
                _("Chaque lieu où l'association reçoit le public."),
                "accounts:sites",
                lambda org: Site.objects.filter(organisation_id=org, is_active=True).exclude(
                    address=""
                ),
            ),
            order=10,
        )
        register_step(
            SetupStep(
                "staff",
                _("Les comptes de l'équipe"),
                _("Un compte par personne, avec le rôle le plus limité qui suffit."),
                "accounts:staff_list",
                # Done with a second account (a row after the first: the manager's own).
                lambda org: User.objects.filter(organisation_id=org, is_active=True)[1:],
            ),
            order=60,
        )
