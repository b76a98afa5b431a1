"""`manage.py restore ARCHIVE --yes`: put a backup back in place of the current database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from passerelle.core import backups
from passerelle.core.management.commands.backup import read_passphrase


class Command(BaseCommand):
    help = "Remplace la base actuelle par une sauvegarde (arrêtez le site avant)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--passphrase-file")
        parser.add_argument(
            "--yes", action="store_true", help="confirme : la base actuelle sera remplacée"
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError(
                "La base actuelle sera remplacée par la sauvegarde. Arrêtez le site et le "
                "worker, puis relancez avec --yes."
            )
        try:
            manifest = backups.restore(
                path=Path(options["archive"]),
                passphrase=read_passphrase(options["passphrase_file"]),
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sauvegarde du {manifest['taken_at'][:16].replace('T', ' ')} restaurée. "
            "Lancez « manage.py migrate » si le code est plus récent qu'elle."
        )
