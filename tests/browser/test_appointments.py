import re

from tests.browser.conftest import assert_accessible, log_in


def test_reception_books_an_appointment_from_the_person_file(page, demo_centre):
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/?q=lefevre")
    page.get_by_role("link", name="Josiane LEFÈVRE").click()
    page.get_by_role("link", name="Prendre rendez-vous").click()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile("Voir les créneaux : Déclaration trimestrielle")
    ).click()
    assert_accessible(page)
    page.locator(".slots a").first.click()
    assert_accessible(page)
    page.get_by_label("Note pour l'intervenant").fill("Apporter les bulletins de salaire")
    page.get_by_role("button", name="Confirmer le rendez-vous").click()
    page.get_by_text("Le rendez-vous est pris.").wait_for()
    assert "Josiane LEFÈVRE" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Agenda du jour").first.click()
    assert_accessible(page)


def test_walk_in_queue_ticket_call_and_the_waiting_room_screen(page, demo_centre, browser):
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.goto("/permanences/file/")
    assert_accessible(page)
    page.get_by_label("Pour quoi ?").select_option(label="Permanence CAF")
    page.get_by_role("button", name="Donner un ticket").click()
    page.get_by_text("Ticket n° 1").wait_for()
    display_url = page.locator("code.secret").inner_text()

    screen = browser.new_page()
    screen.goto(display_url)
    assert "Bienvenue" in screen.inner_text("body")

    page.get_by_label("Votre bureau").fill("Bureau 2")
    page.get_by_role("button", name="Appeler le suivant").click()
    page.get_by_text("Ticket n° 1 appelé au Bureau 2.").wait_for()
    assert_accessible(page)

    # The screen refreshes by itself (every 5 seconds) and shows the number and the desk.
    screen.locator(".display-number").wait_for(timeout=12_000)
    assert screen.locator(".display-number").inner_text() == "1"
    assert "Bureau 2" in screen.inner_text("body")
    assert_accessible(screen)
    screen.close()

    page.get_by_role("button", name="Reçu").click()
    page.get_by_text("Personne n'attend.").first.wait_for()
