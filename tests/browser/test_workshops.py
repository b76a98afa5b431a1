import datetime as dt
import re

from django.utils import timezone

from tests.browser.conftest import assert_accessible, log_in


def test_plan_sign_up_take_attendance_and_close_a_session(page, demo_centre):
    mediator = demo_centre[2]
    log_in(page, mediator["email"], mediator["password"])
    page.wait_for_url("**/")

    page.get_by_role("link", name="Ateliers", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Programmer une séance").click()
    assert_accessible(page)
    page.get_by_label("Atelier (obligatoire)").select_option(label="Faire son CV en ligne")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.get_by_label("Date (obligatoire)").fill(tomorrow.isoformat())
    page.get_by_label("Heure de début (obligatoire)").fill("14:00")
    page.get_by_label("Places", exact=True).fill("1")
    page.get_by_role("button", name="Programmer").click()
    page.get_by_text("La séance est créée.").wait_for()
    assert_accessible(page)

    for query, expected in [("lefevre", "inscrit"), ("traore", "liste d'attente")]:
        page.get_by_label("Rechercher la personne").fill(query)
        page.get_by_role("button", name="Rechercher", exact=True).click()
        page.get_by_role("button", name=re.compile("^Inscrire")).first.click()
        page.get_by_text(expected).first.wait_for()
    assert "Liste d'attente" in page.inner_text("main")

    row = page.locator(".attendance-row").first
    row.get_by_role("button", name="Présent").click()
    page.locator('.attendance-row button[aria-pressed="true"]').wait_for()
    assert_accessible(page)

    with page.expect_response(re.compile(r"emargement\.pdf$")) as pdf:
        page.evaluate(
            "url => fetch(url)",
            page.get_by_role("link", name=re.compile("émargement")).get_attribute("href"),
        )
    assert pdf.value.headers["content-type"] == "application/pdf"

    page.get_by_role("button", name="Terminer la séance").click()
    page.get_by_text("Séance terminée : 1 présences comptées.").wait_for()
    assert_accessible(page)


def test_week_calendar_is_accessible(page, demo_centre):
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.goto("/ateliers/semaine/")
    assert_accessible(page)
    page.get_by_role("link", name="Catalogue").click()
    assert_accessible(page)
