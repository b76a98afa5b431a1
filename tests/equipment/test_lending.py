"""Lending equipment: the inventory, a loan with its agreement, one loan per device, the
return, the reminders, the overdue list, the person's file and the statistics."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from passerelle.core.models import Activity
from passerelle.equipment import selectors, services
from passerelle.equipment.models import Device, Loan
from tests.factories import ConsentFactory, PersonFactory, UserFactory


@pytest.fixture
def laptop(organisation, site):
    return Device.objects.create(
        organisation=organisation,
        site=site,
        kind="laptop",
        label="Lenovo ThinkPad T480",
        serial_number="PF-1234",
        accessories="chargeur, housse",
    )


@pytest.fixture
def mediator(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="mediator")


@pytest.fixture
def awa(organisation, site):
    person = PersonFactory(organisation=organisation, first_name="Awa", phone="+33612345678")
    ConsentFactory(person=person, scope="sms")
    return person


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_a_manager_adds_a_device_to_the_inventory(manager_client, site):
    manager_client.post(
        "/pret/inventaire/",
        {
            "kind": "tablet",
            "label": "Samsung Galaxy Tab A",
            "serial_number": "R52N",
            "site": site.pk,
            "condition": "good",
            "is_active": "on",
        },
    )
    assert Device.objects.get().label == "Samsung Galaxy Tab A"


def test_two_devices_cannot_share_a_serial_number(manager_client, site, laptop):
    response = manager_client.post(
        "/pret/inventaire/",
        {
            "kind": "laptop",
            "label": "Autre",
            "serial_number": "PF-1234",
            "site": site.pk,
            "condition": "good",
        },
    )
    assert "Un autre matériel a déjà ce numéro de série." in response.text


def test_lending_from_the_persons_file(staff_client, laptop, awa):
    client, _user = staff_client("mediator")
    response = client.post(
        f"/pret/preter/{awa.pk}/",
        {
            "device": laptop.pk,
            "due_on": in_days(30).isoformat(),
            "deposit_euros": "50",
            "deposit_received": "on",
        },
        follow=True,
    )
    loan = Loan.objects.get()
    assert (loan.person, loan.device, loan.condition_out) == (awa, laptop, "good")
    assert "Convention de prêt à signer (PDF)" in response.text


def test_a_loan_writes_an_activity_for_the_statistics(laptop, awa, mediator):
    loan = services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    activity = Activity.objects.get(person_id=awa.pk)
    assert (activity.kind, activity.theme, activity.source_id) == (
        "equipment_loan",
        "prendre_en_main_du_materiel",
        loan.pk,
    )


def test_a_device_already_lent_is_refused(laptop, awa, mediator, organisation):
    from django.core.exceptions import ValidationError

    services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    with pytest.raises(ValidationError, match="déjà prêté"):
        services.loan_create(
            device=laptop,
            person=PersonFactory(organisation=organisation),
            due_on=in_days(30),
            by=mediator,
        )


def test_a_return_date_in_the_past_is_refused_next_to_the_field(staff_client, laptop, awa):
    client, _user = staff_client("reception")
    response = client.post(
        f"/pret/preter/{awa.pk}/",
        {"device": laptop.pk, "due_on": in_days(-1).isoformat(), "deposit_euros": "0"},
    )
    assert "La date de retour est passée." in response.text
    assert not Loan.objects.exists()


def test_the_agreement_is_a_pdf_with_the_conditions(staff_client, laptop, awa, mediator):

    client, _user = staff_client("reception")
    loan = services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    response = client.get(f"/pret/prets/{loan.pk}/convention.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_return_frees_the_device_with_its_condition(staff_client, laptop, awa, mediator):
    client, _user = staff_client("reception")
    loan = services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    client.post(
        f"/pret/prets/{loan.pk}/", {"condition_back": "damaged", "return_notes": "écran rayé"}
    )
    loan.refresh_from_db()
    laptop.refresh_from_db()
    assert (loan.returned_on, loan.condition_back, laptop.condition) == (
        timezone.localdate(),
        "damaged",
        "damaged",
    )
    assert laptop in selectors.lendable_devices(user=mediator)


def test_the_desk_lists_late_loans_first_with_a_phone(staff_client, laptop, awa, mediator):
    loan = services.loan_create(device=laptop, person=awa, due_on=in_days(1), by=mediator)
    Loan.objects.filter(pk=loan.pk).update(starts_on=in_days(-20), due_on=in_days(-2))
    client, _user = staff_client("reception")
    text = client.get("/pret/").text
    late = text.index("En retard")
    assert text.index("Lenovo ThinkPad T480") > late and "+33612345678" in text


def test_the_persons_file_shows_their_loans(staff_client, laptop, awa, mediator):
    services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    client, _user = staff_client("mediator")
    text = client.get(f"/personnes/{awa.pk}/").text
    assert "Matériel prêté" in text and "Lenovo ThinkPad T480" in text


def test_a_volunteer_does_not_lend(staff_client, awa):
    client, _user = staff_client("volunteer")
    assert client.get("/pret/").status_code == 403
    assert client.get(f"/pret/preter/{awa.pk}/").status_code == 403


def test_a_reminder_goes_two_days_before_the_return(laptop, awa, mediator):
    from passerelle.equipment import notices

    services.loan_create(device=laptop, person=awa, due_on=in_days(2), by=mediator)
    (notice,) = list(notices.reminders(timezone.localdate(), timezone.now()))
    assert (notice.person, notice.event) == (awa, "loan_due_2d")


def test_the_statistics_count_people_equipped_and_for_how_long(laptop, awa, mediator):
    loan = services.loan_create(device=laptop, person=awa, due_on=in_days(30), by=mediator)
    figures = selectors.report_figures(
        organisation_id=awa.organisation_id,
        site_ids=None,
        start=timezone.localdate(),
        end=timezone.localdate(),
    )
    assert figures == {"loans": 1, "people": 1, "average_days": 30}
    assert loan.days == 30


@pytest.mark.django_db(transaction=True)
def test_two_desks_lending_the_same_device_at_once_make_one_loan(laptop, mediator, organisation):
    people = PersonFactory.create_batch(2, organisation=organisation)
    barrier = threading.Barrier(2)
    outcomes = []

    def lend(person):
        try:
            barrier.wait(timeout=10)
            services.loan_create(device=laptop, person=person, due_on=in_days(30), by=mediator)
            outcomes.append("lent")
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=lend, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["ValidationError", "lent"]
    assert Loan.objects.count() == 1
