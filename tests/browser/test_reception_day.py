"""The reception desk's day: the flows a first walk through every role found broken."""

import re

from tests.browser.conftest import assert_accessible, log_in


def test_reception_opens_the_queue_from_the_menu_and_gives_a_ticket(page, demo_centre):
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="File d'attente"
    ).click()
    page.get_by_text("Vous voyez la file d'attente de :").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Donner un ticket").click()
    page.get_by_text(re.compile(r"Ticket n° \d+\. Attente estimée")).wait_for()
    assert_accessible(page)


def test_cancelling_a_session_asks_first_and_cancels_once_confirmed(page, demo_centre):
    mediator = demo_centre[2]
    log_in(page, mediator["email"], mediator["password"])
    page.wait_for_url("**/")
    page.goto("/ateliers/")
    page.locator("table a[href^='/ateliers/seances/']").first.click()
    page.get_by_role("link", name="Annuler cette séance…").click()
    page.get_by_role("heading", name="Annuler cette séance ?").wait_for()
    assert page.get_by_text(re.compile(r"\d+ personnes? inscrites?")).is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Oui, annuler la séance").click()
    page.get_by_text("Cette séance est annulée.").wait_for()
    assert page.get_by_text(re.compile(r"1 séance\(s\) annulée\(s\)")).is_visible()


def test_a_new_staff_account_asks_for_a_role(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/compte/equipe/nouveau/")
    radios = page.get_by_role("radio")
    assert radios.count() == 5
    assert all(not radios.nth(i).is_checked() for i in range(5))
    assert_accessible(page)
    page.get_by_role("textbox", name="Prénom").fill("Lou")
    page.get_by_role("textbox", name="Nom", exact=False).nth(1).fill("Martin")
    page.get_by_role("button", name="Créer le compte").click()
    page.locator(".field-error").first.wait_for()
    page.get_by_role("radio", name=re.compile(r"^Accueil")).check()
    assert_accessible(page)


def test_the_consent_confirmation_shows_where_the_person_is_looking(page, demo_centre):
    worker = demo_centre[1]
    log_in(page, worker["email"], worker["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/")
    page.locator("main a[href^='/personnes/']").filter(
        has_text=re.compile(r"[A-Z]{2}")
    ).first.click()
    page.get_by_role("link", name="Noter un accord").click()
    page.get_by_label("La personne est d'accord pour").select_option(
        label="Être pris(e) en photo pendant les ateliers"
    )
    page.get_by_role("button", name="Enregistrer l'accord").click()
    page.wait_for_url(re.compile(r"#consentements$"))
    message = page.get_by_text("L'accord est enregistré.")
    message.wait_for()
    assert message.is_visible()
    box = message.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert_accessible(page)
