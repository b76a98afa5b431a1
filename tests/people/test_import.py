"""Importing a centre's people spreadsheet: the awkward shapes real files have, each rule, the
background task (all or nothing), duplicates and the undo."""

import datetime as dt
import io
import zipfile
from html import unescape
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from passerelle.core.models import Activity, AuditEntry
from passerelle.people import imports
from passerelle.people.models import PeopleImport, Person
from tests.factories import ActivityFactory, PersonFactory
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db
START = "/personnes/importer/"


def csv_file(text: str, encoding="utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_file(rows, *, merge=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content: bytes, name="personnes.csv"):
    return client.post(START, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def manager(staff_client):
    return staff_client("manager")[0]


def checked(client, content, name="personnes.csv") -> PeopleImport:
    response = upload(client, content, name)
    assert response.status_code == 302, unescape(response.text)[:2000]
    return PeopleImport.objects.latest("pk")


def run(client, batch, **decisions):
    client.post(f"{START}{batch.pk}/", {"action": "start", **decisions})
    run_worker()
    batch.refresh_from_db()
    return batch


# Reading the shapes real files have


def test_headers_are_recognised_and_a_title_row_above_them_is_skipped(manager):
    content = csv_file(
        "Liste des personnes suivies 2026;;;\n"
        "NOM;Prénom;Né(e) le;Portable;Mail;CP;Ville;Adresse\n"
        "Koné;Awa;14/03/1961;06.12.34.56.78;AWA@EXEMPLE.FR;94400;Vitry;12 rue X\n"
    )
    batch = checked(manager, content)
    assert batch.summary["header_row"] == 2
    assert batch.mapping == [
        "last_name",
        "first_name",
        "birth_date",
        "phone",
        "email",
        "postcode",
        "commune",
        "",
    ]
    assert batch.summary["unused"] == ["Adresse"]


def test_windows_1252_with_commas_is_read(manager):
    content = csv_file("Nom,Prénom,Ville\nLefèvre,Josiane,Créteil\n", "cp1252")
    batch = run(manager, checked(manager, content))
    person = Person.objects.get()
    assert (person.last_name, person.commune, person.insee_code) == ("Lefèvre", "Créteil", "94028")
    assert batch.status == "done"


def test_one_column_with_the_whole_name_is_split_on_the_capitals(manager):
    content = csv_file("NOM PRÉNOM;Date de naissance\nDUPONT Marie-Claire;1/2/62\nAhmed BENALI;\n")
    run(manager, checked(manager, content))
    names = set(Person.objects.values_list("last_name", "first_name", "birth_date"))
    assert names == {("Dupont", "Marie-Claire", dt.date(1962, 2, 1)), ("Benali", "Ahmed", None)}


def test_excel_dates_serial_numbers_and_iso_text_are_dates(manager):
    content = xlsx_file(
        [
            ["Nom", "Prénom", "Date de naissance"],
            ["A", "Un", dt.datetime(1970, 5, 17)],  # noqa: DTZ001 (an Excel date cell)
            ["B", "Deux", 25000],
            ["C", "Trois", "1980-01-31"],
        ]
    )
    run(manager, checked(manager, content, "personnes.xlsx"))
    births = dict(Person.objects.values_list("last_name", "birth_date"))
    assert births == {
        "A": dt.date(1970, 5, 17),
        "B": dt.date(1968, 6, 11),
        "C": dt.date(1980, 1, 31),
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Koné;Awa;pas de date;", "n'est pas une date"),
        ("K0né;Awa;;", "Un nom s'écrit avec des lettres"),
        ("Koné;Awa;;12 34", "n'est pas un numéro de téléphone"),
        ("Koné;Awa;31/12/2099;", "dans le futur"),
        (";Awa;;", "Le nom manque."),
    ],
)
def test_each_problem_is_shown_at_its_cell_and_the_row_left_out(manager, line, message):
    content = csv_file(f"Nom;Prénom;Date de naissance;Portable\n{line}\nMartin;Paul;;\n")
    batch = checked(manager, content)
    page = manager.get(f"{START}{batch.pk}/")
    assert message in unescape(page.text)
    run(manager, batch)
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Martin"]


def test_a_landline_in_the_mobile_column_is_left_out_with_a_warning(manager):
    content = csv_file("Nom;Prénom;Portable\nKoné;Awa;01 45 67 89 10\n")
    batch = checked(manager, content)
    assert "Un fixe" in manager.get(f"{START}{batch.pk}/").text
    run(manager, batch)
    assert Person.objects.get().phone == ""


def test_a_formula_is_never_imported(manager):
    content = xlsx_file(
        [["Nom", "Prénom"], ['=HYPERLINK("http://x";"Koné")', "Awa"], ["Martin", "Paul"]]
    )
    batch = checked(manager, content, "personnes.xlsx")
    assert ["Nom", "Une formule : écrivez la valeur elle-même."] in [
        error[1:] for error in batch.summary["errors"]
    ]
    run(manager, batch)
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Martin"]


def test_merged_cells_are_read_as_one_value(manager):
    content = xlsx_file(
        [["Nom", "Prénom", "Ville"], ["Koné", "Awa", "Créteil"], ["Diallo", "Moussa", None]],
        merge="C2:C3",
    )
    run(manager, checked(manager, content, "personnes.xlsx"))
    assert Person.objects.get(last_name="Diallo").commune == ""


def test_the_manager_changes_what_a_column_holds(manager):
    content = csv_file("Colonne A;Colonne B\nKoné;Awa\n")
    batch = checked(manager, content)
    assert batch.summary["rows"] == 1 and batch.mapping == ["", ""]
    manager.post(
        f"{START}{batch.pk}/", {"action": "mapping", "col_0": "last_name", "col_1": "first_name"}
    )
    batch.refresh_from_db()
    assert batch.mapping == ["last_name", "first_name"] and batch.summary["error_rows"] == 0


def test_a_mapping_without_the_names_is_refused(manager):
    batch = checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n"))
    page = manager.post(f"{START}{batch.pk}/", {"action": "mapping", "col_0": "email", "col_1": ""})
    assert "Indiquez la colonne du nom" in unescape(page.text)


# Bad files: a French report, nothing kept


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (lambda: b"", "vide.csv", "Le fichier est vide."),
        (lambda: b"\n\n;;\n", "vide.csv", "Le fichier est vide."),
        (lambda: b"0" * (20 * 1024 * 1024 + 1), "gros.csv", "la limite est 20 Mo"),
        (_bomb, "bombe.xlsx", "volume anormal"),
        (
            lambda: b"%PDF-1.7\n\x00\x01\x02binary",
            "liste.pdf",
            "ni un classeur Excel (.xlsx) ni un CSV",
        ),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "ancien.xls", "ni un classeur Excel"),
        (
            lambda: (";".join(f"C{i}" for i in range(200)) + "\n").encode(),
            "large.csv",
            "200 colonnes",
        ),
    ],
)
def test_a_file_that_is_not_a_table_is_refused_with_a_french_message(
    manager, content, name, message
):
    page = upload(manager, content(), name)
    assert message in unescape(page.text)
    assert not PeopleImport.objects.exists()


