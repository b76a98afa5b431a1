import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from passerelle.core import communes


class Command(BaseCommand):
    help = (
        "Remplace la table des communes (code postal, code INSEE, nom) par celle d'un fichier "
        "codes-postaux.json plus récent (paquet npm « codes-postaux » de la Base Adresse "
        "Nationale : npm pack codes-postaux, puis tar xzf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="le fichier codes-postaux.json")

    def handle(self, *args, path, **options):
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            rows = [(e["codePostal"], e["codeCommune"], e["nomCommune"]) for e in entries]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Fichier illisible : {error}") from error
        count = communes.write_table(rows)
        self.stdout.write(f"{count} lignes écrites dans {communes.DATA}.")
