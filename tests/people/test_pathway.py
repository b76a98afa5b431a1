import pytest

from passerelle.core.models import Activity
from passerelle.people.models import Goal, GoalTemplate, GoalUpdate
from tests.factories import PersonFactory


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation)


def test_goal_from_the_catalogue(staff_client, person, questionnaire):
    client, _ = staff_client("mediator")
    template = GoalTemplate.objects.get(title="Faire son actualisation France Travail seul(e)")
    client.post(f"/personnes/{person.pk}/objectifs/nouveau/", {"template": template.pk})
    goal = Goal.objects.get()
    assert (goal.title, goal.template, goal.status) == (template.title, template, "todo")


def test_goal_in_free_text(staff_client, person, questionnaire):
    client, _ = staff_client("mediator")
    client.post(
        f"/personnes/{person.pk}/objectifs/nouveau/", {"title": "Envoyer des photos à ma fille"}
    )
    assert Goal.objects.get().title == "Envoyer des photos à ma fille"


def test_goal_needs_a_catalogue_entry_or_a_text(staff_client, person, questionnaire):
    client, _ = staff_client("mediator")
    response = client.post(f"/personnes/{person.pk}/objectifs/nouveau/", {"title": "  "})
    assert "Choisissez un objectif ou écrivez-le." in response.text
    assert not Goal.objects.exists()


def test_goal_in_the_past_is_refused(staff_client, person, questionnaire):
    client, _ = staff_client("mediator")
    response = client.post(
        f"/personnes/{person.pk}/objectifs/nouveau/", {"title": "CV", "target_date": "2020-01-01"}
    )
    assert "Choisissez une date à venir." in response.text


def test_goal_update_keeps_history_and_writes_an_activity(staff_client, person, questionnaire):
    client, user = staff_client("mediator")
    client.post(f"/personnes/{person.pk}/objectifs/nouveau/", {"title": "Créer une adresse e-mail"})
    goal = Goal.objects.get()
    client.post(
        f"/personnes/{person.pk}/objectifs/{goal.pk}/",
        {
            "status": "achieved",
            "autonomy": "autonome",
            "duration_minutes": "30",
            "note": "Fait seule",
        },
    )
    goal.refresh_from_db()
    assert (goal.status, goal.autonomy) == ("achieved", "autonome")
    update = GoalUpdate.objects.get()
    activity = Activity.objects.get()
    assert (activity.kind, activity.autonomy, activity.duration_minutes) == (
        "goal_update",
        "autonome",
        30,
    )
    assert activity.source == update
    assert activity.staff == user


def test_goal_update_with_an_unknown_status_is_refused(staff_client, person, questionnaire):
    client, _ = staff_client("mediator")
    client.post(f"/personnes/{person.pk}/objectifs/nouveau/", {"title": "CV"})
    goal = Goal.objects.get()
    response = client.post(
        f"/personnes/{person.pk}/objectifs/{goal.pk}/", {"status": "parti", "duration_minutes": "0"}
    )
    assert response.status_code == 200
    assert not GoalUpdate.objects.exists()


def test_another_persons_goal_cannot_be_reached_through_this_file(
    staff_client, organisation, questionnaire
):
    client, _ = staff_client("mediator")
    mine, other = PersonFactory.create_batch(2, organisation=organisation)
    client.post(f"/personnes/{other.pk}/objectifs/nouveau/", {"title": "CV"})
    goal = Goal.objects.get()
    assert client.get(f"/personnes/{mine.pk}/objectifs/{goal.pk}/").status_code == 404
