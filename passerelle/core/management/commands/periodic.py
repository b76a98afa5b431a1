from django.core.management.base import BaseCommand

from passerelle.core.db import refresh_statistics
from passerelle.procedures.services import HORIZON_DAYS, occurrences_extend


class Command(BaseCommand):
    help = (
        "Les tâches quotidiennes de Passerelle, à lancer chaque matin avant 8 h 30 (cron), par "
        "exemple à 6 h 30. Peut être relancée sans risque : rien n'est fait deux fois, aucun "
        "rappel n'est envoyé deux fois."
    )

    def handle(self, *args, **options):
        created = occurrences_extend()
        self.stdout.write(f"Échéances : {created} fenêtres ajoutées (horizon {HORIZON_DAYS} j).")
        from passerelle.room.services import sweep

        closed = sweep()
        self.stdout.write(f"Salle : {closed} sessions oubliées fermées (avec une note).")
        from passerelle.notifications.services import schedule_reminders

        queued = schedule_reminders()
        self.stdout.write(f"Messages : {queued} rappels mis en file (SMS et e-mails).")
        refresh_statistics()
        self.stdout.write("Statistiques de la base mises à jour.")