# Duplicates


@pytest.fixture
def awa(organisation):
    return PersonFactory(
        organisation=organisation,
        last_name="Koné",
        first_name="Awa",
        birth_date=dt.date(1961, 3, 14),
        phone="",
    )


def test_someone_already_there_is_left_aside_by_default(manager, awa):
    batch = run(manager, checked(manager, csv_file("Nom;Prénom;Né(e) le\nKONE;awa;14/03/1961\n")))
    assert Person.objects.count() == 1 and batch.summary["skipped"] == 1


def test_attaching_fills_the_existing_file_s_empty_fields(manager, awa):
    batch = checked(
        manager, csv_file("Nom;Prénom;Né(e) le;Portable\nKoné;Awa;14/03/1961;0612345678\n")
    )
    run(manager, batch, row_2="attach")
    awa.refresh_from_db()
    assert str(awa.phone) == "+33612345678" and Person.objects.count() == 1


def test_the_manager_may_create_a_namesake_anyway(manager, awa):
    batch = checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n"))
    run(manager, batch, row_2="create")
    assert Person.objects.count() == 2


def test_the_same_person_twice_in_the_file_is_flagged(manager):
    batch = checked(
        manager, csv_file("Nom;Prénom;Portable\nKoné;Awa;0612345678\nKONÉ;Awa;06 12 34 56 78\n")
    )
    assert batch.summary["duplicates"][0][4] == 2
    run(manager, batch)
    assert Person.objects.count() == 1


# The import itself


def test_the_import_creates_programmes_and_referents_and_is_journaled(manager, organisation):
    referent = manager.get("/").wsgi_request.user
    content = csv_file(
        f"Nom;Prénom;Dispositif;Référent\nKoné;Awa;ASE;{referent.first_name} {referent.last_name}\n"
    )
    batch = run(manager, checked(manager, content))
    person = Person.objects.get()
    assert person.referent == referent
    assert list(person.programmes.values_list("programme", flat=True)) == ["child_welfare"]
    assert AuditEntry.objects.filter(action="person_created", person_id=person.pk).exists()
    assert AuditEntry.objects.filter(action="people_imported").exists()
    assert batch.content is None  # the file is forgotten once imported


