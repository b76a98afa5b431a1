from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "passerelle.kiosk"
    label = "kiosk"
    verbose_name = _("Borne d'accueil")

    def ready(self) -> None:
        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.kiosk.models import Kiosk

        register_step(
            SetupStep(
                key="kiosk",
                label=_("Installer une borne d'accueil (facultatif)"),
                help=_(
                    "Un écran tactile à l'entrée : les personnes signalent leur arrivée, "
                    "prennent un ticket ou un ordinateur, en français facile, lu à voix haute."
                ),
                url_name="kiosk:manage",
                done=lambda organisation_id: Kiosk.objects.filter(organisation_id=organisation_id),
            ),
            order=90,
        )
