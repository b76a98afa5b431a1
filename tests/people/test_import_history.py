"""A history of past activities from a spreadsheet, so that the years before Passerelle count
in the statistics."""

import datetime as dt
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from passerelle.core.models import Activity
from passerelle.people import history
from passerelle.people.models import PeopleImport
from passerelle.reports import summary
from passerelle.reports.models import ActivityDay
from tests.factories import PersonFactory
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db
START = "/personnes/importer/"
HEADER = "Date;Nom;Prénom;Type;Thème;Durée;Lieu\n"


@pytest.fixture
def manager(staff_client):
    return staff_client("manager")[0]


@pytest.fixture
def awa(organisation):
    return PersonFactory(organisation=organisation, last_name="Koné", first_name="Awa")


def upload(client, text: str):
    content = (HEADER + text).encode()
    return client.post(
        START, {"kind": "history", "file": SimpleUploadedFile("historique.csv", content)}
    )


def imported(client, text: str) -> PeopleImport:
    upload(client, text)
    batch = PeopleImport.objects.latest("pk")
    client.post(f"{START}{batch.pk}/", {"action": "start"})
    run_worker()
    batch.refresh_from_db()
    return batch


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("90", 90), ("1h30", 90), ("1 h", 60), ("01:30", 90), ("45 min", 45), (0.0625, 90)],
)
def test_durations_are_read_as_centres_write_them(text, minutes):
    assert history.parse_minutes(text) == minutes


def test_a_history_row_becomes_an_activity_of_its_person(manager, awa, site):
    batch = imported(manager, f"12/03/2024;Koné;Awa;Démarche;Argent - Impôts;45;{site.name}\n")
    activity = Activity.objects.get()
    assert (activity.person, activity.date, activity.kind) == (
        awa,
        dt.date(2024, 3, 12),
        "assisted_procedure",
    )
    assert (activity.theme, activity.admin_procedure_theme) == (
        "aide_aux_demarches_administratives",
        "argent_impots",
    )
    assert (activity.duration_minutes, activity.site) == (45, site)
    assert batch.summary["created"] == 1


def test_a_row_without_a_name_is_an_anonymous_participant(manager):
    imported(manager, "05/06/2023;;;Atelier;E-mail;1h30;\n")
    activity = Activity.objects.get()
    assert (activity.person, activity.anonymous_count, activity.kind) == (None, 1, "workshop")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("12/03/2024;Inconnu;Jean;Atelier;E-mail;60;", "Personne introuvable"),
        ("12/03/2024;;;Cours de cuisine;E-mail;60;", "Type « Cours de cuisine » inconnu"),
        ("12/03/2024;;;Atelier;Jardinage;60;", "Thème « Jardinage » inconnu"),
        ("12/03/2024;;;Atelier;E-mail;longtemps;", "n'est pas une durée"),
        ("12/03/2099;;;Atelier;E-mail;60;", "dans le futur"),
        ("12/03/2024;;;Atelier;E-mail;60;Marseille", "Lieu « Marseille » inconnu"),
    ],
)
def test_each_problem_is_shown_and_the_row_left_out(manager, line, message):
    upload(manager, line + "\n05/06/2023;;;Atelier;E-mail;60;\n")
    batch = PeopleImport.objects.latest("pk")
    assert message in unescape(manager.get(f"{START}{batch.pk}/").text)
    imported_batch = imported(manager, "05/06/2023;;;Atelier;E-mail;60;\n")
    assert imported_batch.summary["created"] == 1


def test_namesakes_are_told_apart_by_the_birth_date_or_refused(manager, organisation):
    PersonFactory(
        organisation=organisation,
        last_name="Koné",
        first_name="Awa",
        birth_date=dt.date(1960, 1, 1),
    )
    PersonFactory(
        organisation=organisation,
        last_name="Koné",
        first_name="Awa",
        birth_date=dt.date(1990, 1, 1),
    )
    upload(manager, "12/03/2024;Koné;Awa;Atelier;E-mail;60;\n")
    batch = PeopleImport.objects.latest("pk")
    assert "ajoutez la date de naissance" in unescape(manager.get(f"{START}{batch.pk}/").text)


def test_the_statistics_count_the_imported_days(
    manager, awa, organisation, django_capture_on_commit_callbacks
):
    upload(manager, "12/03/2024;Koné;Awa;Démarche;Argent - Impôts;45;\n")
    batch = PeopleImport.objects.latest("pk")
    manager.post(f"{START}{batch.pk}/", {"action": "start"})
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    summary.ensure_fresh(organisation.pk)
    day = ActivityDay.objects.get(organisation=organisation, date=dt.date(2024, 3, 12))
    assert (day.activities, day.minutes) == (1, 45)


def test_the_history_import_is_undone(manager, awa):
    batch = imported(manager, "12/03/2024;Koné;Awa;Atelier;E-mail;60;\n")
    page = manager.post(f"{START}{batch.pk}/", {"action": "undo"}, follow=True)
    assert "1 activité retirée" in unescape(page.text)
    assert not Activity.objects.exists()


def test_the_columns_the_history_needs_are_asked_for(manager):
    upload(manager, "12/03/2024;;;Atelier;E-mail;60;\n")
    batch = PeopleImport.objects.latest("pk")
    data = {"action": "mapping", **{f"col_{i}": key for i, key in enumerate(batch.mapping)}}
    data["col_5"] = ""
    page = manager.post(f"{START}{batch.pk}/", data)
    assert "Indiquez la colonne de : Durée" in unescape(page.text)
