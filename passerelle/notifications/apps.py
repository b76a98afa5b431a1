from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "passerelle.notifications"
    label = "notifications"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from passerelle.notifications import personal_data

        personal_data.register()
        from passerelle.accounts import permissions
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.notifications import blocks
        from passerelle.notifications.services import delivery, reminders
        from passerelle.people.extensions import register_file_section

        register_entry(
            NavigationEntry(
                "messages",
                _("Messages"),
                "notifications:log",
                _(
                    "Les SMS et e-mails de rappel envoyés aux personnes, et ceux qui ne sont "
                    "pas partis."
                ),
                permissions.can_view_messages,
            ),
            order=60,
        )
        register_file_section(blocks.person_file_section)
        register_daily_task(DailyTask("reminders", reminders.reminders_task), order=30)
        register_daily_task(
            DailyTask("interrupted_messages", delivery.messages_unstick_task), order=31
        )

        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.notifications.models import EventSetting

        register_step(
            SetupStep(
                "messages",
                _("Les messages envoyés"),
                _("Relisez les SMS et e-mails de rappel, et enregistrez vos choix."),
                "notifications:configure",
                lambda org: EventSetting.objects.filter(organisation_id=org),
            ),
            order=70,
        )
