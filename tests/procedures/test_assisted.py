import datetime as dt

import pytest
from django.utils import timezone

from passerelle.core.models import Activity
from passerelle.people.models import Goal
from passerelle.people.services_pathway import goal_create
from passerelle.procedures.models import AssistedProcedure
from tests.factories import PersonFactory


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation)


def form(chosen, **overrides):
    data = {
        "procedure": chosen.pk,
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "30",
        "outcome": "done",
        "autonomy": "entierement_accompagne",
    }
    return {**data, **overrides}


def test_assisted_procedure_writes_an_activity_with_its_subtheme(staff_client, person, catalogue):
    client, user = staff_client("mediator")
    procedure = catalogue["Actualisation mensuelle France Travail"]
    response = client.post(f"/demarches/personne/{person.pk}/noter/", form(procedure))
    assert response.status_code == 302
    record = AssistedProcedure.objects.get()
    activity = Activity.objects.get()
    assert activity.kind == "assisted_procedure"
    assert activity.admin_procedure_theme == "travail_formation"
    assert activity.label == procedure.name
    assert (activity.autonomy, activity.duration_minutes, activity.staff) == (
        "entierement_accompagne",
        30,
        user,
    )
    assert activity.source == record


def test_assisted_procedure_advances_the_goal_it_serves(staff_client, person, catalogue, manager):
    client, _ = staff_client("mediator")
    goal = goal_create(person=person, by=manager, title="Faire son actualisation seul(e)")
    procedure = catalogue["Actualisation mensuelle France Travail"]
    client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(procedure, goal=goal.pk, autonomy="autonome"),
    )
    goal.refresh_from_db()
    assert (goal.status, goal.autonomy) == ("achieved", "autonome")
    assert Activity.objects.count() == 1  # the goal step is not counted twice


def test_goal_stays_in_progress_when_the_person_was_guided(
    staff_client, person, catalogue, manager
):
    client, _ = staff_client("mediator")
    goal = goal_create(person=person, by=manager, title="CAF seule")
    client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(catalogue["Déclaration trimestrielle RSA et prime d'activité"], goal=goal.pk),
    )
    assert Goal.objects.get().status == "in_progress"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"outcome": "referred"}, "Dites vers quel partenaire la personne est orientée."),
        ({"outcome": "blocked"}, "Dites ce qui bloque."),
        ({"note": "mot de passe : Soleil2026"}, "N&#x27;écrivez jamais de mot de passe"),
        ({"note": "mdp=1234"}, "N&#x27;écrivez jamais de mot de passe"),
        ({"date": "2999-01-01"}, "La date ne peut pas être dans le futur."),
        ({"procedure": ""}, "Choisissez la démarche."),
        ({"duration_minutes": "7"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_gets_a_french_message_and_saves_nothing(
    staff_client, person, catalogue, overrides, message
):
    client, _ = staff_client("mediator")
    procedure = catalogue["Créer son compte ameli"]
    response = client.post(f"/demarches/personne/{person.pk}/noter/", form(procedure, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not AssistedProcedure.objects.exists()
    assert not Activity.objects.exists()


def test_referral_is_recorded_on_the_activity(staff_client, person, catalogue):
    client, _ = staff_client("social_worker")
    client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(
            catalogue["Demander l'aide juridictionnelle"],
            outcome="referred",
            referred_to="Point justice d'Ivry",
            referral_structure="autre",
        ),
    )
    activity = Activity.objects.get()
    assert (activity.referral_to, activity.referral_structure) == ("Point justice d'Ivry", "autre")


def test_a_referral_asks_for_the_kind_of_structure(staff_client, person, catalogue):
    client, _ = staff_client("social_worker")
    page = client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(
            catalogue["Demander l'aide juridictionnelle"],
            outcome="referred",
            referred_to="Mission locale d'Ivry",
        ),
    )
    assert "Choisissez le type de structure." in page.text
    assert not Activity.objects.exists()


def test_the_form_has_no_field_for_credentials(staff_client, person, catalogue):
    client, _ = staff_client("mediator")
    page = client.get(f"/demarches/personne/{person.pk}/noter/")
    assert 'type="password"' not in page.text
    assert "ne sont jamais notés ici" in page.text


def test_follow_up_before_the_procedure_is_refused(staff_client, person, catalogue):
    client, _ = staff_client("mediator")
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(catalogue["Créer son compte ameli"], follow_up_on=yesterday),
    )
    assert "Choisissez une date après la démarche." in response.text


def test_volunteers_cannot_record_procedures(staff_client, person, catalogue):
    client, _ = staff_client("volunteer")
    assert client.get(f"/demarches/personne/{person.pk}/noter/").status_code == 403


def test_another_organisations_person_is_not_found(staff_client, catalogue):
    client, _ = staff_client("mediator")
    assert client.get(f"/demarches/personne/{PersonFactory().pk}/noter/").status_code == 404


def test_from_the_catalogue_find_the_person_and_note_with_the_procedure_chosen(
    staff_client, person, catalogue
):
    client, _ = staff_client("mediator")
    procedure = catalogue["Créer son compte ameli"]
    page = client.get(f"/demarches/{procedure.pk}/", {"q": person.last_name})
    link = f"/demarches/personne/{person.pk}/noter/?demarche={procedure.pk}"
    assert link.replace("&", "&amp;") in page.text or link in page.text
    form = client.get(link).context["form"]
    assert str(form["procedure"].value()) == str(procedure.pk)


def test_goal_page_lists_the_procedures_done_for_it(staff_client, person, catalogue, manager):
    client, _ = staff_client("mediator")
    goal = goal_create(person=person, by=manager, title="Compte ameli seule")
    client.post(
        f"/demarches/personne/{person.pk}/noter/",
        form(catalogue["Créer son compte ameli"], goal=goal.pk),
    )
    page = client.get(f"/personnes/{person.pk}/objectifs/{goal.pk}/")
    assert "Démarches faites pour cet objectif" in page.text
    assert "Créer son compte ameli" in page.text
