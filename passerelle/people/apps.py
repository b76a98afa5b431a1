from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "passerelle.people"
    label = "people"
    verbose_name = _("Personnes accompagnées")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from passerelle.core.navigation import NavigationEntry, register_entry
        from passerelle.people import personal_data, search_index, services_pathway
        from passerelle.people.extensions import register_merge_hook
        from passerelle.people.models import SkillAssessment

        # The trigram index of the search lives beside Django's tables (search_index.py).
        post_migrate.connect(search_index.post_migrate, sender=self)
        personal_data.register()
        from passerelle.core.periodic import DailyTask, register_daily_task
        from passerelle.people import services_import

        register_daily_task(
            DailyTask("unconfirmed_imports", services_import.unconfirmed_imports_drop_task),
            order=42,
        )
        register_merge_hook(services_pathway.imported_assessments_merge, models=[SkillAssessment])
        # After the erasures and anonymisations, before the planner's statistics (1000).
        register_daily_task(DailyTask("search_index", search_index.optimise), order=990)

        from passerelle.core.today import register_block
        from passerelle.people import blocks

        register_block(blocks.today_block, order=4)

        register_entry(
            NavigationEntry(
                "personnes",
                _("Personnes"),
                "people:list",
                _("Retrouver une personne, sa fiche, son diagnostic numérique et son parcours."),
            ),
            order=10,
        )

        from passerelle.core.getting_started import SetupStep, register_step
        from passerelle.people.models import Person

        register_step(
            SetupStep(
                "people",
                _("Les personnes déjà suivies"),
                _("Importez le tableur des personnes que le centre suit déjà."),
                "people:import",
                lambda org: Person.objects.filter(organisation_id=org),
            ),
            order=80,
        )
