from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "passerelle.people"
    label = "people"
    verbose_name = _("Personnes accompagnées")

    def ready(self) -> None:
        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.people import personal_data

        personal_data.register()

        register_entry(
            NavigationEntry(
                "personnes",
                _("Personnes"),
                "people:list",
                _("Retrouver une personne, sa fiche, son diagnostic numérique et son parcours."),
            ),
            order=10,
        )