def test_an_error_while_writing_leaves_nothing_half_imported(manager):
    batch = checked(manager, csv_file("Nom;Prénom\nKoné;Awa\nMartin;Paul\n"))
    manager.post(f"{START}{batch.pk}/", {"action": "start"})
    with mock.patch(
        "passerelle.people.services_import.ProgrammeMembership.objects.bulk_create",
        side_effect=RuntimeError("disque plein"),
    ):
        run_worker()
    batch.refresh_from_db()
    assert batch.status == "failed" and not Person.objects.exists()


def test_nothing_is_written_before_the_manager_confirms(manager):
    checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n"))
    run_worker()
    assert not Person.objects.exists()


def test_the_import_is_undone_within_30_days(manager):
    batch = run(manager, checked(manager, csv_file("Nom;Prénom;Dispositif\nKoné;Awa;ASE\n")))
    manager.post(f"{START}{batch.pk}/", {"action": "undo"})
    batch.refresh_from_db()
    assert batch.status == "undone" and not Person.objects.exists()


def test_the_undo_is_refused_once_something_was_added_to_a_file(manager, organisation, site):
    batch = run(manager, checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n")))
    ActivityFactory(organisation=organisation, site=site, person=Person.objects.get())
    page = manager.post(f"{START}{batch.pk}/", {"action": "undo"}, follow=True)
    assert "complétée depuis" in unescape(page.text)
    assert Person.objects.count() == 1 and Activity.objects.count() == 1


def test_the_import_page_shows_its_progress_to_htmx(manager):
    batch = checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n"))
    manager.post(f"{START}{batch.pk}/", {"action": "start"})
    page = manager.get(f"{START}{batch.pk}/", headers={"HX-Request": "true"})
    assert 'id="import-progress"' in page.text and "<html" not in page.text


def test_a_volunteer_cannot_import(staff_client):
    client, _user = staff_client("volunteer")
    assert client.get(START).status_code == 403


def test_another_organisation_s_import_is_not_found(manager):
    other = PeopleImport.objects.create(
        organisation=PersonFactory().organisation,
        created_by=manager.get("/").wsgi_request.user,
        filename="x.csv",
    )
    assert manager.get(f"{START}{other.pk}/").status_code == 404


def test_headers_known_to_the_proposal_include_the_usual_french_ones():
    proposed = imports.proposed_mapping(["Nom", "Prénom", "Tél", "E-mail", "CP", "Ville", "Sexe"])
    assert proposed == [
        "last_name",
        "first_name",
        "phone",
        "email",
        "postcode",
        "commune",
        "gender",
    ]


def test_mixed_encodings_are_read_line_by_line(manager):
    content = "Nom;Prénom\nKoné;Awa\n".encode() + "Lefèvre;Josiane\n".encode("cp1252")
    run(manager, checked(manager, content))
    assert set(Person.objects.values_list("last_name", flat=True)) == {"Koné", "Lefèvre"}


def test_ten_thousand_rows_with_three_wrong_are_reported_in_the_check(manager):
    lines = ["Nom;Prénom;Date de naissance"]
    lines += [
        f"Personne;Numéro{chr(65 + n % 26)}{chr(65 + n // 26 % 26)};01/01/1970"
        for n in range(9_997)
    ]
    lines += ["Personne;Trois;31/02/1970", "P3rsonne;Deux;", ";Un;"]
    batch = checked(manager, "\n".join(lines).encode())
    assert (batch.summary["rows"], batch.summary["error_rows"]) == (10_000, 3)


def test_a_file_never_confirmed_is_forgotten_after_a_week(manager):
    from django.utils import timezone

    from passerelle.people import services_import

    batch = checked(manager, csv_file("Nom;Prénom\nKoné;Awa\n"))
    services_import.unconfirmed_imports_drop_task(now=timezone.now() + dt.timedelta(days=8))
    batch.refresh_from_db()
    assert (batch.status, batch.content) == ("dropped", None)


def test_what_the_undo_needed_is_forgotten_after_30_days(manager, awa):
    from django.utils import timezone

    from passerelle.people import services_import

    batch = checked(
        manager, csv_file("Nom;Prénom;Né(e) le;Portable\nKoné;Awa;14/03/1961;0612345678\n")
    )
    run(manager, batch, row_2="attach")
    assert batch.attached
    services_import.unconfirmed_imports_drop_task(now=timezone.now() + dt.timedelta(days=31))
    batch.refresh_from_db()
    assert batch.attached == {}
