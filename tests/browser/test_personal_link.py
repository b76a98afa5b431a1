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
