"""Stations that run themselves: the station's screen at its secret address, the codes that
open it (desk, kiosk, guest pass), the countdown's end, "+30 min", and the agent's JSON."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from passerelle.core.models import Activity
from passerelle.room import selectors, services
from passerelle.room.models import GuestPass, Station, StationSession
from tests.factories import PersonFactory, UserFactory


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **delta):
        self.moment += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Noon today, standing still. Ask for it before a logged-in client: logged in at 00:30
    and asked at noon, a member of staff would rightly have been logged out for idling."""
    clock = Clock(timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12, 0))))
    monkeypatch.setattr("django.utils.timezone.now", clock)
    return clock


@pytest.fixture
def screen(station):
    return services.screen_new_address(station=station)


@pytest.fixture
def desk(organisation, site):
    return UserFactory(organisation=organisation, sites=[site], role="reception")


def _state(station):
    station.refresh_from_db()
    return selectors.screen_state(station, services.screen_refresh(station=station))


def test_a_station_with_a_screen_opens_with_the_code_the_desk_gives(screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    assert len(session.unlock_code) == 6 and session.unlock_code.isdigit()
    assert _state(screen).state == "waiting"
    services.screen_unlock(station=screen, code=session.unlock_code)
    state = _state(screen)
    assert (state.state, state.seconds_left) == ("open", 3600)


def test_a_station_without_a_screen_gives_no_code(station, desk, clock):
    session = services.session_check_in(station=station, by=desk, purpose="caf")
    assert session.unlock_code == ""


def test_a_code_works_once(screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    services.screen_unlock(station=screen, code=session.unlock_code)
    with pytest.raises(ValidationError, match="ne marche pas"):
        services.screen_unlock(station=screen, code=session.unlock_code)


def test_a_code_typed_on_another_station_names_the_right_one(screen, room, desk, clock):
    other = services.screen_new_address(station=Station.objects.create(room=room, name="Poste 2"))
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    with pytest.raises(ValidationError, match="pour le Poste 1"):
        services.screen_unlock(station=other, code=session.unlock_code)


def test_a_code_nobody_types_frees_the_station_without_counting_an_activity(screen, desk, clock):
    services.session_check_in(station=screen, by=desk, purpose="caf")
    clock.advance(minutes=16)
    assert _state(screen).state == "locked"
    session = StationSession.objects.get()
    assert (session.note, Activity.objects.count()) == (services.UNUSED_CODE_NOTE, 0)


def test_time_up_reminds_to_sign_out_then_locks_and_counts_the_session(
    screen, desk, clock, organisation
):
    person = PersonFactory(organisation=organisation)
    session = services.session_check_in(station=screen, by=desk, purpose="caf", person=person)
    services.screen_unlock(station=screen, code=session.unlock_code)
    clock.advance(minutes=60)
    assert _state(screen).state == "ending"
    clock.advance(minutes=2)
    assert _state(screen).state == "locked"
    assert Activity.objects.get().person == person


def test_plus_thirty_minutes_is_granted_within_the_rooms_rules(screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    services.screen_unlock(station=screen, code=session.unlock_code)
    assert services.screen_extend(session=session) is True
    assert _state(screen).seconds_left == 90 * 60


def test_plus_thirty_minutes_beyond_the_longest_session_is_asked_to_staff(screen, desk, clock):
    screen.room.max_session_minutes = 60
    screen.room.save()
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    assert services.screen_extend(session=session) is False
    session.refresh_from_db()
    assert session.extension_requested_at == clock.moment
    services.session_extend(session=session, minutes=30)  # staff, from the board
    session.refresh_from_db()
    assert session.extension_requested_at is None


def test_plus_thirty_minutes_while_people_wait_for_a_station_is_asked_to_staff(screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    services.waiting_add(room=screen.room, label="Awa")
    assert services.screen_extend(session=session) is False


def test_plus_thirty_minutes_past_closing_time_is_refused_with_the_hour(screen, desk, clock):
    screen.room.closes_at = dt.time(13, 15)
    screen.room.save()
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    with pytest.raises(ValidationError, match="fermeture"):
        services.screen_extend(session=session)


def test_a_guest_pass_opens_an_anonymous_session_of_its_minutes(room, screen, manager, clock):
    services.guest_passes_create(
        room=room, count=3, minutes=45, valid_until=clock.moment.date(), by=manager
    )
    code = GuestPass.objects.first().code
    session = services.screen_unlock(station=screen, code=f"{code[:4]} {code[4:]}")
    assert (session.person, session.door, session.planned_end_at - session.started_at) == (
        None,
        "pass invité",
        dt.timedelta(minutes=45),
    )
    services.session_check_out(session=session, by=None)
    assert Activity.objects.get().anonymous_count == 1


def test_a_guest_pass_works_once(room, screen, manager, clock):
    services.guest_passes_create(
        room=room, count=1, minutes=60, valid_until=clock.moment.date(), by=manager
    )
    code = GuestPass.objects.get().code
    session = services.screen_unlock(station=screen, code=code)
    services.session_check_out(session=session, by=None)
    with pytest.raises(ValidationError, match="ne marche pas"):
        services.screen_unlock(station=screen, code=code)


def test_a_guest_pass_past_its_date_is_refused(room, screen, manager, clock):
    services.guest_passes_create(
        room=room, count=1, minutes=60, valid_until=clock.moment.date(), by=manager
    )
    clock.advance(days=1)
    with pytest.raises(ValidationError, match="plus valable"):
        services.screen_unlock(station=screen, code=GuestPass.objects.get().code)


def test_a_stopped_sheet_of_guest_passes_no_longer_opens(room, screen, manager, clock):
    batch = services.guest_passes_create(
        room=room, count=2, minutes=60, valid_until=clock.moment.date(), by=manager
    )
    assert services.guest_passes_cancel(room=room, batch=batch) == 2
    with pytest.raises(ValidationError, match="ne marche pas"):
        services.screen_unlock(station=screen, code=GuestPass.objects.first().code)


def test_a_guest_pass_on_a_station_already_taken_opens_nothing(room, screen, desk, clock):
    services.session_check_in(station=screen, by=desk, purpose="caf")
    services.guest_passes_create(
        room=room, count=1, minutes=60, valid_until=clock.moment.date(), by=desk
    )
    with pytest.raises(ValidationError, match="déjà occupé"):
        services.screen_unlock(station=screen, code=GuestPass.objects.get().code)
    assert StationSession.objects.open().count() == 1
    assert GuestPass.objects.get().used_at is None


def test_the_screen_is_noted_as_seen_at_most_twice_a_minute(screen, clock):
    services.screen_refresh(station=screen)
    screen.refresh_from_db()
    first = screen.screen_seen_at
    clock.advance(seconds=10)
    services.screen_refresh(station=screen)
    screen.refresh_from_db()
    assert screen.screen_seen_at == first
    clock.advance(seconds=30)
    services.screen_refresh(station=screen)
    screen.refresh_from_db()
    assert screen.screen_seen_at == clock.moment


# --- The pages ------------------------------------------------------------------------------


def test_an_unknown_address_shows_only_poste_non_configure(client, db):
    response = client.get(reverse("station_screen:screen", args=["nope"]))
    assert response.status_code == 404
    assert "Poste non configuré" in response.content.decode()


def test_a_revoked_address_shows_poste_non_configure_to_screen_and_agent(client, screen):
    old = screen.screen_token
    services.screen_new_address(station=screen)
    assert client.get(reverse("station_screen:screen", args=[old])).status_code == 404
    response = client.get(reverse("station_screen:api_state", args=[old]))
    assert (response.status_code, response.json()) == (404, {"state": "unconfigured"})


def test_the_locked_screen_shows_the_rooms_rules_and_asks_for_a_code(client, screen, clock):
    response = client.get(reverse("station_screen:screen", args=[screen.screen_token]))
    html = response.content.decode()
    assert "Ne donnez jamais vos mots de passe" in html
    assert 'name="code"' in html
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_code_is_said_next_to_the_field(client, screen, clock):
    response = client.post(
        reverse("station_screen:unlock", args=[screen.screen_token]), {"code": "123456"}
    )
    html = response.content.decode()
    assert 'id="code-error"' in html and "ne marche pas" in html


def test_the_right_code_opens_the_screen_with_the_time_left(client, screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    response = client.post(
        reverse("station_screen:unlock", args=[screen.screen_token]),
        {"code": session.unlock_code},
        follow=True,
    )
    html = response.content.decode()
    assert "Il vous reste 60 minutes." in html
    assert "Déconnectez-vous de vos comptes" in html


def test_codes_typed_too_often_on_one_station_are_refused(
    client, screen, clock, one_rate_window, settings
):
    settings.STATION_SCREEN_LIMITS = {"codes_per_station": 3, "codes_per_room": 100}
    url = reverse("station_screen:unlock", args=[screen.screen_token])
    statuses = [client.post(url, {"code": "111111"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_person_ends_the_session_from_the_screen(client, screen, desk, clock):
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    services.screen_unlock(station=screen, code=session.unlock_code)
    response = client.post(reverse("station_screen:end", args=[screen.screen_token]))
    assert "Merci, à bientôt" in response.content.decode()
    session.refresh_from_db()
    assert session.ended_at == clock.moment and session.note == ""


def test_the_agent_reads_the_state_types_a_code_and_ends(client, screen, desk, clock):
    token = screen.screen_token
    assert client.get(reverse("station_screen:api_state", args=[token])).json()["state"] == (
        "locked"
    )
    session = services.session_check_in(station=screen, by=desk, purpose="caf")
    response = client.post(
        reverse("station_screen:api_unlock", args=[token]), {"code": session.unlock_code}
    )
    assert (response.json()["state"], response.json()["seconds_left"]) == ("open", 3600)
    response = client.post(reverse("station_screen:api_extend", args=[token]))
    assert (response.json()["granted"], response.json()["seconds_left"]) == (True, 5400)
    response = client.post(reverse("station_screen:api_end", args=[token]))
    assert response.json()["state"] == "locked"


def test_the_agent_gets_a_refused_code_with_its_reason(client, screen, clock):
    response = client.post(
        reverse("station_screen:api_unlock", args=[screen.screen_token]), {"code": "99"}
    )
    assert response.status_code == 400
    assert "ne marche pas" in response.json()["error"]


def test_the_board_shows_the_code_waiting_and_the_request_for_more_time(
    staff_client, screen, clock
):
    client, user = staff_client("reception")
    session = services.session_check_in(station=screen, by=user, purpose="caf")
    html = client.get(reverse("room:board_of", args=[screen.room_id])).content.decode()
    assert f"attend le code {session.unlock_code}" in html
    services.screen_unlock(station=screen, code=session.unlock_code)
    screen.room.max_session_minutes = 60
    screen.room.save()
    services.screen_extend(session=session)
    html = client.get(reverse("room:board_of", args=[screen.room_id])).content.decode()
    assert "Demande 30 min de plus" in html


def test_the_desk_is_told_the_code_to_give(staff_client, screen, organisation, clock):
    client, _ = staff_client("reception")
    response = client.post(
        reverse("room:check_in", args=[screen.pk]),
        {"purpose": "caf", "guest": "on"},
        follow=True,
    )
    code = StationSession.objects.get().unlock_code
    assert f"donnez le code {code}" in response.content.decode()


def test_a_manager_gives_a_station_its_screen_and_sees_its_address(manager_client, station):
    manager_client.post(reverse("room:station_screen", args=[station.pk]))
    station.refresh_from_db()
    html = manager_client.get(reverse("room:station", args=[station.pk])).content.decode()
    assert reverse("station_screen:screen", args=[station.screen_token]) in html


def test_reception_cannot_see_or_change_a_stations_screen(staff_client, screen):
    client, _ = staff_client("reception")
    html = client.get(reverse("room:station", args=[screen.pk])).content.decode()
    assert screen.screen_token not in html
    assert client.post(reverse("room:station_screen", args=[screen.pk])).status_code == 403


def test_a_manager_prints_a_sheet_of_guest_passes(clock, manager_client, room):
    response = manager_client.post(
        reverse("room:guest_passes", args=[room.pk]),
        {"count": 24, "minutes": 60, "valid_until": clock.moment.date().isoformat()},
    )
    assert response.status_code == 302
    batch = GuestPass.objects.values_list("batch", flat=True).first()
    pdf = manager_client.get(reverse("room:guest_pass_sheet", args=[room.pk, batch]))
    assert (pdf["Content-Type"], pdf.content[:4]) == ("application/pdf", b"%PDF")
    assert GuestPass.objects.filter(batch=batch).count() == 24


def test_a_sheet_of_guest_passes_dated_in_the_past_is_refused_next_to_the_field(
    clock, manager_client, room
):
    response = manager_client.post(
        reverse("room:guest_passes", args=[room.pk]),
        {"count": 5, "minutes": 60, "valid_until": "2020-01-01"},
    )
    assert "Choisissez une date à venir" in response.content.decode()
    assert not GuestPass.objects.exists()
