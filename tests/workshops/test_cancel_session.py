"""Cancelling a session asks first, says who is registered, and tells them if asked."""

from passerelle.notifications.models import Message
from passerelle.workshops import services
from passerelle.workshops.models import WorkshopSession
from tests.factories import ConsentFactory, PersonFactory


def _registered(session, manager, *, phone, consent=True, first_name="Awa"):
    person = PersonFactory(
        organisation=session.site.organisation, first_name=first_name, phone=phone
    )
    if consent:
        ConsentFactory(person=person, scope="sms")
    services.registration_create(session=session, person=person, by=manager)
    return person


def test_cancelling_a_session_asks_first_and_says_how_many_are_registered(
    staff_client, session, manager
):
    _registered(session, manager, phone="+33612345678")
    client, _ = staff_client("mediator")
    page = client.get(f"/ateliers/seances/{session.pk}/annuler/")
    assert "Annuler cette séance ?" in page.text
    assert "1 personne inscrite" in page.text
    session.refresh_from_db()
    assert session.status == "planned"


def test_a_confirmed_cancellation_tells_the_people_registered_by_sms(
    staff_client, session, manager, django_capture_on_commit_callbacks
):
    person = _registered(session, manager, phone="+33612345678")
    client, _ = staff_client("mediator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/ateliers/seances/{session.pk}/annuler/", {"prevenir": "1"}, follow=True
        )
    assert "1 personne(s) prévenue(s) par message" in response.text
    assert WorkshopSession.objects.get().status == "cancelled"
    assert Message.objects.get().person == person


def test_a_cancellation_without_notice_sends_no_message(
    staff_client, session, manager, django_capture_on_commit_callbacks
):
    _registered(session, manager, phone="+33612345678")
    client, _ = staff_client("mediator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ateliers/seances/{session.pk}/annuler/", follow=True)
    assert "1 personne(s) à prévenir par téléphone" in response.text
    assert WorkshopSession.objects.get().status == "cancelled"
    assert not Message.objects.exists()


def test_people_a_message_cannot_reach_are_listed_to_phone(staff_client, session, manager):
    _registered(session, manager, phone="+33612345678", first_name="Awa")
    _registered(session, manager, phone="+33145678901", consent=False, first_name="Bintou")
    client, _ = staff_client("mediator")
    page = client.get(f"/ateliers/seances/{session.pk}/annuler/")
    to_phone = page.text.split("À prévenir par téléphone")[1]
    assert "Bintou" in to_phone and "Awa" not in to_phone
    assert "les 1 personnes" not in page.text
