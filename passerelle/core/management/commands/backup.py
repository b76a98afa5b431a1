"""`manage.py backup`: a consistent snapshot while the site runs, rotated (see core/backups)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from passerelle.core import backups


def read_passphrase(path: str | None) -> str:
    """From --passphrase-file, else PASSERELLE_BACKUP_PASSPHRASE; "" for none."""
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise CommandError(f"Phrase secrète illisible : {error}") from error
    return os.environ.get("PASSERELLE_BACKUP_PASSPHRASE", "")


class Command(BaseCommand):
    help = "Sauvegarde la base (et les fichiers) dans une archive, puis garde les N dernières."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.BACKUP_DIR))
        parser.add_argument("--daily", type=int, default=settings.BACKUP_KEEP_DAILY)
        parser.add_argument("--monthly", type=int, default=settings.BACKUP_KEEP_MONTHLY)
        parser.add_argument(
            "--passphrase-file",
            help="chiffre l'archive avec la phrase de ce fichier (ou PASSERELLE_BACKUP_PASSPHRASE)",
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        try:
            path = backups.backup(
                directory=directory, passphrase=read_passphrase(options["passphrase_file"])
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        deleted = backups.rotate(
            directory=directory, daily=options["daily"], monthly=options["monthly"]
        )
        self.stdout.write(f"Sauvegarde écrite : {path} ({path.stat().st_size // 1024} Kio).")
        if deleted:
            self.stdout.write(f"{len(deleted)} ancienne(s) sauvegarde(s) supprimée(s).")
