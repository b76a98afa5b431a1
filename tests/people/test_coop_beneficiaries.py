"""La Coop's beneficiaries template, both ways: Passerelle's people written in it, and such a
file read with the Coop's checks (reference §A.3)."""

import datetime as dt
import io
import zipfile
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from passerelle.core import enums
from passerelle.core.models import AuditEntry
from passerelle.people import coop_beneficiaries
from passerelle.people.models import Note, Person
from tests.conftest import login_verified
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    PersonFactory,
    SiteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
IMPORT = "/personnes/importer/coop/"
MARCH = {"periode": "mois", "jour": "2026-03-10"}


def template(rows, *, sheet="Bénéficiaires", second_row=("Nom", "Prénom")) -> bytes:
    """A file like the Coop's template, with `rows` from row 4."""
    book = Workbook()
    page = book.active
    page.title = sheet
    page["A1"] = coop_beneficiaries.INSTRUCTIONS
    for column, value in zip("AB", second_row, strict=True):
        page[f"{column}2"] = value
    for number, row in enumerate(rows, start=4):
        for column, value in zip("ABCDEFGHIJ", row, strict=False):
            page[f"{column}{number}"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content: bytes, name="beneficiaires.xlsx", **data):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content), **data})


@pytest.fixture
def mediator(staff_client):
    return staff_client("mediator")[0]


# Reading a file


def test_a_valid_row_is_shown_before_anything_is_created(mediator):
    page = upload(mediator, template([["Koné", "Awa", 1970, "Créteil"]]))
    assert "1 fiche sera créée." in page.text
    assert not Person.objects.exists()


def test_confirming_creates_the_files_with_the_commune_and_the_year(mediator, organisation):
    upload(
        mediator,
        template(
            [["Koné", "Awa", 1970, "Santeny", "94070", "94440", "06 12 34 56 78", "A@X.FR", "F"]]
        ),
    )
    mediator.post(IMPORT, {"confirm": "1"})
    person = Person.objects.get(organisation=organisation)
    assert (person.last_name, person.first_name, person.gender) == ("Koné", "Awa", "female")
    assert (person.birth_date, person.birth_year_only) == (dt.date(1970, 7, 1), True)
    assert (person.commune, person.insee_code, person.postcode) == ("Santeny", "94070", "94440")
    assert (str(person.phone), person.email) == ("+33612345678", "a@x.fr")
    assert AuditEntry.objects.filter(action="person_created", person_id=person.pk).exists()


def test_the_notes_become_a_general_note(mediator):
    upload(
        mediator,
        template([["Koné", "Awa", None, None, None, None, None, None, None, "Vient le mardi"]]),
    )
    mediator.post(IMPORT, {"confirm": "1"})
    assert Note.objects.get().text == "Vient le mardi"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "Awa"], "Le nom est obligatoire"),
        (["Koné", ""], "Le prénom est obligatoire"),
        (["Koné", "Awa", 1850], "Veuillez renseigner une année de naissance valide"),
        (["Koné", "Awa", None, "Créteil", "99999"], "Code commune non trouvé"),
        (
            ["Koné", "Awa", None, "Ivry-sur-Seine", "94028"],
            "Le nom de la commune ne correspond pas",
        ),
        (
            ["Koné", "Awa", None, "Créteil", "94028", "94400"],
            "Le code postal de la commune ne correspond pas",
        ),
        (["Koné", "Awa", None, None, None, None, None, None, "femme"], "Genre invalide"),
        (['=HYPERLINK("http://x";"Koné")', "Awa"], "Une formule dans la colonne A"),
    ],
)
def test_a_row_with_an_error_is_reported_and_left_out(mediator, row, message):
    page = upload(mediator, template([row, ["Martin", "Paul"]]))
    assert message in unescape(page.text)
    mediator.post(IMPORT, {"confirm": "1"})
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Martin"]


def test_a_landline_is_left_out_with_a_warning(mediator):
    page = upload(mediator, template([["Koné", "Awa", None, None, None, None, "01 45 67 89 10"]]))
    assert "pas un portable" in page.text
    mediator.post(IMPORT, {"confirm": "1"})
    assert Person.objects.get().phone == ""


def test_someone_already_in_passerelle_is_not_created_twice(mediator, organisation):
    known = PersonFactory(
        organisation=organisation,
        last_name="Koné",
        first_name="Awa",
        birth_date=dt.date(1970, 2, 3),
    )
    page = upload(mediator, template([["KONE", "awa", 1970]]))
    assert f"/personnes/{known.pk}/" in page.text
    mediator.post(IMPORT, {"confirm": "1"})
    assert Person.objects.count() == 1


def test_the_same_person_twice_in_the_file_is_created_once(mediator):
    upload(mediator, template([["Koné", "Awa", 1970], ["Koné", "Awa", 1970]]))
    mediator.post(IMPORT, {"confirm": "1"})
    assert Person.objects.count() == 1


