"""A busy database gets a French 503 that says what was not saved; reads survive it."""

import pytest
from django.db import OperationalError

from passerelle.accounts.enums import Role
from passerelle.people import views as people_views


@pytest.fixture
def raising_client(staff_client):
    client, _ = staff_client(Role.RECEPTION)
    client.raise_request_exception = False
    return client


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_a_locked_database_on_a_form_says_it_was_not_saved(raising_client, monkeypatch):
    monkeypatch.setattr(people_views, "PersonCreateForm", locked)
    response = raising_client.post("/personnes/nouvelle/", {"first_name": "Awa"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "n'a pas été enregistré" in response.text
    assert "bouton « Retour »" in response.text


def test_a_locked_database_on_a_page_asks_to_reload(raising_client, monkeypatch):
    monkeypatch.setattr(people_views.selectors, "search_people", locked)
    response = raising_client.get("/personnes/", {"q": "martin"})
    assert response.status_code == 503
    assert "rechargez la page" in response.text


def test_another_database_error_stays_a_500(raising_client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: people_person")

    monkeypatch.setattr(people_views.selectors, "search_people", broken)
    assert raising_client.get("/personnes/", {"q": "martin"}).status_code == 500


def test_a_read_survives_a_session_that_cannot_be_saved(staff_client, monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore

    client, _ = staff_client(Role.RECEPTION)
    monkeypatch.setattr(SessionStore, "save", locked)
    assert client.get("/personnes/", {"q": "martin"}).status_code == 200


def test_a_bad_request_gets_the_french_page(client):
    response = client.get("/", HTTP_HOST="exemple.invalid")
    assert response.status_code == 400
    assert "Demande incorrecte" in response.text
