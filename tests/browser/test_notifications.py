from django.utils import timezone

from passerelle.notifications.models import Message
from passerelle.people.models import Person
from tests.browser.conftest import assert_accessible, log_in


def test_reception_sees_a_failed_sms_and_notes_the_call(page, demo_centre):
    person = Person.objects.exclude(phone="").order_by("pk").first()
    Message.objects.create(
        organisation=person.organisation,
        person=person,
        event="appointment_reminder_2d",
        channel="sms",
        key="browser-test",
        recipient=str(person.phone),
        body="Rappel : rendez-vous mercredi 2 décembre à 10h.",
        segments=1,
        status="failed",
        reason="Le prestataire SMS a répondu 400 : Invalid number",
        send_after=timezone.now(),
    )
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.get_by_role("link", name="Messages", exact=True).first.click()
    page.get_by_role("heading", name="À prévenir par téléphone").wait_for()
    assert person.last_name.upper() in page.locator("table").first.inner_text().upper()
    assert_accessible(page)
    page.get_by_role("button", name=f"Prévenu(e) : {person}").click()
    page.get_by_text(f"Noté : {person} a été prévenu(e).").wait_for()
    assert_accessible(page)


def test_a_manager_reads_the_texts_and_switches_one_off(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/messages/")
    page.get_by_role("link", name="Réglages et textes").click()
    page.get_by_role("heading", name="Réglages des messages").wait_for()
    assert_accessible(page)
    page.get_by_label("Échéance : la période s'ouvre").uncheck()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Réglages des messages enregistrés.").wait_for()
    assert not page.get_by_label("Échéance : la période s'ouvre").is_checked()
    assert page.get_by_label("Rendez-vous pris").is_checked()
