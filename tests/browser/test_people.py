import re

from tests.browser.conftest import assert_accessible, log_in


def test_register_diagnose_set_a_goal_and_see_both_on_the_timeline(page, demo_centre):
    mediator = demo_centre[2]
    log_in(page, mediator["email"], mediator["password"])
    page.wait_for_url("**/")

    page.get_by_role("link", name="Personnes").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Nouvelle personne").click()
    assert_accessible(page)
    page.get_by_label("Prénom").fill("Fatou")
    page.get_by_label("Nom (obligatoire)", exact=True).fill("Camara")
    page.get_by_label("Téléphone portable").fill("07 81 22 33 44")
    page.get_by_label("Recevoir des SMS de rappel").check()
    page.get_by_role("button", name="Créer la fiche").click()
    page.wait_for_url(re.compile(r"/personnes/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Fatou CAMARA"
    assert_accessible(page)

    page.get_by_role("link", name="Faire le diagnostic").click()
    assert_accessible(page)
    groups = page.locator("fieldset fieldset")
    for index in range(groups.count()):
        groups.nth(index).get_by_label("Je le fais avec de l'aide").check()
    page.get_by_role("button", name="Enregistrer le diagnostic").click()
    page.get_by_role("heading", name="Diagnostics numériques de Fatou").wait_for()
    assert "33 %" in page.inner_text("main")
    assert_accessible(page)

    page.get_by_role("link", name="← Retour à la fiche").click()
    page.get_by_role("link", name="Ajouter un objectif").click()
    page.get_by_label("Objectif du catalogue").select_option(label="Créer une adresse e-mail")
    page.get_by_role("button", name="Ajouter l'objectif").click()
    page.wait_for_url(re.compile(r"/personnes/\d+/#parcours$"))
    page.get_by_role("link", name="Créer une adresse e-mail").click()
    assert_accessible(page)
    page.get_by_label("En cours").check()
    page.get_by_label("Avec guidage", exact=True).check()
    page.get_by_label("Temps passé avec la personne (minutes)").fill("20")
    page.get_by_role("button", name="Enregistrer l'avancée").click()

    timeline = page.locator("#timeline-items")
    timeline.get_by_text("Diagnostic numérique").first.wait_for()
    assert "Avancée du parcours" in timeline.inner_text()
    assert "Créer une adresse e-mail" in timeline.inner_text()
    assert_accessible(page)


def test_search_shows_results_as_you_type(page, demo_centre):
    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/")
    page.get_by_label("Rechercher une personne").press_sequentially("lefev", delay=30)
    page.locator("#results").get_by_role("link", name="Josiane LEFÈVRE").wait_for()
    assert "q=lefev" in page.url
    assert_accessible(page)
