from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomConfig(AppConfig):
    name = "passerelle.room"
    label = "room"
    verbose_name = _("Salle informatique")

    def ready(self) -> None:
        from passerelle.room import personal_data

        personal_data.register()
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.core.today import register_block
        from passerelle.room import blocks, services

        register_entry(
            NavigationEntry(
                "salle",
                _("Salle"),
                "room:board",
                _("Les postes de la salle informatique, les sessions libres et les réservations."),
            ),
            order=40,
        )
        register_block(blocks.today_block)

        from passerelle.people.extensions import register_file_section

        register_file_section(blocks.person_file_section)
        register_daily_task(DailyTask("room_sweep", services.sessions_sweep_task), order=20)

        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.room.models import Station

        register_step(
            SetupStep(
                "room",
                _("La salle et ses postes"),
                _("Les salles informatiques, leurs heures et leurs postes."),
                "room:setup",
                lambda org: Station.objects.filter(room__site__organisation_id=org),
            ),
            order=30,
        )
