"""Pix Orga results into diagnostics, from a file built with the export's documented columns
("collecte de profils": names, the campaign's external id, "Envoi (O/N)", then "Niveau pour
la compétence …" and "Nombre de pix pour la compétence …" for each competence)."""

import datetime as dt
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from passerelle.people import pix, services_pathway
from passerelle.people.models import PixMapping, SkillArea, SkillAssessment
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
IMPORT = "/personnes/diagnostic/pix/"
HEAD = [
    "Nom de l'organisation",
    "ID Campagne",
    "Code",
    "Nom de la campagne",
    "Nom du Participant",
    "Prénom du Participant",
    "Identifiant Passerelle",
    "Envoi (O/N)",
    "Date et heure de l'envoi (Europe/Paris)",
    "Nombre de pix total",
    "Certifiable (O/N)",
    "Nombre de compétences certifiables",
]


def export(participants) -> bytes:
    """participants: (last name, first name, identifier, shared, {code: level})."""
    header = list(HEAD)
    for _code, name in pix.COMPETENCES:
        name = name.replace("'", "’")  # Pix writes typographic apostrophes
        header += [f"Niveau pour la compétence {name}", f"Nombre de pix pour la compétence {name}"]
    lines = [header]
    for last, first, identifier, shared, levels in participants:
        line = ["Emmaüs", "42", "QWERTY123", "Diagnostic d'entrée", last, first, identifier]
        line += ["O" if shared else "N", "2026-11-20 10:12" if shared else "", "64", "N", "2"]
        for code, _name in pix.COMPETENCES:
            level = levels.get(code)
            line += [str(level), str(level * 8)] if shared and level is not None else ["NA", "NA"]
        lines.append(line)
    text = "\n".join(";".join(f'"{cell}"' for cell in line) for line in lines)
    return ("\ufeff" + text).encode()


def upload(client, content: bytes):
    return client.post(IMPORT, {"file": SimpleUploadedFile("export.csv", content)})


@pytest.fixture
def mediator(staff_client):
    return staff_client("mediator")[0]


@pytest.fixture
def awa(organisation):
    services_pathway.questionnaire_install_default(organisation=organisation)
    return PersonFactory(organisation=organisation, first_name="Awa", last_name="Koné")


def test_the_identifier_carries_a_check_digit():
    assert pix.person_pk_from(pix.external_id(1234)) == 1234
    assert pix.person_pk_from("psl 1234 " + pix.external_id(1234)[-1]) == 1234
    wrong = (int(pix.external_id(1234)[-1]) + 1) % 10
    assert pix.person_pk_from(f"PSL-1234-{wrong}") is None


@pytest.mark.parametrize(("level", "score"), [(0, 0), (1, 1), (2, 2), (3, 3), (5, 3), (1.5, 2)])
def test_a_pix_level_becomes_the_questionnaire_s_scale(level, score):
    assert pix.level_to_score(level) == score


def test_the_levels_fill_the_mapped_domains_of_a_new_diagnostic(mediator, awa):
    levels = {"2.1": 1, "2.2": 3, "4.1": 0, "3.4": 4}
    page = upload(mediator, export([("Koné", "Awa", pix.external_id(awa.pk), True, levels)]))
    assert "Importer les résultats de 1 personne" in page.text
    mediator.post(IMPORT, {"confirm": "1"})
    assessment = SkillAssessment.objects.get(person=awa)
    assert (assessment.source, assessment.assessed_on) == ("pix", dt.date(2026, 11, 20))
    scores = {}
    for answer in assessment.answers.select_related("question__area"):
        scores.setdefault(answer.question.area.name, set()).add(answer.score)
    # E-mail: (1 + 3) / 2 = 2; security: 0; "Programmer" feeds no domain by default.
    assert scores == {"E-mail": {2}, "Sécurité et vie privée": {0}}


def test_an_unknown_identifier_is_reported_never_guessed_from_the_name(mediator, awa):
    page = upload(mediator, export([("Koné", "Awa", "PSL-99999-0", True, {"2.1": 2})]))
    assert "Identifiant inconnu" in unescape(page.text)
    mediator.post(IMPORT, {"confirm": "1"})
    assert not SkillAssessment.objects.exists()


def test_a_profile_not_shared_is_not_imported(mediator, awa):
    page = upload(mediator, export([("Koné", "Awa", pix.external_id(awa.pk), False, {})]))
    assert "pas encore envoyé" in page.text


def test_the_same_results_are_imported_once(mediator, awa):
    content = export([("Koné", "Awa", pix.external_id(awa.pk), True, {"2.1": 2})])
    upload(mediator, content)
    mediator.post(IMPORT, {"confirm": "1"})
    page = upload(mediator, content)
    assert "Déjà importé" in unescape(page.text)
    assert SkillAssessment.objects.count() == 1


def test_someone_of_another_organisation_is_unknown(mediator, awa):
    stranger = PersonFactory()
    page = upload(mediator, export([("X", "Y", pix.external_id(stranger.pk), True, {"2.1": 2})]))
    assert "Identifiant inconnu" in unescape(page.text)


def test_the_manager_changes_which_domain_a_competence_feeds(staff_client, awa, organisation):
    manager = staff_client("manager")[0]
    hardware = SkillArea.objects.get(organisation=organisation, name="Utiliser un appareil")
    form = manager.get("/personnes/diagnostic/pix/correspondances/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data.update(c3_4=str(hardware.pk), c2_1="")
    manager.post("/personnes/diagnostic/pix/correspondances/", data)
    chosen = pix.mapping(organisation)
    assert (chosen["3.4"], chosen["2.1"]) == (hardware, None)
    assert PixMapping.objects.filter(organisation=organisation).count() == 16


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Nom;Prénom\n".encode("latin-1"), "texte UTF-8 attendu"),
        (b"a;b;c\n1;2;3\n", "il manque les colonnes"),
        (
            '"Nom du Participant";"Prénom du Participant";"Envoi (O/N)"\n'.encode(),
            "pas de colonne d'identifiant",
        ),
        (b"x" * (5 * 1024 * 1024 + 1), "plus de 5 Mo"),
    ],
)
def test_a_file_that_is_not_a_pix_export_is_refused_with_a_french_message(
    mediator, content, message
):
    page = upload(mediator, content)
    assert message in unescape(page.text)
    assert not SkillAssessment.objects.exists()


def test_the_person_s_diagnostics_page_gives_the_identifier_to_type(mediator, awa):
    page = mediator.get(f"/personnes/{awa.pk}/diagnostics/")
    assert pix.external_id(awa.pk) in page.text


def test_merging_two_files_keeps_the_same_pix_results_once(mediator, awa, organisation, manager):
    from passerelle.people import services

    twin = PersonFactory(organisation=organisation, first_name="Awa", last_name="Koné")
    for person in (awa, twin):
        SkillAssessment.objects.create(person=person, staff=manager, reference="pix:42:PSL-1-8")
    services.person_merge(survivor=awa, duplicate=twin, by=manager)
    assert SkillAssessment.objects.filter(person=awa).count() == 1
