import datetime as dt
import re

from django.utils import timezone

from tests.browser.conftest import assert_accessible, log_in

NEAR_THE_15TH = dt.date(2026, 12, 13)


def test_follow_an_actualisation_see_it_at_risk_and_mark_it_done(page, demo_centre, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: NEAR_THE_15TH)
    worker = demo_centre[1]
    log_in(page, worker["email"], worker["password"])
    page.wait_for_url("**/")

    page.goto("/personnes/?q=lefevre")
    page.get_by_role("link", name="Josiane LEFÈVRE").click()
    page.get_by_role("link", name="Suivre une démarche récurrente").click()
    assert_accessible(page)
    page.get_by_label("Actualisation mensuelle France Travail").check()
    page.get_by_role("button", name="Suivre").click()
    page.get_by_text("Les échéances de cette démarche sont suivies.").wait_for()
    section = page.locator("#echeances")
    assert "À faire maintenant" in section.inner_text()
    assert "15 décembre" in section.inner_text()

    page.get_by_role("link", name="Démarches").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Échéances à risque").first.click()
    # Her other deadlines (seeded relative to today) may be at risk too: this one's row.
    row = (
        page.get_by_role("row")
        .filter(has_text="Josiane LEFÈVRE")
        .filter(has_text="Actualisation mensuelle France Travail")
    )
    assert row.count() == 1
    assert_accessible(page)
    row.get_by_role("link", name=re.compile("C'est fait")).click()
    assert_accessible(page)
    page.get_by_label("Autonome", exact=True).check()
    page.get_by_role("button", name="C'est fait").click()
    page.get_by_text("l'échéance est notée comme tenue").wait_for()
    assert row.count() == 0


def test_record_an_assisted_procedure_from_the_person_file(page, demo_centre):
    mediator = demo_centre[2]
    log_in(page, mediator["email"], mediator["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/?q=traore")
    page.get_by_role("link", name="Mamadou TRAORÉ").click()
    page.get_by_role("link", name="Noter une démarche").click()
    assert_accessible(page)
    page.get_by_label("Démarche (obligatoire)", exact=True).select_option(
        label="Actualisation mensuelle France Travail — France Travail"
    )
    page.get_by_label("15 minutes").check()
    page.get_by_label("Fait", exact=True).check()
    page.get_by_label("Avec guidage", exact=True).check()
    page.get_by_role("button", name="Enregistrer la démarche").click()
    page.get_by_text("La démarche est notée.").wait_for()
    assert "Actualisation mensuelle France Travail" in page.locator("#demarches").inner_text()
    assert_accessible(page)


def test_follow_a_prefecture_title_and_type_the_caf_agenda_date(page, demo_centre):
    worker = demo_centre[1]
    log_in(page, worker["email"], worker["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/?q=traore")
    page.get_by_role("link", name="Mamadou TRAORÉ").click()
    page.get_by_role("link", name="Suivre une démarche récurrente").click()
    paper = page.get_by_label("Impôts : la personne déclare sur papier")
    assert not paper.is_visible()  # only the fields of the chosen deadline show
    page.get_by_label("Renouvellement du titre de séjour").check()
    assert page.get_by_label("Titre renouvelé en préfecture").is_visible()
    assert not paper.is_visible()
    expiry = timezone.localdate() + dt.timedelta(days=300)
    page.get_by_label("Date de référence").fill(expiry.isoformat())
    page.get_by_role("button", name="Suivre").click()
    page.get_by_text("Dites de quel titre il s'agit").first.wait_for()
    assert_accessible(page)
    page.get_by_label("Titre renouvelé en préfecture").check()
    page.get_by_role("button", name="Suivre").click()
    page.get_by_text("Les échéances de cette démarche sont suivies.").wait_for()
    section = page.locator("#echeances")
    assert "Renouvellement du titre de séjour (en préfecture)" in section.inner_text()

    page.get_by_role("link", name="Suivre une démarche récurrente").click()
    page.get_by_label("Déclaration trimestrielle CAF").check()
    page.get_by_label("Date de référence").fill("2025-03-01")
    page.get_by_role("button", name="Suivre").click()
    page.get_by_text("Date estimée").wait_for()
    section.get_by_role("link", name=re.compile("Modifier : Déclaration trimestrielle")).click()
    assert_accessible(page)
    due = timezone.localdate() + dt.timedelta(days=12)
    page.get_by_label("Date limite vue dans").fill(due.isoformat())
    page.get_by_role("button", name="Enregistrer et recalculer").click()
    page.get_by_text("les prochaines échéances sont recalculées").wait_for()
    assert "Date estimée" not in page.locator("#echeances").inner_text()
