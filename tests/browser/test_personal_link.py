"""A person's own link on a phone: giving back a workshop seat promotes the first person
waiting, whose own link then works; an appointment in Arabic (right to left) added to the
calendar. axe-core on every page, with the enhanced contrast."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible

PHONE = {"width": 390, "height": 844}


def in_days(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=PHONE, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    assert problems == [], problems


@pytest.fixture
def world(transactional_db, settings):
    from passerelle.appointments.models import Appointment, Reason, Service
    from passerelle.workshops import services as workshops
    from passerelle.workshops.models import Workshop
    from tests.factories import (
        ConsentFactory,
        OrganisationFactory,
        PersonFactory,
        SiteFactory,
        UserFactory,
    )

    settings.PASSERELLE_REQUIRE_2FA = False  # the worker signs in to see the agenda
    settings.NOTIFICATIONS_QUIET_START = dt.time(23, 59, 59, 999999)
    settings.NOTIFICATIONS_QUIET_END = dt.time(0, 0)
    organisation = OrganisationFactory(name="Emmaüs Alternatives")
    site = SiteFactory(
        organisation=organisation, name="Vitry-sur-Seine", address="12 rue de la Paix"
    )
    claire = UserFactory(
        organisation=organisation, sites=[site], role="social_worker", first_name="Claire"
    )
    awa = PersonFactory(organisation=organisation, first_name="Awa", last_name="Traoré")
    bintou = PersonFactory(
        organisation=organisation, first_name="Bintou", last_name="Keita", phone="+33698765432"
    )
    ConsentFactory(person=bintou, scope="sms")
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Découvrir sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=60,
    )
    session = workshops.session_create(
        workshop=workshop, site=site, starts_at=in_days(3, 10), capacity=1
    )
    seat = workshops.registration_create(session=session, person=awa, by=claire)
    waiting = workshops.registration_create(session=session, person=bintou, by=claire)
    service = Service.objects.create(organisation=organisation, name="Permanence CAF")
    reason = Reason.objects.create(service=service, name="Déclaration", duration_minutes=30)
    appointment = Appointment.objects.create(
        person=awa,
        worker=claire,
        service=service,
        reason=reason,
        site=site,
        starts_at=in_days(2, 14),
        ends_at=in_days(2, 14) + dt.timedelta(minutes=30),
        booked_by=claire,
    )
    return {"seat": seat, "waiting": waiting, "appointment": appointment}


def test_giving_back_a_seat_promotes_the_waiting_person_whose_link_then_works(phone, world):
    from passerelle.notifications.models import Message

    phone.goto(f"/r/{world['seat'].link_token}")
    phone.get_by_role("heading", name="Votre atelier").wait_for()
    assert "Traoré" not in phone.content()
    assert_accessible(phone, enhanced_contrast=True)
    phone.get_by_role("button", name="Je ne peux pas venir").tap()
    phone.get_by_role("heading", name="Vous ne pouvez pas venir ?").wait_for()
    assert_accessible(phone, enhanced_contrast=True)
    phone.get_by_role("button", name="Oui, j'annule").tap()
    phone.get_by_text("Vous avez annulé. Merci d'avoir prévenu.").wait_for()
    assert_accessible(phone, enhanced_contrast=True)

    # Bintou had the waiting list's first place: she has the seat and an SMS with her link.
    world["waiting"].refresh_from_db()
    assert world["waiting"].status == "confirmed"
    sms = Message.objects.get(person=world["waiting"].person, event="workshop_promoted")
    phone.goto("/r/" + sms.body.rsplit("/r/", 1)[1])
    phone.get_by_role("button", name="Je viendrai").tap()
    phone.get_by_text("Vous avez dit que vous viendrez. Merci.").wait_for()
    world["waiting"].refresh_from_db()
    assert world["waiting"].confirmed_by_person_at is not None


def test_an_appointment_in_arabic_is_added_to_the_calendar(phone, world):
    phone.goto(f"/r/{world['appointment'].link_token}?langue=ar")
    phone.get_by_role("heading", name="موعدك").wait_for()
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert "مع Claire." in phone.content()
    assert_accessible(phone, enhanced_contrast=True)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="أضف إلى مفكرتي").tap()
    assert download.value.suggested_filename == "rendez-vous.ics"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_booking_online_from_the_public_page_to_the_staff_agenda(
    phone, world, brevo, browser, live_server
):
    """The site's public page on a phone → a slot → names and mobile → the code sent through
    the SMS provider's stand-in → booked; the worker's agenda shows it, booked online."""
    import re

    from passerelle.appointments import services as appointments
    from passerelle.appointments.models import Appointment, Reason
    from tests.browser.conftest import log_in

    appointment = world["appointment"]
    reason = Reason.objects.get(pk=appointment.reason_id)
    reason.online_booking = True
    reason.save()
    for weekday in range(7):
        appointments.opening_hours_add(
            worker=appointment.worker,
            service=appointment.service,
            site=appointment.site,
            weekday=weekday,
            start_time=dt.time(9),
            end_time=dt.time(12),
            valid_from=timezone.localdate(),
        )
    phone.goto(f"/reserver/{appointment.site_id}/")
    assert_accessible(phone, enhanced_contrast=True)
    phone.get_by_role("link", name=re.compile("Permanence CAF — Déclaration")).tap()
    phone.locator(".door-cell").first.tap()
    phone.get_by_role("heading", name="Vos coordonnées").wait_for()
    phone.get_by_label("Prénom").fill("Fatou")
    phone.locator("#id_last_name").fill("Diallo")
    phone.get_by_label("Téléphone portable").fill("06 11 22 33 44")
    phone.get_by_label(re.compile("J'accepte de recevoir par SMS")).check()
    assert_accessible(phone, enhanced_contrast=True)
    phone.get_by_role("button", name="Recevoir le code par SMS").tap()
    phone.get_by_role("heading", name="Tapez le code reçu par SMS.").wait_for()
    (sent,) = brevo.requests
    assert sent["json"]["recipient"] == "33611223344"
    code = re.search(r"\b(\d{6})\b", sent["json"]["content"]).group(1)
    phone.get_by_label(re.compile("Code reçu par SMS")).fill(code)
    phone.get_by_role("button", name="Confirmer").tap()
    phone.get_by_role("heading", name="C'est réservé.").wait_for()
    assert_accessible(phone, enhanced_contrast=True)
    booked = Appointment.objects.get(booked_online=True)

    staff = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    booked.worker.set_password("mot-de-passe-de-test-agenda")
    booked.worker.save()
    log_in(staff, booked.worker.email, "mot-de-passe-de-test-agenda")
    staff.wait_for_url("**/")
    staff.goto(f"/permanences/agenda/?jour={timezone.localdate(booked.starts_at).isoformat()}")
    row = staff.get_by_role("row", name=re.compile("Fatou"))
    assert "Réservé en ligne" in row.inner_text()
    staff.context.close()
