from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomConfig(AppConfig):
    name = "passerelle.room"
    label = "room"
    verbose_name = _("Salle informatique")

    def ready(self) -> None:
        from passerelle.core.today import register_block
        from passerelle.room import blocks

        register_block(blocks.today_block)
