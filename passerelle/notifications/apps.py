from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "passerelle.notifications"
    label = "notifications"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from passerelle.notifications import blocks
        from passerelle.people.extensions import register_file_section

        register_file_section(blocks.person_file_section)
