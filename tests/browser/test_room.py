import datetime as dt

from passerelle.room.models import Room
from tests.browser.conftest import assert_accessible, daytime, log_in


def test_check_in_the_board_updates_itself_then_check_out(page, demo_centre, monkeypatch):
    daytime(monkeypatch)
    Room.objects.update(opens_at=dt.time(8, 0), closes_at=dt.time(20, 0))
    volunteer = demo_centre[4]  # works at Ivry
    log_in(page, volunteer["email"], volunteer["password"])
    page.wait_for_url("**/")

    watcher = page.context.new_page()  # a tablet showing the board, nobody touches it
    watcher.goto("/salle/")
    assert watcher.locator(".station-in_use").count() == 0

    page.goto("/salle/")
    assert_accessible(page)
    page.get_by_role("link", name="Installer quelqu'un : Poste 1").click()
    assert_accessible(page)
    page.get_by_label("Recherche d'emploi").check()
    page.get_by_label("Personne de passage, sans fiche (comptée sans nom)").check()
    page.get_by_role("button", name="Commencer la session").click()
    page.get_by_text("Poste 1 : session commencée.").wait_for()

    # The other screen shows it within one refresh (every 10 seconds), without reloading.
    watcher.locator(".station-in_use").first.wait_for(timeout=15_000)
    assert "Personne de passage" in watcher.locator(".station-in_use").first.inner_text()
    assert_accessible(watcher)
    watcher.close()

    page.get_by_role("button", name="Départ : Poste 1").click()
    page.get_by_text("Poste 1 est libre.").wait_for()
    assert page.locator(".station-in_use").count() == 0
    assert_accessible(page)


def test_room_usage_statistics_are_accessible(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/salle/")
    page.get_by_role("link", name="Fréquentation").click()
    page.get_by_role("heading", name="Arrivées par jour et par heure").wait_for()
    assert page.locator("figure svg").count() >= 1
    assert_accessible(page)