def test_reading_stops_at_the_first_empty_row(mediator):
    upload(mediator, template([["Koné", "Awa"], [], ["Martin", "Paul"]]))
    mediator.post(IMPORT, {"confirm": "1"})
    assert Person.objects.count() == 1


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 3_000_000)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Nom;Prenom\nKone;Awa\n", "n'est pas un classeur Excel"),
        (lambda: template([["Koné", "Awa"]], sheet="Feuil1"), 'pas de feuille "Bénéficiaires"'),
        (
            lambda: template([["Koné", "Awa"]], second_row=("Prénom", "Nom")),
            "pas le modèle de La Coop",
        ),
        (lambda: b"0" * (5 * 1024 * 1024 + 1), "un fichier de bénéficiaires en pèse moins de 5"),
        (_zip_bomb, "volume anormal"),
        (lambda: b"PK\x03\x04 broken", "n'est pas un classeur Excel"),
    ],
)
def test_a_file_that_is_not_a_beneficiaries_file_is_refused_whole(mediator, content, message):
    page = upload(mediator, content() if callable(content) else content)
    assert message in unescape(page.text)
    assert mediator.post(IMPORT, {"confirm": "1"}).status_code == 302
    assert not Person.objects.exists()


def test_confirming_without_a_checked_file_creates_nothing(mediator):
    response = mediator.post(IMPORT, {"confirm": "1"}, follow=True)
    assert "Rien à importer" in response.text


# Writing, and the round trip


@pytest.fixture
def accompanied(organisation, site):
    people = [
        PersonFactory(
            organisation=organisation,
            last_name="Lefèvre",
            first_name="Josiane",
            birth_date=dt.date(1951, 3, 14),
            gender="female",
            phone="+33612345678",
            email="josiane@exemple.fr",
            commune="Saint-Maur-des-Fossés",
            postcode="94100",
            insee_code="94068",
        ),
        PersonFactory(
            organisation=organisation, last_name="Diallo", first_name="Moussa", birth_date=None
        ),
        PersonFactory(
            organisation=organisation,
            last_name="Secret",
            first_name="Anne",
            refuses_named_lists=True,
        ),
    ]
    for person in people:
        ActivityFactory(
            organisation=organisation,
            site=site,
            person=person,
            date=dt.date(2026, 3, 4),
            kind=enums.ActivityKind.INDIVIDUAL_SUPPORT,
        )
    return people


def export(client) -> bytes:
    response = client.get(reverse("reports:export", args=["coop-beneficiaires"]), MARCH)
    return b"".join(response.streaming_content)


def test_the_export_is_the_coop_s_template_without_its_example_row(manager_client, accompanied):
    sheet = load_workbook(io.BytesIO(export(manager_client)))["Bénéficiaires"]
    assert sheet["A1"].value == coop_beneficiaries.INSTRUCTIONS
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet[f"{c}2"].value for c in "ABCDGHIJ"] == [
        "Nom",
        "Prénom",
        "Année de naissance",
        "Commune",
        "N° de téléphone",
        "E-mail",
        "Genre",
        "Notes supplémentaires",
    ]
    assert [sheet[f"{c}3"].value for c in "DEF"] == ["Nom", "Code INSEE", "Code postal"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][:9] == ("Diallo", "Moussa", None, None, None, None, None, None, "Non communiqué")
    assert rows[1][:9] == (
        "Lefèvre",
        "Josiane",
        1951,
        "Saint-Maur-des-Fossés",
        "94068",
        "94100, 94210, 94340",
        "0612345678",
        "josiane@exemple.fr",
        "Féminin",
    )


def test_the_export_never_names_someone_who_objected(manager_client, accompanied):
    text = str(list(load_workbook(io.BytesIO(export(manager_client))).active.values))
    assert "Secret" not in text


def test_the_file_exported_comes_back_the_same_in_another_centre(
    client, manager_client, accompanied
):
    content = export(manager_client)
    other = OrganisationFactory(name="Autre centre")
    SiteFactory(organisation=other)
    login_verified(client, UserFactory(manager=True, organisation=other, email="m@autre.org"))
    upload(client, content)
    client.post(IMPORT, {"confirm": "1"})
    fields = ["last_name", "first_name", "commune", "insee_code", "phone", "email", "gender"]
    theirs = list(Person.objects.filter(organisation=other).order_by("last_name").values(*fields))
    ours = list(
        Person.objects.filter(pk__in=[p.pk for p in accompanied[:2]])
        .order_by("last_name")
        .values(*fields)
    )
    assert theirs == ours
    years = Person.objects.filter(organisation=other).values_list("birth_date__year", flat=True)
    assert sorted(filter(None, years)) == [1951]


def test_the_template_s_own_look_ups_are_not_imported_the_name_finds_the_commune(mediator):
    lookup = '=IFERROR(VLOOKUP(D4,Communes!A:B,2,FALSE),"Nom de commune invalide")'
    upload(mediator, template([["Koné", "Awa", None, "Créteil", lookup, lookup]]))
    mediator.post(IMPORT, {"confirm": "1"})
    person = Person.objects.get()
    assert (person.commune, person.insee_code, person.postcode) == ("Créteil", "94028", "94000")
