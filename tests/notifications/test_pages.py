import pytest
from django.urls import reverse

from passerelle.core.models import AuditEntry
from passerelle.notifications import services
from passerelle.notifications.events import Event
from passerelle.notifications.models import EventSetting, Message
from tests.factories import ConsentFactory, PersonFactory
from tests.notifications.conftest import appointment_context, in_days

pytestmark = pytest.mark.django_db


def a_message(person, key="k"):
    (message,) = services.notify(
        person=person,
        event=Event.APPOINTMENT_BOOKED,
        context=appointment_context(),
        key=key,
        event_at=in_days(3),
    )
    return message


def a_failure(organisation):
    person = PersonFactory(organisation=organisation, last_name="Fixe", phone="+33145678901")
    ConsentFactory(person=person, scope="sms")
    return a_message(person, key="landline")


def test_the_log_lists_what_was_sent(staff_client, person, sms_consent):
    client, _user = staff_client("reception")
    message = a_message(person)
    services.deliver(message_id=message.pk)
    response = client.get(reverse("notifications:log"))
    assert response.status_code == 200
    assert "Rendez-vous pris" in response.text
    assert message.body.replace("'", "&#x27;") in response.text


def test_failures_are_listed_with_a_phone_number_to_call(staff_client, organisation):
    client, _user = staff_client("reception")
    a_failure(organisation)
    response = client.get(reverse("notifications:log"))
    assert "À prévenir par téléphone" in response.text
    assert 'href="tel:+33145678901"' in response.text
    assert "pas un portable" in response.text


def test_a_failure_marked_handled_leaves_the_list(staff_client, organisation):
    client, user = staff_client("reception")
    failure = a_failure(organisation)
    response = client.post(reverse("notifications:handled", args=[failure.pk]))
    assert response.status_code == 302
    failure.refresh_from_db()
    assert failure.handled_by == user
    assert not Message.objects.failures_to_phone().exists()


def test_the_log_filters_by_person(staff_client, person, sms_consent, organisation):
    client, _user = staff_client("reception")
    a_message(person)
    a_failure(organisation)
    response = client.get(reverse("notifications:log"), {"personne": person.pk})
    assert response.context["page"].paginator.count == 1


def test_an_unknown_filter_value_is_ignored(staff_client):
    client, _user = staff_client("reception")
    response = client.get(reverse("notifications:log"), {"etat": "nimporte", "page": "x"})
    assert response.status_code == 200


def test_another_organisations_messages_are_not_listed(staff_client, sms_consent, person):
    a_message(person)
    other = PersonFactory(phone="+33699999999")
    ConsentFactory(person=other, scope="sms")
    a_message(other, key="other")
    client, _user = staff_client("reception")
    response = client.get(reverse("notifications:log"))
    assert response.context["page"].paginator.count == 1


def test_volunteers_do_not_see_messages(staff_client):
    client, _user = staff_client("volunteer")
    assert client.get(reverse("notifications:log")).status_code == 403


def test_the_person_file_shows_their_messages(staff_client, person, sms_consent):
    client, _user = staff_client("reception")
    a_message(person)
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert "Messages envoyés" in response.text
    assert "Rendez-vous pris" in response.text


def test_the_settings_page_previews_every_message(manager_client):
    response = manager_client.get(reverse("notifications:configure"))
    assert response.status_code == 200
    assert response.text.count('class="sms-preview"') == len(Event.values)
    assert "mercredi 30 septembre à 14h30" in response.text


def test_a_manager_switches_an_event_off(manager_client, organisation):
    kept = [e for e in Event.values if e != Event.DEADLINE_OPENS]
    response = manager_client.post(reverse("notifications:configure"), {"events": kept})
    assert response.status_code == 302
    assert list(EventSetting.objects.filter(enabled=False).values_list("event", flat=True)) == [
        Event.DEADLINE_OPENS
    ]
    assert AuditEntry.objects.filter(organisation=organisation).exists()


def test_an_unknown_event_posted_gets_a_french_message(manager_client):
    response = manager_client.post(reverse("notifications:configure"), {"events": ["nope"]})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text


def test_reception_does_not_change_the_settings(staff_client):
    client, _user = staff_client("reception")
    assert client.get(reverse("notifications:configure")).status_code == 403


def test_the_provider_report_needs_the_secret_address(client):
    url = reverse("notifications:provider_report", args=["wrong"])
    assert client.post(url, "{}", content_type="application/json").status_code == 404


def test_a_stop_reply_posted_by_the_provider_is_honoured(client, person, sms_consent):
    url = reverse("notifications:provider_report", args=["test-webhook-token"])
    response = client.post(
        url, {"to": "33612345678", "msg_status": "unsubscribed"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert not person.consents.active().filter(scope="sms").exists()


def test_a_garbled_provider_report_is_a_400_not_a_500(client):
    url = reverse("notifications:provider_report", args=["test-webhook-token"])
    assert client.post(url, "{", content_type="application/json").status_code == 400


def test_only_the_latest_failures_are_listed_with_a_link_to_the_rest(
    staff_client, organisation, monkeypatch
):
    monkeypatch.setattr("passerelle.notifications.views.FAILURES_SHOWN", 1)
    client, _user = staff_client("reception")
    a_failure(organisation)
    other = PersonFactory(organisation=organisation, phone="+33145678902")
    ConsentFactory(person=other, scope="sms")
    a_message(other, key="landline-2")
    response = client.get(reverse("notifications:log"))
    assert len(response.context["failures"]) == 1
    assert "Et 1 autre message en échec" in response.text


def test_the_log_query_count_does_not_grow_with_its_rows_and_failures(
    staff_client, organisation, django_assert_max_num_queries
):
    client, _user = staff_client("reception")

    def some_messages(start, stop):
        for n in range(start, stop):
            person = PersonFactory(organisation=organisation, phone=f"+336123456{n:02d}")
            ConsentFactory(person=person, scope="sms")
            services.deliver(message_id=a_message(person, key=f"k{n}").pk)
            landline = PersonFactory(organisation=organisation, phone=f"+331456789{n:02d}")
            ConsentFactory(person=landline, scope="sms")
            a_message(landline, key=f"landline{n}")

    some_messages(0, 2)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("notifications:log"))
    some_messages(2, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:log"))
    assert response.context["page"].paginator.count == 24


def test_the_log_shows_a_failure_as_a_warning_badge_with_its_reason(staff_client, organisation):
    client, _user = staff_client("reception")
    a_failure(organisation)
    html = client.get(reverse("notifications:log") + "?etat=failed").text
    assert '<span class="badge badge-warning">Échec</span> <span class="muted">— ' in html


def test_the_log_shows_a_message_sent_as_a_plain_badge(staff_client, person, sms_consent):
    client, _user = staff_client("reception")
    services.deliver(message_id=a_message(person).pk)
    html = client.get(reverse("notifications:log")).text
    assert '<span class="badge">Envoyé</span>' in html
