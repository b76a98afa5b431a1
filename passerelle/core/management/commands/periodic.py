from django.core.management.base import BaseCommand

from passerelle.core.periodic import run_daily_tasks


class Command(BaseCommand):
    help = (
        "Les tâches quotidiennes de Passerelle, à lancer chaque matin avant 8 h 30 (cron), par "
        "exemple à 6 h 30. Peut être relancée sans risque : rien n'est fait deux fois, aucun "
        "rappel n'est envoyé deux fois."
    )

    def handle(self, *args, **options):
        for _name, said in run_daily_tasks():
            self.stdout.write(said)
