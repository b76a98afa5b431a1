"""The welcome kiosk in a real browser, on a touch screen: each flow in French and in Arabic
(right to left), the return to the start when nobody touches it, the speaker button, the
limits, and what it never shows (a surname, a phone number). axe-core runs on every screen
with the enhanced contrast (AAA)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, daytime

SURNAME, PHONE = "Benali", "612345678"
PORTRAIT, LANDSCAPE, TABLET = (1080, 1920), (1920, 1080), (768, 1024)

SPEECH_STUB = """
(() => {
    window.__spoken = [];
    const voices = %s;
    class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
    window.SpeechSynthesisUtterance = Utterance;
    Object.defineProperty(window, "speechSynthesis", {
        configurable: true,
        value: {
            getVoices: () => voices,
            speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }),
            cancel: () => {},
            addEventListener: () => {},
        },
    });
})();
"""
VOICES = [{"lang": "fr-FR", "name": "Française"}, {"lang": "ar-SA", "name": "عربي"}]


@pytest.fixture
def world(transactional_db, monkeypatch):
    """A site with its kiosk, Fatima's appointment at 10:00 today with Claire, a workshop
    at 10:00 she signed up to, and a room with one station."""
    from passerelle.appointments.models import Appointment, Reason, Service
    from passerelle.kiosk.models import Kiosk
    from passerelle.room.models import Room, Station
    from passerelle.workshops import services as workshops
    from passerelle.workshops.models import Workshop
    from tests.factories import OrganisationFactory, PersonFactory, SiteFactory, UserFactory

    daytime(monkeypatch)
    organisation = OrganisationFactory(name="Emmaüs Alternatives")
    site = SiteFactory(organisation=organisation, name="Vitry-sur-Seine")
    kiosk = Kiosk.objects.create(organisation=organisation, site=site, name="Entrée")
    claire = UserFactory(
        organisation=organisation, sites=[site], role="social_worker", first_name="Claire"
    )
    fatima = PersonFactory(
        organisation=organisation,
        first_name="Fatima",
        last_name=SURNAME,
        birth_date=dt.date(1964, 3, 12),
        phone=f"+33{PHONE}",
    )
    service = Service.objects.create(
        organisation=organisation, name="Permanence CAF", pictogram="caf"
    )
    reason = Reason.objects.create(service=service, name="Motif confidentiel", duration_minutes=30)
    starts = timezone.now().replace(second=0, microsecond=0)
    appointment = Appointment.objects.create(
        person=fatima,
        worker=claire,
        service=service,
        reason=reason,
        site=site,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=30),
        booked_by=claire,
        kiosk_code="482913",
    )
    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Découvrir sa boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=60,
    )
    session = workshops.session_create(
        workshop=workshop, site=site, starts_at=starts, capacity=4, room_label="Salle 2"
    )
    registration = workshops.registration_create(session=session, person=fatima, by=claire)
    room = Room.objects.create(
        site=site, name="Salle numérique", opens_at=dt.time(8), closes_at=dt.time(20)
    )
    Station.objects.create(room=room, name="Poste 1")
    return {
        "kiosk": kiosk,
        "appointment": appointment,
        "registration": registration,
        "session": session,
    }


@pytest.fixture
def screen(browser, live_server):
    """A kiosk's touch screen: a new browser context per call (size, voices)."""
    contexts, problems = [], []

    def open_screen(size=PORTRAIT, voices=VOICES):
        context = browser.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            viewport={"width": size[0], "height": size[1]},
            has_touch=True,
        )
        context.set_default_timeout(10_000)
        context.add_init_script(SPEECH_STUB % json.dumps(voices))
        contexts.append(context)
        page = context.new_page()
        # A screen's own status (400 for a wrong code, 429, 404) is meant; a missing
        # stylesheet or script is not.
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and not m.text.startswith("Failed to load resource")
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                problems.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.request.resource_type != "document"
                else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    yield open_screen
    for context in contexts:
        context.close()
    assert problems == [], problems


def check_screen(page) -> None:
    """What every kiosk screen must be: accessible at AAA contrast, no surname or phone,
    nothing wider than the screen, every target at least 64 px."""
    assert_accessible(page, enhanced_contrast=True)
    text = page.content()
    assert SURNAME not in text and PHONE not in text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    small = page.evaluate(
        """() => [...document.querySelectorAll('a, button')]
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width < 64 || r.height < 64).length"""
    )
    assert small == 0


def tap(page, name: str) -> None:
    """Touch a link or a button of that name and wait for the next screen."""
    target = page.get_by_role("link", name=name).or_(page.get_by_role("button", name=name))
    with page.expect_navigation():
        target.first.tap()


def test_an_appointment_by_the_sms_code_in_french(screen, world):
    page = screen()
    page.goto(f"/kiosque/{world['kiosk'].token}/")
    check_screen(page)
    tap(page, "J'ai un rendez-vous")
    check_screen(page)
    tap(page, "J'ai le code du SMS")
    for digit in "482913":
        page.locator(f"[data-key='{digit}']").tap()
    check_screen(page)
    tap(page, "Valider")
    page.get_by_role("heading", name="Merci Fatima.").wait_for()
    assert "Claire va vous recevoir." in page.content()
    check_screen(page)
    world["appointment"].refresh_from_db()
    assert world["appointment"].arrived_door == "borne Entrée"


def test_a_wrong_code_is_said_next_to_the_field(screen, world):
    page = screen(LANDSCAPE)
    page.goto(f"/kiosque/{world['kiosk'].token}/fr/rendez-vous/code/")
    page.get_by_label("Code").fill("12")
    tap(page, "Valider")
    page.get_by_role("alert").wait_for()
    assert "Le code a 6 chiffres." in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Code").get_attribute("aria-invalid") == "true"
    check_screen(page)


