from tests.browser.conftest import assert_accessible, log_in


def test_the_manager_filters_the_dashboard_and_reads_the_impact(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.get_by_role("link", name="Statistiques").first.click()
    page.get_by_role("heading", name="Chiffres clés").wait_for()
    assert_accessible(page)

    page.get_by_label("Période").select_option("dates")
    page.get_by_label("Du").fill("2026-12-31")
    page.get_by_label("Au").fill("2026-01-01")
    page.get_by_role("button", name="Afficher").click()
    page.get_by_text("La date de fin doit venir après la date de début.").wait_for()
    assert_accessible(page)

    page.get_by_label("Du").fill("2025-01-01")
    page.get_by_label("Au").fill("2026-12-31")
    page.get_by_label("Lieu").select_option(index=1)
    page.get_by_role("button", name="Afficher").click()
    page.get_by_role("heading", name="Mois par mois").wait_for()
    assert page.locator("figure svg").count() >= 3
    assert_accessible(page)

    page.get_by_role("link", name="L'accompagnement marche-t-il ?").click()
    page.get_by_role("heading", name="Autonomie dans les démarches, par domaine").wait_for()
    assert_accessible(page)
