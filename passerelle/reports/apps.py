from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "passerelle.reports"
    label = "reports"
    verbose_name = _("Statistiques")

    def ready(self) -> None:
        from passerelle.accounts import permissions
        from passerelle.core.navigation import NavigationEntry, register_entry

        register_entry(
            NavigationEntry(
                "statistiques",
                _("Statistiques"),
                "reports:dashboard",
                _("Le tableau de bord, le bilan pour les financeurs et les exports."),
                permissions.can_view_statistics,
            ),
            order=70,
        )
        from passerelle.core.models import Activity
        from passerelle.reports import summary

        post_save.connect(summary.on_activity_saved, sender=Activity, dispatch_uid="activity_day")
        post_delete.connect(
            summary.on_activity_deleted, sender=Activity, dispatch_uid="activity_day_delete"
        )
        from passerelle.core.events import listen

        # Activities written in bulk (a history import) send no signal: their days, once.
        listen("activities.bulk_written", summary.on_activities_bulk_written)
