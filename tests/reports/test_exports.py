import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from passerelle.core.enums import ActivityKind, Autonomy
from passerelle.core.models import AuditEntry
from passerelle.reports import exports
from tests.factories import ActivityFactory, PersonFactory

pytestmark = pytest.mark.django_db
MARCH = {"periode": "mois", "jour": "2026-03-10"}


@pytest.fixture
def person(organisation):
    return PersonFactory(
        organisation=organisation,
        first_name="Josiane",
        last_name="Marchetti",
        phone="+33612345678",
        birth_date=dt.date(1951, 3, 14),
        commune="Vitry-sur-Seine",
        postcode="94400",
    )


@pytest.fixture
def procedure(organisation, site, person):
    return ActivityFactory(
        organisation=organisation,
        site=site,
        person=person,
        date=dt.date(2026, 3, 4),
        kind=ActivityKind.ASSISTED_PROCEDURE,
        label="Actualisation France Travail",
        autonomy=Autonomy.GUIDED,
        referral_to="CCAS",
    )


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_anonymised_export_has_no_name_no_phone_no_birth_date(manager_client, procedure):
    response = manager_client.get(reverse("reports:export", args=["csv"]), MARCH)
    text = "\n".join(";".join(row) for row in read_csv(response))
    for secret in ("Josiane", "Marchetti", "0612345678", "33612345678", "1951"):
        assert secret not in text
    header, row = read_csv(manager_client.get(reverse("reports:export", args=["csv"]), MARCH))
    values = dict(zip(header, row, strict=True))
    assert values["Tranche d'âge"] == "70 ans et plus"
    assert values["Département"] == "94"
    assert len(values["Personne (pseudonyme)"]) == 12


def test_the_xlsx_export_opens_with_the_same_columns(manager_client, procedure):
    response = manager_client.get(reverse("reports:export", args=["xlsx"]), MARCH)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == exports.HEADER
    assert rows[1][1] == "Démarche accompagnée"


def test_rows_arrive_before_the_query_ends(manager_client, organisation, site, person):
    for day in range(1, 29):
        for _ in range(40):
            ActivityFactory(
                organisation=organisation, site=site, person=person, date=dt.date(2026, 2, day)
            )
    response = manager_client.get(
        reverse("reports:export", args=["csv"]), {"periode": "mois", "jour": "2026-02-10"}
    )
    assert response.streaming
    chunks = iter(response.streaming_content)
    header, first = next(chunks), next(chunks)
    assert header.decode().startswith("\ufeffDate;Type")
    assert first.decode().count("\n") == 500  # the first 500 rows, sent while 620 remain
    assert sum(chunk.decode().count("\n") for chunk in chunks) == 28 * 40 - 500


def test_every_export_is_journaled(manager_client, procedure, manager):
    response = manager_client.get(reverse("reports:export", args=["coop"]), MARCH)
    b"".join(response.streaming_content)  # read to the end: the file is then closed
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == manager
    assert "La Coop" in entry.summary


def test_only_managers_export(staff_client):
    client, _user = staff_client("mediator")
    assert client.get(reverse("reports:export", args=["csv"]), MARCH).status_code == 403


def test_an_unknown_export_format_is_a_400(manager_client):
    assert manager_client.get(reverse("reports:export", args=["pdf"])).status_code == 400


def test_an_xlsx_too_long_to_build_sends_back_to_the_csv(manager_client, procedure, monkeypatch):
    monkeypatch.setattr("passerelle.reports.views.XLSX_MAX_ROWS", 0)
    response = manager_client.get(reverse("reports:export", args=["xlsx"]), MARCH, follow=True)
    assert "Choisissez une période plus courte" in response.text
    assert not AuditEntry.objects.filter(action="export").exists()


FORMULA = '=HYPERLINK("http://exemple.invalid","Cliquez")'


@pytest.fixture
def hostile(organisation, site):
    person = PersonFactory(organisation=organisation, commune=FORMULA, postcode="94400")
    return ActivityFactory(
        organisation=organisation,
        site=site,
        person=person,
        date=dt.date(2026, 3, 4),
        kind=ActivityKind.ASSISTED_PROCEDURE,
        label="+33 appel",
        referral_to="@partenaire",
    )


@pytest.mark.parametrize("fmt", ["csv", "coop-csv"])
def test_a_value_typed_like_a_formula_is_text_in_the_csv_exports(manager_client, hostile, fmt):
    rows = read_csv(manager_client.get(reverse("reports:export", args=[fmt]), MARCH))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{FORMULA}" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_a_value_typed_like_a_formula_is_text_in_the_excel_export(manager_client, hostile):
    response = manager_client.get(reverse("reports:export", args=["xlsx"]), MARCH)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    typed = {cell.value: cell.data_type for cell in cells if cell.value == FORMULA}
    assert typed == {FORMULA: "s"}
    assert all(cell.data_type != "f" for cell in cells)


def test_the_coop_export_names_each_theme_once(manager_client, organisation, site):
    ActivityFactory(
        organisation=organisation,
        site=site,
        date=dt.date(2026, 3, 4),
        kind=ActivityKind.ASSISTED_PROCEDURE,
        theme="aide_aux_demarches_administratives",
        other_themes=["aide_aux_demarches_administratives", "email"],
    )
    header, row = read_csv(manager_client.get(reverse("reports:export", args=["coop-csv"]), MARCH))
    themes = dict(zip(header, row, strict=True))["Thématique(s) d’accompagnement"]
    assert themes == "Aide aux démarches administratives\nE-mail"


@pytest.mark.parametrize("kind", [ActivityKind.APPOINTMENT, ActivityKind.WALK_IN])
def test_honoured_appointments_and_walk_ins_are_individual_accompaniments_for_the_coop(
    manager_client, organisation, site, kind
):
    ActivityFactory(organisation=organisation, site=site, date=dt.date(2026, 3, 4), kind=kind)
    header, row = read_csv(manager_client.get(reverse("reports:export", args=["coop-csv"]), MARCH))
    assert dict(zip(header, row, strict=True))["Type"] == "Accompagnement individuel"
