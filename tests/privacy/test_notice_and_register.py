"""The information notice (art. 13), given and recorded; the register (art. 30); the
settings that write them."""

import io

from pypdf import PdfReader

from passerelle.people.models import Person
from passerelle.privacy.models import PrivacySettings
from tests.factories import PersonFactory


def test_the_notice_says_who_is_responsible_why_how_long_and_the_rights(staff_client, organisation):
    PrivacySettings.objects.create(
        organisation=organisation, contact="Claire Martin", retention_months=24
    )
    client, _ = staff_client("reception")
    page = client.get("/donnees-personnelles/notice/")
    assert "Claire Martin" in page.text
    assert "24 mois après votre dernier contact" in page.text
    assert "Vos rendez-vous" in page.text  # a purpose registered by the appointments app
    assert "CNIL" in page.text


def test_the_notice_has_an_easy_to_read_version(staff_client):
    client, _ = staff_client("reception")
    page = client.get("/donnees-personnelles/notice/", {"version": "facile"})
    assert "Qui garde vos informations ?" in page.text
    assert "Nous ne notons jamais vos mots de passe ni vos codes." in page.text


def test_the_notice_prints_as_a_tagged_pdf(staff_client):
    client, _ = staff_client("reception")
    response = client.get("/donnees-personnelles/notice/", {"format": "pdf"})
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "Vos droits" in "".join(p.extract_text() for p in reader.pages)


def test_creating_a_file_records_that_the_notice_was_given(staff_client, organisation):
    client, user = staff_client("reception")
    client.post(
        "/personnes/nouvelle/",
        {
            "first_name": "Awa",
            "last_name": "Diallo",
            "gender": "unknown",
            "french_level": "unknown",
            "employment_status": "unknown",
            "education_level": "unknown",
            "income_situation": "unknown",
            "household": "unknown",
            "preferred_language": "fr",
            "notice_given": "on",
            "not_a_duplicate": "True",
        },
    )
    person = Person.objects.get(last_name="Diallo")
    assert person.notice_given_by == user and person.notice_given_on is not None


def test_a_file_without_the_notice_says_so_and_records_it_in_one_click(staff_client, organisation):
    client, user = staff_client("reception")
    person = PersonFactory(organisation=organisation)
    assert "Pas encore remise" in client.get(f"/personnes/{person.pk}/").text
    client.post(f"/personnes/{person.pk}/notice/")
    person.refresh_from_db()
    assert person.notice_given_by == user
    assert "Remise le" in client.get(f"/personnes/{person.pk}/").text


def test_the_register_is_written_from_the_settings_for_managers_only(
    manager_client, staff_client, organisation
):
    PrivacySettings.objects.create(organisation=organisation, message_retention_months=9)
    page = manager_client.get("/donnees-personnelles/registre/")
    assert "Texte et numéro des messages : 9 mois" in page.text
    client, _ = staff_client("mediator")
    assert client.get("/donnees-personnelles/registre/").status_code == 403


def test_a_manager_sets_the_retention_period(manager_client, organisation):
    response = manager_client.post(
        "/donnees-personnelles/",
        {
            "retention_months": "24",
            "message_retention_months": "12",
            "staff_inactive_months": "6",
            "contact": "Claire Martin",
        },
    )
    assert response.status_code == 302
    assert PrivacySettings.objects.get(organisation=organisation).contact == "Claire Martin"


def test_a_retention_period_out_of_bounds_gets_a_french_message(manager_client):
    response = manager_client.post(
        "/donnees-personnelles/",
        {"retention_months": "600", "message_retention_months": "12", "staff_inactive_months": "6"},
    )
    assert "inférieure ou égale à 60" in response.text


def test_a_person_may_object_to_being_named_in_lists_and_the_file_says_so(
    staff_client, organisation
):
    client, _ = staff_client("reception")
    person = PersonFactory(organisation=organisation, first_name="Awa", last_name="Diallo")
    client.post(
        f"/personnes/{person.pk}/modifier/",
        {
            "first_name": "Awa",
            "last_name": "Diallo",
            "preferred_language": "fr",
            "refuses_named_lists": "on",
        },
    )
    person.refresh_from_db()
    assert person.refuses_named_lists
    assert "jamais nommée" in client.get(f"/personnes/{person.pk}/").text


def test_an_objection_survives_a_merge(organisation, manager):
    from passerelle.people.services import person_merge

    kept = PersonFactory(organisation=organisation)
    objecting = PersonFactory(organisation=organisation, refuses_named_lists=True)
    assert person_merge(survivor=kept, duplicate=objecting, by=manager).refuses_named_lists
