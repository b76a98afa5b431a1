"""The Coop's "accompagnements" worksheet, compared with a fixture transcribed from the
reference (shared/domain/coop-and-data-inclusion.md §A.1–A.2), header by header, label by
label."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from passerelle.core import enums
from passerelle.core.models import Activity
from passerelle.people import enums as people_enums
from passerelle.reports import coop
from passerelle.workshops import activities as workshop_activities
from passerelle.workshops.models import Registration, Workshop, WorkshopSession
from tests.factories import ActivityFactory, PersonFactory

pytestmark = pytest.mark.django_db
REFERENCE = json.loads(
    (Path(__file__).parent / "fixtures" / "coop_reference.json").read_text(encoding="utf-8")
)
MARCH = {"periode": "mois", "jour": "2026-03-10"}


def reference_header(variant: str) -> list[str]:
    left_out = {"self": {"É", "V1"}, "team": {"S", "V1"}}[variant]
    return [c["header"] for c in REFERENCE["columns"] if c["presence"] not in left_out]


# The vocabularies


def test_the_themes_are_the_coop_s_values_and_labels():
    assert coop.THEMES == REFERENCE["themes"]


def test_every_stored_theme_is_one_of_the_coop_s_with_its_label():
    for choices in (enums.Theme, enums.AdminProcedureTheme):
        for value, label in choices.choices:
            assert REFERENCE["themes"][value] == str(label)


def test_autonomy_and_workshop_levels_are_stored_as_the_coop_s_values():
    assert set(REFERENCE["autonomy"]) == set(enums.Autonomy.values) - {"done_for"}
    assert set(REFERENCE["workshop_levels"]) == set(enums.WorkshopLevel.values)


def test_autonomy_and_levels_are_written_in_stars_out_of_three():
    for value, stars in REFERENCE["autonomy"].items():
        assert coop._stars(coop.AUTONOMY_STARS[value]) == stars
    for value, stars in REFERENCE["workshop_levels"].items():
        assert coop._stars(coop.LEVEL_STARS[value]) == stars


def test_done_for_the_person_counts_as_the_coop_s_lowest_level():
    assert coop._stars(coop.AUTONOMY_STARS[enums.Autonomy.DONE_FOR]) == "1/3"


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("TYPES", "types"),
        ("PLACES", "canals"),
        ("EQUIPMENT", "equipment"),
        ("REDIRECTIONS", "redirections"),
        ("GENDERS", "genders"),
        ("AGE_BANDS", "age_bands"),
        ("STATUSES", "statuses"),
    ],
)
def test_each_label_written_is_the_coop_s_and_each_coop_label_can_be_written(ours, theirs):
    assert set(getattr(coop, ours).values()) == set(REFERENCE[theirs].values())


def test_the_redirection_structures_are_stored_as_the_coop_s_values():
    assert coop.REDIRECTIONS == REFERENCE["redirections"]
    assert set(enums.RedirectionStructure.values) == set(REFERENCE["redirections"])


# The workbook


@pytest.fixture
def person(organisation):
    return PersonFactory(
        organisation=organisation,
        first_name="Josiane",
        last_name="Marchetti",
        birth_date=dt.date(1951, 3, 14),
        gender=people_enums.Gender.FEMALE,
        commune="Vitry-sur-Seine",
        postcode="94400",
        insee_code="94081",
        employment_status=enums.EmploymentStatus.RETIRED,
    )


@pytest.fixture
def procedure(organisation, site, person, manager):
    site.address = "12 rue Montebello"
    site.save()
    return ActivityFactory(
        organisation=organisation,
        site=site,
        person=person,
        staff=manager,
        date=dt.date(2026, 3, 4),
        kind=enums.ActivityKind.ASSISTED_PROCEDURE,
        theme=enums.Theme.ADMIN_PROCEDURES,
        admin_procedure_theme=enums.AdminProcedureTheme.WORK,
        label="Actualisation France Travail",
        autonomy=enums.Autonomy.DONE_FOR,
        equipment=[enums.Equipment.CENTRE_COMPUTER, enums.Equipment.OWN_COMPUTER],
        referral_to="Mission locale",
        referral_structure=enums.RedirectionStructure.EMPLOYMENT,
    )


@pytest.fixture
def workshop_session(organisation, site, manager):
    """A workshop on 10 March 2026 with three people present."""
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Créer sa boîte mail",
        theme=enums.Theme.EMAIL,
        level=enums.WorkshopLevel.INTERMEDIATE,
        duration_minutes=90,
    )
    starts = dt.datetime(2026, 3, 10, 14, tzinfo=timezone.get_current_timezone())
    session = WorkshopSession.objects.create(
        workshop=workshop,
        site=site,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=90),
        capacity=8,
    )
    for name in ("Awa", "Bernard", "Chen"):
        registration = Registration.objects.create(
            session=session,
            person=PersonFactory(organisation=organisation, first_name=name),
            registered_by=manager,
        )
        workshop_activities.attendance(
            registration=registration, session=session, by=manager
        ).save()
    return session


def workbook(client, params=MARCH, fmt="coop"):
    response = client.get(reverse("reports:export", args=[fmt]), params)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def table_rows(book) -> list[dict]:
    sheet = book["Activités"]
    rows = list(sheet.iter_rows(min_row=REFERENCE["header_row"], values_only=True))
    # An empty table keeps one blank row (Excel wants one): it is no accompaniment.
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(row)]


def test_the_team_workbook_has_the_reference_s_headers_one_by_one(manager_client, procedure):
    sheet = workbook(manager_client)["Activités"]
    header = [c.value for c in sheet[REFERENCE["header_row"]]]
    expected = reference_header("team")
    assert len(header) == len(expected) == 31
    for position, (ours, theirs) in enumerate(zip(header, expected, strict=True), start=1):
        assert ours == theirs, f"column {position}"


def test_one_staff_member_s_export_is_the_self_variant(manager_client, procedure, manager):
    sheet = workbook(manager_client, {**MARCH, "intervenant": manager.pk})["Activités"]
    header = [c.value for c in sheet[REFERENCE["header_row"]]]
    assert header == reference_header("self")
    assert len(header) == 29


def test_the_rows_above_the_table_are_the_reference_s(manager_client, procedure, manager):
    sheet = workbook(manager_client)["Activités"]
    column_a = [sheet.cell(row=n, column=1).value for n in range(1, 22)]
    assert column_a == [v if v != "" else None for v in REFERENCE["metadata_column_a"]]
    assert sheet["A1"].font.b and sheet["A9"].font.b
    assert (sheet["B2"].value, sheet["B3"].value) == (manager.last_name, manager.first_name)
    assert sheet["B4"].value == "Coordinateur"
    assert sheet["B5"].value == 1
    assert sheet["B10"].value == "01.03.2026 - 31.03.2026"
    assert sheet["B11"].value == "-"


def test_the_table_is_an_excel_table_named_activites(manager_client, procedure):
    sheet = workbook(manager_client)["Activités"]
    table = sheet.tables["Activités"]
    assert table.ref == "A22:AE23"


def test_the_date_is_a_real_date_cell(manager_client, procedure):
    sheet = workbook(manager_client)["Activités"]
    cell = sheet["A23"]
    assert cell.value == dt.datetime(2026, 3, 4)  # noqa: DTZ001 (Excel dates are naive)
    assert cell.number_format == "dd/mm/yyyy"


def test_an_assisted_procedure_row_says_what_the_coop_asks(manager_client, procedure):
    (row,) = table_rows(workbook(manager_client))
    assert row["Type"] == "Accompagnement individuel"
    assert row["Participants"] == 1
    assert row["Canaux d’accompagnement"] == "Lieu d’activité"
    assert (row["Nom du lieu"], row["Adresse"]) == ("Vitry-sur-Seine", "12 rue Montebello")
    assert (row["Commune"], row["Code postal"], row["Code Insee"]) == (
        "Vitry-sur-Seine",
        "94400",
        "94081",
    )
    assert row["Matériel numérique utilisé"] == "Ordinateur"
    assert row["Thématique(s) d’accompagnement"] == (
        "Aide aux démarches administratives\nTravail - Formation - Entreprise"
    )
    assert row["Nom de la démarche administrative"] == "Actualisation France Travail"
    assert row["Niveau d’autonomie (ou de l’atelier)"] == "1/3"
    assert row["Bénéficiaire réorienté"] == "Oui"
    assert row["Structure de redirection"] == REFERENCE["redirections"]["insertion_professionnelle"]
    assert row["Code Insee du bénéficiaire"] == "94081"
    assert row["Genre du bénéficiaire"] == "Féminin"
    assert row["Tranche d’âge du bénéficiaire"] == "70 ans et plus"
    assert row["Statut du bénéficiaire"] == "Retraité"
    assert row["ID - Conum"] is False


def test_a_workshop_gives_one_row_per_participant_numbered_i_of_n(manager_client, workshop_session):
    rows = table_rows(workbook(manager_client))
    assert [row["Participants"] for row in rows] == ["1/3", "2/3", "3/3"]
    assert {row["Type"] for row in rows} == {"Atelier collectif"}
    assert {row["Nom de l’atelier"] for row in rows} == {"Créer sa boîte mail"}
    assert {row["Niveau d’autonomie (ou de l’atelier)"] for row in rows} == {"2/3"}
    assert len({row["ID CRA"] for row in rows}) == 1


def test_the_activity_id_is_the_same_on_every_export(manager_client, procedure):
    first = table_rows(workbook(manager_client))[0]["ID CRA"]
    assert table_rows(workbook(manager_client))[0]["ID CRA"] == first


def test_the_team_export_names_nobody(manager_client, procedure):
    book = workbook(manager_client)
    text = "\n".join(str(v) for row in book["Activités"].iter_rows(values_only=True) for v in row)
    assert "Josiane" not in text and "Marchetti" not in text


def test_the_self_export_names_the_person(manager_client, procedure, manager):
    book = workbook(manager_client, {**MARCH, "intervenant": manager.pk})
    assert table_rows(book)[0]["Bénéficiaire"] == "Josiane Marchetti"


def test_the_self_export_never_names_someone_who_objected(manager_client, procedure, manager):
    procedure.person.refuses_named_lists = True
    procedure.person.save()
    book = workbook(manager_client, {**MARCH, "intervenant": manager.pk})
    assert table_rows(book)[0]["Bénéficiaire"] == "Bénéficiaire anonyme"


def test_anonymous_walk_ins_count_one_row_each(manager_client, organisation, site):
    ActivityFactory(
        organisation=organisation,
        site=site,
        person=None,
        anonymous_count=2,
        date=dt.date(2026, 3, 5),
        kind=enums.ActivityKind.WALK_IN,
    )
    rows = table_rows(workbook(manager_client))
    assert [row["Participants"] for row in rows] == ["1/2", "2/2"]
    assert {row["Genre du bénéficiaire"] for row in rows} == {"Non communiqué"}
    assert {row["Statut du bénéficiaire"] for row in rows} == {"Non communiqué ou hétérogène"}


def test_what_is_not_an_accompaniment_is_left_out(manager_client, organisation, site):
    ActivityFactory(
        organisation=organisation,
        site=site,
        date=dt.date(2026, 3, 4),
        kind=enums.ActivityKind.ROOM_SESSION,
    )
    assert table_rows(workbook(manager_client)) == []


def test_a_formula_typed_in_a_label_stays_text(manager_client, procedure):
    Activity.objects.filter(pk=procedure.pk).update(label='=HYPERLINK("http://x","y")')
    sheet = workbook(manager_client)["Activités"]
    cells = [c for c in sheet[23] if c.value == '=HYPERLINK("http://x","y")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_csv_variant_has_the_same_columns(manager_client, procedure):
    response = manager_client.get(reverse("reports:export", args=["coop-csv"]), MARCH)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == reference_header("team")
    assert row[0] == "04/03/2026"


def test_the_workbook_s_queries_do_not_grow_with_its_rows(
    manager_client, organisation, site, manager
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            workbook(manager_client)
        return len(queries)

    ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, 4))
    workbook(manager_client)  # the session's first save (then once a minute) is not the export's
    few = queries_for_export()
    for day in range(5, 25):
        ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, day))
    assert queries_for_export() == few


def test_a_workbook_too_long_to_build_sends_back_to_the_coop_csv(
    manager_client, procedure, monkeypatch
):
    monkeypatch.setattr("passerelle.reports.views.COOP_XLSX_MAX_ROWS", 0)
    response = manager_client.get(reverse("reports:export", args=["coop"]), MARCH, follow=True)
    assert "Choisissez une période plus courte" in response.text
