from django.core.management.base import BaseCommand

from passerelle.procedures.services import HORIZON_DAYS, occurrences_extend


class Command(BaseCommand):
    help = (
        "Calcule à l'avance les fenêtres des échéances suivies (à lancer chaque jour, par "
        "exemple depuis cron). Peut être relancé sans risque : rien n'est créé deux fois."
    )

    def handle(self, *args, **options):
        created = occurrences_extend()
        self.stdout.write(f"{created} échéances ajoutées (horizon : {HORIZON_DAYS} jours).")
