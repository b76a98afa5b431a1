"""Backups that restore: backup → changes → restore gives back the data exactly, on the
database the suite runs on (SQLite in `make test`, PostgreSQL in `make test-pg`); encrypted
with a passphrase; rotated; refused without confirmation."""

import datetime as dt
import shutil

import pytest
from django.core.management import CommandError, call_command

from passerelle.core import backups
from passerelle.people.models import Person
from passerelle.reports.models import FunderReport
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _people():
    return sorted(Person.objects.values_list("pk", "first_name", "last_name", "phone"))


@pytest.fixture
def world(organisation):
    PersonFactory.create_batch(3, organisation=organisation)
    return organisation


def test_backup_then_changes_then_restore_gives_the_data_back(world, tmp_path):
    before = _people()
    archive = backups.backup(directory=tmp_path)
    first = Person.objects.order_by("pk").first()
    first.first_name = "Changé"
    first.save()
    Person.objects.order_by("pk").last().delete()
    PersonFactory(organisation=world, first_name="Nouvelle")
    backups.restore(path=archive)
    assert _people() == before


def test_an_encrypted_backup_restores_with_its_passphrase_only(world, tmp_path):
    if shutil.which("gpg") is None:
        pytest.fail("gpg is needed (apt-get install gnupg)")
    before = _people()
    archive = backups.backup(directory=tmp_path, passphrase="correct horse battery")
    assert archive.name.endswith(".tar.gz.gpg")
    assert b"manifest" not in archive.read_bytes()
    Person.objects.all().delete()
    with pytest.raises(backups.BackupError, match="phrase secrète"):
        backups.restore(path=archive, passphrase="wrong")
    backups.restore(path=archive, passphrase="correct horse battery")
    assert _people() == before


def test_rotation_keeps_the_last_days_and_the_last_months(tmp_path):
    names = [
        "20261130-020000",
        "20261129-020000",
        "20261128-020000",
        "20261127-020000",
        "20261031-020000",
        "20261001-020000",
        "20260930-020000",
    ]
    for name in names:
        (tmp_path / f"passerelle-{name}.tar.gz").write_bytes(b"x")
    deleted = backups.rotate(directory=tmp_path, daily=2, monthly=2)
    kept = sorted(p.name[11:26] for p in tmp_path.iterdir())
    # the last two days, and the latest of the last two months (November's is the 30th)
    assert kept == ["20261031-020000", "20261129-020000", "20261130-020000"]
    assert len(deleted) == 4


def test_the_commands_back_up_and_restore(world, tmp_path, capsys):
    before = _people()
    call_command("backup", directory=str(tmp_path))
    (archive,) = tmp_path.glob("passerelle-*.tar.gz")
    Person.objects.all().delete()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), yes=True)
    assert _people() == before
    assert "restaurée" in capsys.readouterr().out


def test_a_backup_holds_the_funder_reports_pdfs(world, tmp_path, manager):
    report = FunderReport.objects.create(
        organisation=world,
        title="Bilan 2026",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
        requested_by=manager,
        pdf=b"%PDF-1.7 bilan",
    )
    archive = backups.backup(directory=tmp_path)
    FunderReport.objects.filter(pk=report.pk).update(pdf=None)
    backups.restore(path=archive)
    assert bytes(FunderReport.objects.get(pk=report.pk).pdf) == b"%PDF-1.7 bilan"
