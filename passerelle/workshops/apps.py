from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "passerelle.workshops"
    label = "workshops"
    verbose_name = _("Ateliers")

    def ready(self) -> None:
        from passerelle.workshops import personal_data

        personal_data.register()
        from passerelle.core.calendar import register_provider
        from passerelle.core.events import listen
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.core.today import register_block
        from passerelle.notifications.services import register_reminder_source
        from passerelle.people.extensions import (
            register_file_section,
            register_merge_hook,
            register_suggestion_provider,
        )
        from passerelle.room.extensions import register_blocker
        from passerelle.workshops import blocks, notices, services
        from passerelle.workshops.documents import facilitator_events
        from passerelle.workshops.models import Registration

        register_entry(
            NavigationEntry(
                "ateliers",
                _("Ateliers"),
                "workshops:upcoming",
                _(
                    "Le catalogue des ateliers numériques, les séances, les inscriptions "
                    "et l'émargement."
                ),
            ),
            order=20,
        )
        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        register_provider(facilitator_events)
        register_blocker(blocks.room_blockers)
        register_suggestion_provider(blocks.suggest_workshops)
        register_merge_hook(services.registrations_merge, models=[Registration])
        listen("workshops.waiting_list_promoted", notices.on_promoted)
        listen("workshops.registered", notices.on_registered)
        listen("workshops.session_cancelled", notices.on_session_cancelled)
        register_reminder_source(notices.reminders)

        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.workshops.models import Workshop

        register_step(
            SetupStep(
                "workshops",
                _("Le catalogue des ateliers"),
                _("Les ateliers que le centre propose, avec leur thème et leur niveau."),
                "workshops:catalogue",
                lambda org: Workshop.objects.filter(organisation_id=org),
            ),
            order=40,
        )
