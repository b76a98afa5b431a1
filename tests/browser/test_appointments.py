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
