from django.core.management.base import BaseCommand

from passerelle.core.db import refresh_statistics
from passerelle.procedures.services import HORIZON_DAYS, occurrences_extend


class Command(BaseCommand):
    help = (
        "Les tâches quotidiennes de Passerelle, à lancer une fois par jour (cron). Peut être "
        "relancée sans risque : rien n'est fait deux fois."
    )

    def handle(self, *args, **options):
        created = occurrences_extend()
        self.stdout.write(f"Échéances : {created} fenêtres ajoutées (horizon {HORIZON_DAYS} j).")
        from passerelle.room.services import sweep

        closed = sweep()
        self.stdout.write(f"Salle : {closed} sessions oubliées fermées (avec une note).")
        refresh_statistics()
        self.stdout.write("Statistiques de la base mises à jour.")
