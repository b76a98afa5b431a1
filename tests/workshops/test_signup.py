import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from passerelle.workshops import services
from passerelle.workshops.enums import RegistrationStatus
from passerelle.workshops.models import Registration, WorkshopSession
from tests.factories import PersonFactory


@pytest.fixture
def people(organisation):
    return PersonFactory.create_batch(4, organisation=organisation)


def sign_up(session, person, by):
    return services.registration_create(session=session, person=person, by=by)


def test_over_capacity_people_go_on_the_waiting_list_in_order(session, people, manager):
    statuses = [sign_up(session, p, manager).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]


def test_cancellation_promotes_the_first_person_waiting(session, people, manager):
    first, second, third, fourth = [sign_up(session, p, manager) for p in people]
    promoted = services.registration_cancel(registration=first, by=manager)
    assert promoted == third
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waiting")


def test_leaving_the_waiting_list_promotes_nobody(session, people, manager):
    registrations = [sign_up(session, p, manager) for p in people]
    assert services.registration_cancel(registration=registrations[2], by=manager) is None
    assert Registration.objects.confirmed().count() == 2


def test_promotion_is_announced_once_the_transaction_commits(
    session, people, manager, django_capture_on_commit_callbacks, monkeypatch
):
    from passerelle.core import events

    heard = []
    # A copy of the listeners for this test only: the app's own (the SMS to the person
    # promoted) stay registered for the tests that run after it in this process.
    name = "workshops.waiting_list_promoted"
    monkeypatch.setitem(events.LISTENERS, name, list(events.LISTENERS[name]))
    events.listen(name, lambda registration: heard.append(registration))
    registrations = [sign_up(session, p, manager) for p in people]
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registrations[0], by=manager)
    assert heard == [registrations[2]]


def test_a_person_cannot_be_signed_up_twice(session, people, manager):
    sign_up(session, people[0], manager)
    with pytest.raises(ValidationError, match="déjà inscrite"):
        sign_up(session, people[0], manager)


def test_signing_up_again_after_cancelling_is_possible(session, people, manager):
    registration = sign_up(session, people[0], manager)
    services.registration_cancel(registration=registration, by=manager)
    assert sign_up(session, people[0], manager).status == "confirmed"


def test_no_sign_up_to_a_cancelled_session(session, people, manager):
    services.session_cancel(session=session)
    with pytest.raises(ValidationError, match="annulée"):
        sign_up(session, people[0], manager)


def test_no_sign_up_to_a_past_session(workshop, site, people, manager):
    past = services.session_create(
        workshop=workshop, site=site, starts_at=timezone.now() - dt.timedelta(days=3), capacity=5
    )
    with pytest.raises(ValidationError, match="passée"):
        sign_up(past, people[0], manager)


def test_no_sign_up_for_a_person_of_another_organisation(session, manager):
    with pytest.raises(ValidationError, match="pas suivie par la structure"):
        sign_up(session, PersonFactory(), manager)


def test_walk_in_is_present_and_needs_a_free_seat(session, people, manager):
    walk_in = services.registration_create(
        session=session, person=people[0], by=manager, walk_in=True
    )
    assert (walk_in.status, walk_in.attendance, walk_in.is_walk_in) == (
        "confirmed",
        "present",
        True,
    )
    sign_up(session, people[1], manager)
    with pytest.raises(ValidationError, match="complète"):
        services.registration_create(session=session, person=people[2], by=manager, walk_in=True)


def test_capacity_cannot_drop_below_the_people_signed_up(session, people, manager):
    sign_up(session, people[0], manager)
    sign_up(session, people[1], manager)
    with pytest.raises(ValidationError):
        services.session_update(session=session, capacity=1)


def test_signup_page_shows_waiting_list_message(staff_client, session, people):
    client, user = staff_client("reception")
    for person in people[:2]:
        sign_up(session, person, user)
    response = client.post(
        f"/ateliers/seances/{session.pk}/inscrire/", {"person": people[2].pk}, follow=True
    )
    assert "liste d&#x27;attente" in response.text
    assert Registration.objects.get(person=people[2]).status == RegistrationStatus.WAITING


