from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "passerelle.procedures"
    label = "procedures"
    verbose_name = _("Démarches")

    def ready(self) -> None:
        from passerelle.procedures import personal_data

        personal_data.register()
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.core.today import register_block
        from passerelle.notifications.services import register_reminder_source
        from passerelle.people.extensions import register_file_section, register_merge_hook
        from passerelle.procedures import blocks, notices, services
        from passerelle.procedures.models import FollowedDeadline

        register_entry(
            NavigationEntry(
                "demarches",
                _("Démarches"),
                "procedures:catalogue",
                _(
                    "Le catalogue des démarches en ligne, les démarches accompagnées et les "
                    "échéances."
                ),
            ),
            order=50,
        )
        register_file_section(blocks.person_file_section)
        register_block(blocks.today_block)
        register_merge_hook(services.deadlines_merge, models=[FollowedDeadline])
        register_reminder_source(notices.reminders)
        # Windows first, so that today's reminders see the windows stored this morning.
        register_daily_task(
            DailyTask("deadline_windows", services.occurrences_extend_task), order=10
        )

        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.procedures.models import Procedure

        register_step(
            SetupStep(
                "procedures",
                _("Le catalogue des démarches"),
                _(
                    "Les démarches en ligne pas à pas : installez le catalogue proposé, puis "
                    "adaptez-le."
                ),
                "procedures:catalogue",
                lambda org: Procedure.objects.filter(organisation_id=org),
            ),
            order=50,
        )
