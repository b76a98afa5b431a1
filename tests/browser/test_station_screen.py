"""A station's own screen in a real browser: the code typed on its keypad, the countdown with
the injected clock (the server's clock moved with it), the warnings at 5 and 1 minutes, +30
min, "J'ai fini", the end of the time, staff ending from the board, a guest pass, and axe-core
on every state with the enhanced contrast (AAA), like the kiosk."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible


class ServerClock:
    """10:00 today and moving on with real time, plus what the test adds."""

    def __init__(self):
        self.real_now = timezone.now
        self.started = self.real_now()
        self.ten = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(10)))
        self.shift = dt.timedelta()

    def __call__(self):
        return self.ten + (self.real_now() - self.started) + self.shift


@pytest.fixture
def world(transactional_db, monkeypatch):
    from passerelle.room import services
    from passerelle.room.models import Room, Station
    from tests.factories import OrganisationFactory, SiteFactory, UserFactory

    clock = ServerClock()
    monkeypatch.setattr("django.utils.timezone.now", clock)
    organisation = OrganisationFactory(name="Emmaüs Alternatives")
    site = SiteFactory(organisation=organisation, name="Vitry-sur-Seine")
    room = Room.objects.create(site=site, name="Salle numérique")
    station = services.screen_new_address(station=Station.objects.create(room=room, name="Poste 3"))
    desk = UserFactory(organisation=organisation, sites=[site], role="reception")
    return {"station": station, "desk": desk, "clock": clock, "room": room}


@pytest.fixture
def screen(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", viewport={"width": 1920, "height": 1080}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def give_code(world) -> str:
    from passerelle.room import services

    session = services.session_check_in(station=world["station"], by=world["desk"], purpose="caf")
    return session.unlock_code


def type_code(page, code: str) -> None:
    for digit in code:
        page.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Valider").click()


def test_the_code_from_the_desk_opens_the_station_and_the_time_counts_down(screen, world):
    page = screen()
    page.clock.install()
    page.goto(f"/poste/{world['station'].screen_token}/")
    page.get_by_role("heading", name="Bienvenue au Poste 3.").wait_for()
    assert page.get_by_text("Ne donnez jamais vos mots de passe").is_visible()
    assert_accessible(page, enhanced_contrast=True)

    type_code(page, give_code(world))
    page.get_by_text("Il vous reste 60 minutes.").wait_for()
    assert_accessible(page, enhanced_contrast=True)

    world["clock"].shift += dt.timedelta(minutes=55)
    page.clock.fast_forward("55:00")
    page.get_by_role("alert").filter(has_text="Plus que 5 minutes").wait_for()
    assert page.get_by_text("Il vous reste 5 minutes.").is_visible()

    world["clock"].shift += dt.timedelta(minutes=4)
    page.clock.fast_forward("04:00")
    page.get_by_role("alert").filter(has_text="Plus qu'une minute").wait_for()

    page.get_by_role("button", name="30 minutes de plus").click()
    page.get_by_text("C'est fait : 30 minutes de plus.").wait_for()
    assert page.get_by_text("Il vous reste 31 minutes.").is_visible()

    page.get_by_role("button", name="J'ai fini").click()
    page.get_by_text("Merci, à bientôt !").wait_for()
    assert page.get_by_role("heading", name="Bienvenue au Poste 3.").is_visible()


def test_when_time_is_up_the_screen_reminds_to_sign_out_then_locks(screen, world):
    page = screen()
    page.goto(f"/poste/{world['station'].screen_token}/")
    type_code(page, give_code(world))
    page.get_by_text("Il vous reste 60 minutes.").wait_for()
    world["clock"].shift += dt.timedelta(minutes=60)
    page.reload()
    page.get_by_role("heading", name="Votre temps est fini.").wait_for()
    assert page.get_by_text("Déconnectez-vous de vos comptes maintenant").is_visible()
    assert_accessible(page, enhanced_contrast=True)
    world["clock"].shift += dt.timedelta(minutes=2)
    page.get_by_role("heading", name="Bienvenue au Poste 3.").wait_for(timeout=15_000)


def test_staff_ending_the_session_from_the_board_locks_the_screen(screen, world):
    from passerelle.room import services
    from passerelle.room.models import StationSession

    page = screen()
    page.goto(f"/poste/{world['station'].screen_token}/")
    type_code(page, give_code(world))
    page.get_by_text("Il vous reste 60 minutes.").wait_for()
    services.session_check_out(session=StationSession.objects.get(), by=world["desk"])
    page.get_by_role("heading", name="Bienvenue au Poste 3.").wait_for(timeout=15_000)


def test_a_guest_pass_opens_the_station_and_a_wrong_code_is_said_next_to_the_field(screen, world):
    from passerelle.room import services
    from passerelle.room.models import GuestPass

    services.guest_passes_create(
        room=world["room"],
        count=1,
        minutes=45,
        valid_until=timezone.localdate(),
        by=world["desk"],
    )
    page = screen()
    page.goto(f"/poste/{world['station'].screen_token}/")
    type_code(page, "12345678")
    page.get_by_role("alert").filter(has_text="Ce code ne marche pas").wait_for()
    assert page.get_by_label("Tapez votre code").get_attribute("aria-invalid") == "true"
    assert_accessible(page, enhanced_contrast=True)
    type_code(page, GuestPass.objects.get().code)
    page.get_by_text("Il vous reste 45 minutes.").wait_for()


def test_a_revoked_address_shows_only_poste_non_configure(screen, world):
    from passerelle.room import services

    old = world["station"].screen_token
    services.screen_new_address(station=world["station"])
    page = screen()
    page.goto(f"/poste/{old}/")
    assert page.locator("main").inner_text().strip() == "Poste non configuré"
