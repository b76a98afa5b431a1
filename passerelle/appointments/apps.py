from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "passerelle.appointments"
    label = "appointments"
    verbose_name = _("Permanences")

    def ready(self) -> None:
        from passerelle.accounts import permissions
        from passerelle.appointments import blocks, notices
        from passerelle.core.calendar import register_provider
        from passerelle.core.events import listen
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.core.today import register_block
        from passerelle.notifications.services import register_reminder_source
        from passerelle.people.extensions import register_file_section

        register_entry(
            NavigationEntry(
                "permanences",
                _("Permanences"),
                "appointments:home",
                _(
                    "Les rendez-vous avec les travailleurs sociaux et la file d'attente sans "
                    "rendez-vous."
                ),
                permissions.can_view_full_profile,
            ),
            order=30,
        )
        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        register_provider(blocks.worker_events)
        listen("appointments.booked", notices.on_booked)
        listen("appointments.changed", notices.on_changed)
        listen("appointments.cancelled", notices.on_cancelled)
        register_reminder_source(notices.reminders)
