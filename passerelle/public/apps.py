from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "passerelle.public"
    label = "public"
    verbose_name = _("Les pages des personnes (réservation en ligne, lien personnel)")

    def ready(self) -> None:
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.public import booking

        # With the other retention tasks: what was typed online and never confirmed goes.
        register_daily_task(DailyTask("online_requests", booking.checks_forget), order=33)
