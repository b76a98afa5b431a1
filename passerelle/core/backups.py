"""Backups that restore: a consistent snapshot of the database while the site runs, in one
archive with a manifest, optionally encrypted with a passphrase, rotated; and its restore.

- SQLite: the online backup API (a consistent copy even while others write, WAL included).
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot), restored by `pg_restore`.
- The files Passerelle stores (the funder reports' PDFs) live in the database, so the archive
  holds everything; a MEDIA_ROOT, if a deployment sets one, is added to it.
- Encryption: GnuPG's symmetric AES-256 (`gpg`, Debian's package), the passphrase read from a
  file descriptor, never from the command line.
- Rotation: the latest archive of each of the last N days and of each of the last M months
  are kept; older ones are deleted, so backups follow the retention rules of the data.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
PREFIX = "passerelle-"
SQLITE_NAME, PG_NAME = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """Said to the person who runs the command, in French."""


@dataclass(frozen=True)
class Archive:
    path: Path
    taken_at: dt.datetime


def _pg_environment() -> dict:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str], *, env=None, stdin=None, pass_fds=()) -> None:
    try:
        result = subprocess.run(
            command, env=env, stdin=stdin, pass_fds=pass_fds, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(f"Programme introuvable : {command[0]} (installez-le).") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {result.stderr.strip()[:500]}")


def _with_passphrase(command: list[str], passphrase: str, *, input_path: Path, output: Path):
    read, write = os.pipe()
    os.write(write, passphrase.encode())
    os.close(write)
    try:
        _run(
            [
                "gpg",
                "--batch",
                "--yes",
                "--quiet",
                "--pinentry-mode",
                "loopback",
                "--passphrase-fd",
                str(read),
                *command,
                "--output",
                str(output),
                str(input_path),
            ],
            pass_fds=(read,),
        )
    finally:
        os.close(read)


def _dump_database(folder: Path) -> str:
    vendor = connection.vendor
    connection.ensure_connection()
    if vendor == "sqlite":
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_NAME
    if vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / PG_NAME)],
            env=_pg_environment(),
        )
        return PG_NAME
    raise BackupError(f"Base de données non prise en charge : {vendor}.")


def _manifest() -> dict:
    applied = MigrationRecorder(connection).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in sorted(applied):
        latest[app] = max(latest.get(app, ""), name)
    return {
        "format": FORMAT,
        "engine": connection.vendor,
        "taken_at": timezone.now().isoformat(),
        "migrations": latest,
    }


def backup(*, directory: Path, passphrase: str = "", now: dt.datetime | None = None) -> Path:
    """Write one archive into `directory`; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    now = now or timezone.now()
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    with tempfile.TemporaryDirectory(dir=directory) as staging:
        folder = Path(staging) / "content"
        folder.mkdir()
        database = _dump_database(folder)
        manifest = {**_manifest(), "database": database}
        media = Path(settings.MEDIA_ROOT) if getattr(settings, "MEDIA_ROOT", "") else None
        if media is not None and media.is_dir():
            shutil.copytree(media, folder / "media")
            manifest["media"] = True
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        archive = Path(staging) / f"{PREFIX}{stamp}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            for path in sorted(folder.iterdir()):
                tar.add(path, arcname=path.name)
        if passphrase:
            final = directory / f"{archive.name}.gpg"
            _with_passphrase(
                ["--symmetric", "--cipher-algo", "AES256"],
                passphrase,
                input_path=archive,
                output=final,
            )
        else:
            final = directory / archive.name
            shutil.move(archive, final)
    final.chmod(0o600)
    return final


def archives(directory: Path) -> list[Archive]:
    found = []
    for path in directory.glob(f"{PREFIX}*.tar.gz*"):
        stamp = path.name[len(PREFIX) :].split(".")[0]
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(
                tzinfo=timezone.get_current_timezone()
            )
        except ValueError:
            continue
        found.append(Archive(path, taken))
    return sorted(found, key=lambda a: a.taken_at, reverse=True)


def rotate(*, directory: Path, daily: int, monthly: int) -> list[Path]:
    """Keep the latest archive of each of the last `daily` days and of each of the last
    `monthly` months; delete the others. Returns what was deleted."""
    keep: set[Path] = set()
    days: list[dt.date] = []
    months: list[tuple[int, int]] = []
    for archive in archives(directory):  # latest first
        day = archive.taken_at.date()
        month = (day.year, day.month)
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(archive.path)
        if month not in months and len(months) < monthly:
            months.append(month)
            keep.add(archive.path)
    deleted = []
    for archive in archives(directory):
        if archive.path not in keep:
            archive.path.unlink()
            deleted.append(archive.path)
    return deleted


def restore(*, path: Path, passphrase: str = "") -> dict:
    """Put an archive back in place of the current database. Returns its manifest."""
    if not path.is_file():
        raise BackupError(f"Sauvegarde introuvable : {path}")
    with tempfile.TemporaryDirectory() as staging:
        staging = Path(staging)
        archive = path
        if path.name.endswith(".gpg"):
            if not passphrase:
                raise BackupError("Cette sauvegarde est chiffrée : donnez sa phrase secrète.")
            archive = staging / "archive.tar.gz"
            try:
                _with_passphrase(["--decrypt"], passphrase, input_path=path, output=archive)
            except BackupError as error:
                raise BackupError(
                    "Impossible de déchiffrer : la phrase secrète est-elle la bonne ?"
                ) from error
        folder = staging / "content"
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("Format de sauvegarde inconnu.")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"Sauvegarde faite sur {manifest['engine']}, base actuelle {connection.vendor} : "
                "restaurez-la sur le même type de base."
            )
        if manifest["engine"] == "sqlite":
            source = sqlite3.connect(folder / SQLITE_NAME)
            try:
                connection.ensure_connection()
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(folder / PG_NAME),
                ],
                env=_pg_environment(),
            )
        if manifest.get("media") and getattr(settings, "MEDIA_ROOT", ""):
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(folder / "media", media)
    return manifest
