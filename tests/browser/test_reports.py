from tests.browser.conftest import assert_accessible, log_in
from tests.tasks import run_worker


def test_the_manager_filters_the_dashboard_and_reads_the_impact(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.get_by_role("link", name="Statistiques").first.click()
    page.get_by_role("heading", name="Chiffres clés").wait_for()
    assert_accessible(page)

    page.get_by_label("Période").select_option("dates")
    page.get_by_label("Du (dates choisies)").fill("2026-12-31")
    page.get_by_label("Au (dates choisies)").fill("2026-01-01")
    page.get_by_role("button", name="Afficher").click()
    page.get_by_text("La date de fin doit venir après la date de début.").wait_for()
    assert_accessible(page)

    page.get_by_label("Du (dates choisies)").fill("2025-01-01")
    page.get_by_label("Au (dates choisies)").fill("2026-12-31")
    page.get_by_label("Lieu").select_option(index=1)
    page.get_by_role("button", name="Afficher").click()
    page.get_by_role("heading", name="Mois par mois").wait_for()
    assert page.locator("figure svg").count() >= 3
    assert_accessible(page)

    page.get_by_role("link", name="L'accompagnement marche-t-il ?").click()
    page.get_by_role("heading", name="Autonomie dans les démarches, par domaine").wait_for()
    assert_accessible(page)


def test_the_manager_prepares_a_funder_report_and_watches_it_get_ready(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/statistiques/")
    page.get_by_role("link", name="Bilan pour un financeur (PDF)").click()
    assert_accessible(page)
    page.get_by_label("Titre").fill("Bilan annuel")
    page.get_by_label("Du").fill("2026-01-01")
    page.get_by_label("Au").fill("2026-12-31")
    page.get_by_label("Faits marquants").fill("La salle ne désemplit pas.")
    page.get_by_role("button", name="Préparer le bilan").click()
    page.locator("progress").wait_for()
    assert_accessible(page)

    run_worker()  # the worker `make run` starts beside the server

    page.get_by_text("Le bilan est prêt.").wait_for(timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le bilan (PDF)").click()
    assert download.value.suggested_filename == "bilan-2026-01-01-2026-12-31.pdf"
    assert_accessible(page)