def test_signup_view_refuses_a_person_of_another_organisation(staff_client, session):
    client, _ = staff_client("reception")
    response = client.post(
        f"/ateliers/seances/{session.pk}/inscrire/", {"person": PersonFactory().pk}
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_diagnostic_suggests_workshops_for_the_weakest_areas(
    organisation, manager, workshop, session
):
    from passerelle.people import selectors
    from passerelle.people.models import SkillArea
    from passerelle.people.services_pathway import assessment_create, questionnaire_install_default

    questionnaire_install_default(organisation=organisation)
    email_area = SkillArea.objects.get(organisation=organisation, name="E-mail")
    workshop.skill_areas.set([email_area])
    person = PersonFactory(organisation=organisation)
    answers = {
        q.pk: (0 if q.area_id == email_area.pk else 3)
        for q in email_area.questions.model.objects.filter(area__organisation=organisation)
    }
    result = selectors.assessment_results(
        [assessment_create(person=person, staff=manager, answers=answers)]
    )[0]
    suggestions = selectors.suggestions_for(person, result)
    assert suggestions[0].startswith("Créer et utiliser sa boîte mail (débutant)")
    assert "prochaine séance" in suggestions[0]
    assert suggestions[0].endswith(", Vitry-sur-Seine")


def test_suggested_workshops_train_the_weakest_area_first_once_each_in_two_queries(
    organisation, django_assert_num_queries
):
    from types import SimpleNamespace

    from passerelle.people.models import SkillArea
    from passerelle.workshops.blocks import suggest_workshops
    from passerelle.workshops.models import Workshop

    weakest, weak = (
        SkillArea.objects.create(organisation=organisation, name=name, theme="email")
        for name in ("Naviguer", "Payer")
    )
    made = {}
    for title, areas in [
        ("Acheter en ligne", [weak]),
        ("Bien chercher", [weakest]),
        ("Chercher et payer", [weak, weakest]),
        ("Déclarer ses revenus", [weak]),
        ("Écrire un mail", [weak]),
    ]:
        made[title] = Workshop.objects.create(
            organisation=organisation, title=title, theme="email", level="debutant"
        )
        made[title].skill_areas.set(areas)
    Workshop.objects.filter(title="Déclarer ses revenus").update(is_active=False)
    person = PersonFactory(organisation=organisation)
    with django_assert_num_queries(2):
        suggestions = suggest_workshops(
            person, [SimpleNamespace(area=weakest), SimpleNamespace(area=weak)]
        )
    assert suggestions == [
        "Bien chercher (débutant)",
        "Chercher et payer (débutant)",
        "Acheter en ligne (débutant)",
        "Écrire un mail (débutant)",
    ]


@pytest.mark.parametrize("outside", ["https://exemple.invalid/", "//exemple.invalid/x"])
def test_signup_never_returns_to_an_outside_address(staff_client, session, people, outside):
    client, _ = staff_client("reception")
    response = client.post(
        f"/ateliers/seances/{session.pk}/inscrire/", {"person": people[0].pk, "retour": outside}
    )
    assert response["Location"].split("#")[0] == f"/ateliers/seances/{session.pk}/"


def test_signup_returns_to_the_page_it_came_from(staff_client, session, people):
    client, _ = staff_client("reception")
    back = f"/personnes/{people[0].pk}/"
    response = client.post(
        f"/ateliers/seances/{session.pk}/inscrire/", {"person": people[0].pk, "retour": back}
    )
    assert response["Location"] == back


def test_seats_added_to_a_session_go_to_the_people_waiting_in_order(session, people, manager):
    first, second, third, fourth = [sign_up(session, p, manager) for p in people]
    services.session_update(session=session, capacity=3)
    statuses = Registration.objects.filter(session=session).order_by("created_at", "pk")
    assert [r.status for r in statuses] == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_changing_the_capacity_locks_the_session_before_anything_else(session, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        services.session_update(session=session, capacity=5)
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert statements[0].startswith("SELECT") and "workshops_workshopsession" in statements[0]
    # SQLite has no FOR UPDATE (its IMMEDIATE transaction serialises writers instead).
    if connection.vendor == "postgresql":
        assert "FOR UPDATE OF" in statements[0]


def test_signup_from_the_session_page_scrolls_to_the_person_registered(
    staff_client, session, people
):
    client, _ = staff_client("reception")
    response = client.post(f"/ateliers/seances/{session.pk}/inscrire/", {"person": people[0].pk})
    registration = people[0].registrations.get()
    assert response["Location"] == f"/ateliers/seances/{session.pk}/#inscription-{registration.pk}"


def test_each_workshops_next_planned_session_is_found_in_one_query(
    organisation, site, workshop, django_assert_num_queries
):
    from passerelle.workshops.models import Workshop
    from passerelle.workshops.selectors import next_sessions

    other = Workshop.objects.create(
        organisation=organisation, title="Payer en ligne", theme="email", duration_minutes=60
    )
    never = Workshop.objects.create(
        organisation=organisation, title="Jamais", theme="email", duration_minutes=60
    )
    now = timezone.now()
    for starts, who in [(-1, workshop), (3, workshop), (5, workshop), (9, other), (4, other)]:
        services.session_create(
            workshop=who, site=site, starts_at=now + dt.timedelta(days=starts), capacity=8
        )
    cancelled = services.session_create(
        workshop=other, site=site, starts_at=now + dt.timedelta(days=1), capacity=8
    )
    WorkshopSession.objects.filter(pk=cancelled.pk).update(status="cancelled")
    with django_assert_num_queries(1):
        found = next_sessions([workshop, other, never])
        days = {
            pk: (round((s.starts_at - now).total_seconds() / 86400), s.site.name)
            for pk, s in found.items()
        }
    assert days == {workshop.pk: (3, site.name), other.pk: (4, site.name)}
