from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "passerelle.procedures"
    label = "procedures"
    verbose_name = _("Démarches")

    def ready(self) -> None:
        from passerelle.core.today import register_block
        from passerelle.people.extensions import register_file_section
        from passerelle.procedures import blocks

        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)

        from passerelle.notifications.services import register_reminder_source
        from passerelle.procedures import notices

        register_reminder_source(notices.reminders)
