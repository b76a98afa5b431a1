from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from passerelle.accounts import services
from passerelle.accounts.enums import Role
from passerelle.core.models import Organisation, Site

FIELDS = [
    ("organisation", "Nom de la structure (ex. Emmaüs Alternatives)"),
    ("site", "Nom du premier lieu (ex. Vitry-sur-Seine)"),
    ("address", "Adresse du lieu"),
    ("postcode", "Code postal du lieu"),
    ("commune", "Commune du lieu"),
    ("first_name", "Prénom du premier responsable"),
    ("last_name", "Nom du premier responsable"),
    ("email", "Adresse e-mail du premier responsable"),
]


class Command(BaseCommand):
    help = (
        "Première mise en service d'un vrai centre : crée la structure, son premier lieu et son "
        "premier responsable, et donne le lien où il choisit son mot de passe (il active la "
        "double authentification à sa première connexion). Refuse de tourner deux fois."
    )

    def add_arguments(self, parser):
        for name, label in FIELDS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=label)
        parser.add_argument(
            "--base-url",
            default="",
            help="L'adresse publique de Passerelle (ex. https://passerelle.exemple.org).",
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Ne rien demander."
        )

    def handle(self, *args, interactive: bool, base_url: str, **options):
        if settings.PASSERELLE_DEMO:
            raise CommandError(
                "PASSERELLE_DEMO=1 : c'est une démonstration. Pour un vrai centre, lancez la "
                "commande sans PASSERELLE_DEMO."
            )
        if Organisation.objects.exists():
            raise CommandError(
                "Passerelle est déjà mis en service sur cette base : la structure existe. Les "
                "lieux et les comptes se gèrent ensuite dans Passerelle (Compte → Mise en route)."
            )
        values = {}
        for name, label in FIELDS:
            value = (options.get(name) or "").strip()
            while interactive and not value:
                value = input(f"{label} : ").strip()
            if not value:
                raise CommandError(f"Il manque --{name.replace('_', '-')} ({label}).")
            values[name] = value
        if not (len(values["postcode"]) == 5 and values["postcode"].isdigit()):
            raise CommandError("Le code postal compte 5 chiffres.")
        try:
            validate_email(values["email"])
        except ValidationError as error:
            raise CommandError("Cette adresse e-mail n'est pas valide.") from error
        with transaction.atomic():
            organisation = Organisation.objects.create(name=values["organisation"])
            site = Site.objects.create(
                organisation=organisation,
                name=values["site"],
                address=values["address"],
                postcode=values["postcode"],
                commune=values["commune"],
            )
            manager = services.staff_create(
                organisation=organisation,
                email=values["email"].lower(),
                first_name=values["first_name"],
                last_name=values["last_name"],
                role=Role.MANAGER,
                sites=[site],
            )
        link = f"{base_url.rstrip('/')}{services.set_password_path(user=manager)}"
        self.stdout.write(
            self.style.SUCCESS(f"{organisation.name} est créée, avec le lieu {site.name}.")
        )
        self.stdout.write(
            f"{manager.first_name} {manager.last_name} choisit son mot de passe ici (valable 3 "
            f"jours), puis active la double authentification :\n  {link}"
        )
        self.stdout.write("Ensuite : Compte → Mise en route, pour les étapes suivantes.")
