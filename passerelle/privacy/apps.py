from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "passerelle.privacy"
    label = "privacy"
    verbose_name = _("Protection des données")

    def ready(self) -> None:
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.core.today import register_block
        from passerelle.privacy import blocks, personal_data, services

        personal_data.register()
        register_block(blocks.today_block, order=5)
        register_daily_task(
            DailyTask("message_retention", services.message_texts_forget_task), order=32
        )
        register_daily_task(
            DailyTask("inactive_staff", services.staff_inactive_deactivate_task), order=40
        )
        register_daily_task(DailyTask("retention", services.retention_anonymise_task), order=41)
