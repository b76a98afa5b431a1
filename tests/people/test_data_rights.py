"""The person's right of access (GDPR art. 15): every app says what it keeps, the archive
holds all of it, readable and as JSON, for a manager, journaled."""

import io
import json
import zipfile

from django.apps import apps
from pypdf import PdfReader

from passerelle.core.models import AuditEntry
from passerelle.people.extensions import PERSON_DATA
from passerelle.people.models import Person
from tests.factories import ActivityFactory, ConsentFactory, PersonFactory


def test_every_model_that_points_to_a_person_is_in_the_access_archive():
    covered = {model for data in PERSON_DATA for model in data.models}
    pointing = {
        model
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and (field.many_to_one or field.one_to_one)
        and field.related_model is Person
    }
    assert pointing, "the model graph names the models linked to a person"
    assert pointing - covered == set()


def _archive(client, person):
    response = client.post(f"/personnes/{person.pk}/donnees/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_access_archive_holds_a_readable_pdf_and_the_same_data_as_json(
    manager_client, organisation, site
):
    person = PersonFactory(organisation=organisation, first_name="Josiane", commune="Vitry")
    ConsentFactory(person=person, scope="sms")
    ActivityFactory(organisation=organisation, site=site, person=person)
    bundle = _archive(manager_client, person)
    data = json.loads(bundle.read("mes-donnees.json"))
    titles = [section["titre"] for section in data["rubriques"]]
    assert "La fiche" in titles and "Vos accords" in titles
    fiche = data["rubriques"][0]["donnees"][0]
    assert fiche["Prénom"] == "Josiane" and fiche["Commune"] == "Vitry"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bundle.read("mes-donnees.pdf"))).pages
    )
    assert "Vos données" in text and "Josiane" in text and "Recevoir des SMS de rappel" in text


def test_the_access_archive_says_who_opened_the_file(manager_client, organisation, manager):
    person = PersonFactory(organisation=organisation)
    manager_client.get(f"/personnes/{person.pk}/")
    data = json.loads(_archive(manager_client, person).read("mes-donnees.json"))
    journal = next(s for s in data["rubriques"] if s["titre"].startswith("Qui a consulté"))
    assert {"Action": "Fiche consultée"}.items() <= journal["donnees"][0].items()


def test_downloading_someones_data_is_journaled(manager_client, organisation):
    person = PersonFactory(organisation=organisation)
    _archive(manager_client, person)
    entry = AuditEntry.objects.get(person_id=person.pk, action="export")
    assert entry.summary == "Toutes ses données (droit d'accès)"


def test_only_managers_answer_the_right_of_access(staff_client, organisation):
    person = PersonFactory(organisation=organisation)
    client, _ = staff_client("social_worker")
    assert client.post(f"/personnes/{person.pk}/donnees/").status_code == 403


def test_another_organisations_person_is_not_found(manager_client):
    stranger = PersonFactory()
    assert manager_client.get(f"/personnes/{stranger.pk}/donnees/").status_code == 404
