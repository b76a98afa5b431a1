from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    name = "passerelle.equipment"
    label = "equipment"
    verbose_name = _("Prêt de matériel")

    def ready(self) -> None:
        from passerelle.accounts import permissions
        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.equipment import blocks, notices, personal_data
        from passerelle.equipment.models import Device
        from passerelle.notifications.services import register_reminder_source
        from passerelle.people.extensions import register_file_section

        personal_data.register()
        register_file_section(blocks.person_file_section)
        register_reminder_source(notices.reminders)
        register_entry(
            NavigationEntry(
                "pret",
                _("Prêt de matériel"),
                "equipment:desk",
                _("Les ordinateurs, tablettes et téléphones prêtés, et les retards."),
                allowed=permissions.can_lend_equipment,
            ),
            order=45,
        )
        register_step(
            SetupStep(
                "equipment",
                _("Le matériel à prêter (facultatif)"),
                _("Les ordinateurs, tablettes, téléphones et routeurs 4G que le centre prête."),
                "equipment:inventory",
                lambda org: Device.objects.filter(organisation_id=org),
            ),
            order=85,
        )
