"""The suite's guard rails catch what they are for (tests/conftest.py)."""

import pytest
from django.template import Context, Template

from passerelle.core.models import Site
from passerelle.room import services as room_services
from tests.conftest import assert_fragment_is_part_of_the_page, post_forms_without_csrf
from tests.factories import PersonFactory


def test_an_undefined_template_variable_fails():
    with pytest.raises(NameError):
        Template("{{ nobody_set_me }}").render(Context({}))


@pytest.mark.django_db
def test_select_for_update_over_a_join_without_of_fails(site):
    with pytest.raises(AssertionError, match="without of="):
        list(Site.objects.select_related("organisation").select_for_update())


@pytest.mark.django_db
def test_select_for_update_over_a_join_naming_its_table_passes(site):
    assert list(Site.objects.select_related("organisation").select_for_update(of=("self",)))


def test_a_post_form_without_its_csrf_token_is_found():
    html = '<form method="post" action="/x/"><button>Envoyer</button></form>'
    assert post_forms_without_csrf(html) == ['<form method="post" action="/x/">']
    with_token = '<form method="post"><input name="csrfmiddlewaretoken" value="t"></form>'
    assert post_forms_without_csrf(with_token) == []
    assert post_forms_without_csrf('<form method="get"></form>') == []


# --- htmx fragments are the very part of the page they replace ---------------------------


def test_the_people_search_fragment_is_part_of_the_search_page(manager_client, organisation):
    PersonFactory(organisation=organisation, last_name="Martin")
    fragment = assert_fragment_is_part_of_the_page(manager_client, "/personnes/", {"q": "martin"})
    assert "MARTIN" in fragment.upper()


def test_the_procedure_search_fragment_is_part_of_the_catalogue(manager_client, organisation):
    from passerelle.procedures.services import catalogue_install_default

    catalogue_install_default(organisation=organisation)
    assert_fragment_is_part_of_the_page(manager_client, "/demarches/", {"q": "caf"})


def test_the_room_board_fragment_is_part_of_the_board(manager_client, manager, site):
    import datetime as dt

    from passerelle.room.models import Room, Station

    # Open all day, so that the check-in does not depend on the hour the test runs at.
    room = Room.objects.create(
        site=site, name="Salle 1", opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
    )
    station = Station.objects.create(room=room, name="Poste 1")
    room_services.session_check_in(station=station, by=manager, purpose="caf")
    assert "Poste 1" in assert_fragment_is_part_of_the_page(manager_client, f"/salle/{room.pk}/")


def test_the_waiting_room_screen_fragment_is_part_of_the_screen(client, site):
    assert_fragment_is_part_of_the_page(client, f"/permanences/ecran/{site.display_token}/")
