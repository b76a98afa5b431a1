from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_see_consultations(user) -> bool:
    """Who books or holds consultation hours; others have nothing to do there."""
    from passerelle.accounts import permissions

    return permissions.can_book_appointments(user) or permissions.can_hold_consultations(user)


class AppointmentsConfig(AppConfig):
    name = "passerelle.appointments"
    label = "appointments"
    verbose_name = _("Permanences")

    def ready(self) -> None:
        from passerelle.appointments import personal_data

        personal_data.register()
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
                _can_see_consultations,
            ),
            order=30,
        )
        register_entry(
            NavigationEntry(
                "file-attente",
                _("File d'attente"),
                "appointments:queue",
                _("Les personnes venues sans rendez-vous : donner un ticket, appeler la suivante."),
                permissions.can_book_appointments,
            ),
            order=31,
        )
        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        register_provider(blocks.worker_events)
        listen("appointments.booked", notices.on_booked)
        listen("appointments.changed", notices.on_changed)
        listen("appointments.cancelled", notices.on_cancelled)
        listen("notifications.cancel_requested", notices.on_cancel_requested)
        register_reminder_source(notices.reminders)

        from passerelle.appointments.models import OpeningHours
        from passerelle.core.getting_started import SetupStep, register_step

        register_step(
            SetupStep(
                "services",
                _("Les permanences et leurs horaires"),
                _("Chaque permanence, ses motifs, les horaires de chaque intervenant."),
                "appointments:services",
                lambda org: OpeningHours.objects.filter(service__organisation_id=org),
            ),
            order=20,
        )
