from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "passerelle.workshops"
    label = "workshops"
    verbose_name = _("Ateliers")

    def ready(self) -> None:
        from passerelle.core.calendar import register_provider
        from passerelle.core.today import register_block
        from passerelle.people import selectors as people_selectors
        from passerelle.people.extensions import register_file_section
        from passerelle.workshops import blocks

        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        from passerelle.workshops.documents import facilitator_events

        register_provider(facilitator_events)
        from passerelle.room import selectors as room_selectors

        if blocks.room_blockers not in room_selectors.BLOCKERS:
            room_selectors.BLOCKERS.append(blocks.room_blockers)
        if blocks.suggest_workshops not in people_selectors.SUGGESTION_PROVIDERS:
            people_selectors.SUGGESTION_PROVIDERS.append(blocks.suggest_workshops)

        from passerelle.core.events import listen
        from passerelle.notifications.services import register_reminder_source
        from passerelle.workshops import notices

        listen("workshops.waiting_list_promoted", notices.on_promoted)
        listen("workshops.session_cancelled", notices.on_session_cancelled)
        register_reminder_source(notices.reminders)
