from django.test import override_settings

from passerelle.accounts.enums import Role
from tests.factories import ActivityFactory


def test_today_page_greets_the_user_and_counts_todays_activity(staff_client, organisation, site):
    client, user = staff_client(Role.MEDIATOR)
    ActivityFactory(organisation=organisation, site=site)
    ActivityFactory(organisation=organisation, site=site, person=None, anonymous_count=2)
    response = client.get("/")
    assert response.status_code == 200
    assert f"Bonjour {user.first_name}" in response.text
    assert response.context["people_today"] == 3
    assert response.context["activities_today"] == 2


def test_volunteers_have_no_statistics_in_the_menu(staff_client):
    client, _ = staff_client(Role.VOLUNTEER)
    labels = [item["label"] for item in client.get("/").context["navigation"]]
    assert "Statistiques" not in labels
    assert "Aujourd'hui" in labels


def test_current_page_is_marked_in_the_menu(staff_client):
    client, _ = staff_client(Role.MEDIATOR)
    response = client.get("/ateliers/")
    assert '<a href="/ateliers/" aria-current="page">' in response.text


def test_unknown_page_gets_the_french_404(staff_client):
    client, _ = staff_client(Role.MEDIATOR)
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_layout_has_skip_link_landmarks_and_french_language(staff_client):
    client, _ = staff_client(Role.MEDIATOR)
    html = client.get("/").text
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html
    assert '<main id="contenu"' in html
    assert 'aria-label="Menu principal"' in html


def test_pages_carry_a_content_security_policy_without_inline_script(staff_client):
    client, _ = staff_client(Role.MEDIATOR)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.text


@override_settings(DEBUG=False)
def test_server_error_gets_the_french_500_page(staff_client, monkeypatch):
    client, _ = staff_client(Role.MEDIATOR)
    client.raise_request_exception = False

    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("passerelle.core.views.selectors.today_summary", explode)
    response = client.get("/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.text


def test_the_favicon_address_browsers_ask_for_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
