from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "passerelle.appointments"
    label = "appointments"
    verbose_name = _("Permanences")

    def ready(self) -> None:
        from passerelle.appointments import blocks
        from passerelle.core.calendar import register_provider
        from passerelle.core.today import register_block
        from passerelle.people.extensions import register_file_section

        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        register_provider(blocks.worker_events)