def test_an_appointment_by_the_birth_date_in_arabic_right_to_left(screen, world):
    page = screen()
    page.goto(f"/kiosque/{world['kiosk'].token}/")
    tap(page, "العربية")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    check_screen(page)
    tap(page, "عندي موعد")
    tap(page, "أعطي تاريخ ميلادي")
    tap(page, "12")
    check_screen(page)
    with page.expect_navigation():
        page.get_by_role("link", name="mars").or_(page.get_by_role("link", name="مارس")).tap()
    tap(page, "1960 – 1969")
    tap(page, "1964")
    page.get_by_role("button", name="Fatima B.").wait_for()
    check_screen(page)
    tap(page, "Fatima B.")
    page.get_by_role("heading", name="شكرا Fatima.").wait_for()
    check_screen(page)
    world["appointment"].refresh_from_db()
    assert world["appointment"].arrived_at is not None


def test_a_queue_ticket_by_pictogram_in_french_prints_on_80_mm(screen, world):
    page = screen(TABLET)
    page.goto(f"/kiosque/{world['kiosk'].token}/")
    tap(page, "Je veux parler à quelqu'un")
    check_screen(page)
    tap(page, "Permanence CAF")
    page.get_by_role("heading", name="Votre numéro").wait_for()
    assert page.locator(".ticket-number").inner_text() == "1"
    check_screen(page)
    page.emulate_media(media="print")
    assert page.locator(".door-top").is_hidden()
    assert page.locator(".ticket-number").is_visible()


def test_a_queue_ticket_in_arabic(screen, world):
    page = screen(LANDSCAPE)
    page.goto(f"/kiosque/{world['kiosk'].token}/ar/")
    tap(page, "أحتاج مساعدة في إجراء إداري")
    check_screen(page)
    tap(page, "لا أعرف")
    page.get_by_role("heading", name="رقمك").wait_for()
    check_screen(page)


def test_a_workshop_arrival_in_french(screen, world):
    page = screen()
    page.goto(f"/kiosque/{world['kiosk'].token}/fr/atelier/")
    check_screen(page)
    tap(page, f"{timezone.localtime(world['session'].starts_at):%H:%M} — Découvrir sa boîte mail")
    for choice in ("12", "mars", "1960 – 1969", "1964"):
        tap(page, choice)
    tap(page, "Fatima B.")
    page.get_by_text("Vous êtes noté(e) présent(e).").wait_for()
    check_screen(page)
    world["registration"].refresh_from_db()
    assert world["registration"].attendance_door == "borne Entrée"


def test_a_station_as_a_guest_in_arabic_then_the_waiting_list(screen, world):
    page = screen()
    page.goto(f"/kiosque/{world['kiosk'].token}/ar/ordinateur/")
    check_screen(page)
    tap(page, "بريدي الإلكتروني")
    tap(page, "لا، هذه أول مرة")
    page.get_by_role("heading", name="اذهب إلى Poste 1.").wait_for()
    check_screen(page)
    page.goto(f"/kiosque/{world['kiosk'].token}/fr/ordinateur/")
    page.get_by_role("heading", name="Tous les ordinateurs sont pris.").wait_for()
    check_screen(page)
    page.get_by_label("Votre prénom").fill("Mehdi")
    tap(page, "J'attends sur la liste")
    page.get_by_text("Vous êtes le numéro 1 sur la liste.").wait_for()
    check_screen(page)


def test_the_screen_returns_to_the_start_when_nobody_touches_it(screen, world):
    world["kiosk"].idle_seconds = 20
    world["kiosk"].save()
    page = screen()
    page.clock.install()
    page.goto(f"/kiosque/{world['kiosk'].token}/ar/rendez-vous/code/")
    page.get_by_label("الرمز").fill("4829")
    page.clock.fast_forward("00:15")
    assert "/rendez-vous/code/" in page.url  # still there before the idle time
    page.clock.fast_forward("00:10")
    page.wait_for_url(f"**/kiosque/{world['kiosk'].token}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "4829" not in page.content()


def test_the_speaker_button_reads_the_screen_in_its_language(screen, world):
    page = screen()
    page.goto(f"/kiosque/{world['kiosk'].token}/")
    page.get_by_role("button", name="Écouter").tap()
    (spoken,) = page.evaluate("window.__spoken")
    assert spoken["lang"] == "fr-FR"
    assert spoken["text"].startswith("Bonjour. Bienvenue à Vitry-sur-Seine.")
    assert "Je veux un ordinateur." in spoken["text"]
    page.goto(f"/kiosque/{world['kiosk'].token}/ar/")
    page.get_by_role("button", name="استمع").tap()
    (spoken,) = page.evaluate("window.__spoken")
    assert spoken["lang"] == "ar-SA" and "أريد حاسوبا" in spoken["text"]


def test_without_a_voice_the_speaker_button_is_hidden(screen, world):
    page = screen(voices=[])
    page.goto(f"/kiosque/{world['kiosk'].token}/")
    assert page.locator(".door-speak").is_hidden()


def test_lookups_of_one_birth_date_stop_with_a_plain_message(screen, world, one_rate_window):
    page = screen()
    url = f"/kiosque/{world['kiosk'].token}/fr/rendez-vous/choisir/?naissance=1964-03-12"
    for _ in range(5):
        page.goto(url)
    page.goto(url)
    page.get_by_role("heading", name="Trop d'essais.").wait_for()
    check_screen(page)


def test_a_revoked_address_shows_only_that_the_kiosk_is_not_configured(screen, world):
    page = screen()
    page.goto("/kiosque/ancienne-adresse/")
    page.get_by_role("heading", name="Borne non configurée").wait_for()
    check_screen(page)
