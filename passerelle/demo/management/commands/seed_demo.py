from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from passerelle.core.db import refresh_statistics
from passerelle.demo import seed as demo
from passerelle.kiosk.models import Kiosk
from passerelle.room.models import Station


class Command(BaseCommand):
    help = "Crée un centre de démonstration fictif (déterministe). Ne fait rien s'il existe déjà."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=300, help="Nombre de personnes.")
        parser.add_argument("--years", type=int, default=2, help="Années d'historique.")

    def handle(self, *args, people: int, years: int, **options):
        if not settings.PASSERELLE_DEMO:
            # Its accounts share a published password: never in a real centre's database.
            raise CommandError(
                "Les données de démonstration ne se chargent qu'en démonstration "
                "(PASSERELLE_DEMO=1) : elles créent des comptes au mot de passe public."
            )
        if people < 0 or not 1 <= years <= 10:
            raise CommandError("--people doit être positif et --years entre 1 et 10.")
        if demo.already_seeded():
            self.stdout.write("Les données de démonstration sont déjà présentes.")
        else:
            created = demo.seed(people=people, years=years)
            refresh_statistics()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Centre de démonstration créé : {created['people']} personnes, "
                    f"{created['activities']} activités."
                )
            )
        if settings.PASSERELLE_DEMO:
            for kiosk in Kiosk.objects.filter(is_active=True).select_related("site"):
                self.stdout.write(
                    f"\nBorne d'accueil « {kiosk.name} » ({kiosk.site.name}), sans compte : "
                    f"/kiosque/{kiosk.token}/ sur ce serveur"
                )
            for station in Station.objects.exclude(screen_token="").select_related("room"):
                self.stdout.write(
                    f"Écran du {station.name} ({station.room.name}), sans compte : "
                    f"/poste/{station.screen_token}/ sur ce serveur"
                )
            self.stdout.write("\nComptes de démonstration (mot de passe identique pour tous) :")
            for account in demo.demo_accounts():
                self.stdout.write(
                    f"  {account['role']:<22} {account['email']:<42} {account['password']}"
                )
