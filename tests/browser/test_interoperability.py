"""Nobody retypes anything: the manager publishes the offer for data·inclusion, a mediator
brings in the Coop's beneficiaries file."""

import io

from openpyxl import Workbook

from passerelle.people import coop_beneficiaries
from tests.browser.conftest import assert_accessible, log_in


def _coop_file() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Bénéficiaires"
    sheet["A1"] = coop_beneficiaries.INSTRUCTIONS
    sheet["A2"], sheet["B2"] = "Nom", "Prénom"
    sheet.append([])
    sheet.append(["Ndiaye", "Fatou", 1962, "Créteil", "94028", "94000", "0612121212", "", "F"])
    sheet.append(["", "Sans nom"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_manager_describes_a_service_and_reads_its_quality_score(page, demo_centre):
    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/compte/")
    page.get_by_role("link", name="Annuaires de l'inclusion").click()
    page.get_by_role("heading", name="Annuaires de l'inclusion", level=1).wait_for()
    assert_accessible(page)

    ivry = page.get_by_role("region", name="Ivry-sur-Seine")
    ivry.get_by_role("link", name="Décrire Ateliers numériques, Ivry-sur-Seine").click()
    page.get_by_label("Publier ce service").check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("est décrit").wait_for()
    assert ivry.get_by_text("/ 100").count() == 4
    assert_accessible(page)


def test_a_mediator_brings_in_the_coop_s_beneficiaries(page, demo_centre):
    mediator = next(a for a in demo_centre if a["email"].startswith("mediateur"))
    log_in(page, mediator["email"], mediator["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/")
    page.get_by_role("link", name="Importer depuis La Coop").click()
    assert_accessible(page)
    page.get_by_label("Fichier des bénéficiaires (.xlsx)").set_input_files(
        {
            "name": "beneficiaires.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": _coop_file(),
        }
    )
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_text("Le nom est obligatoire").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Créer 1 fiche").click()
    page.get_by_text("1 fiche est créée.").wait_for()
    page.goto("/personnes/?q=ndiaye")
    page.get_by_text("Fatou").first.wait_for()


def _people_file() -> bytes:
    lines = [
        "Liste des personnes suivies",
        "NOM;Prénom;Date de naissance;Portable;Ville;Adresse",
        "NDIAYE;Fatou;14/03/1962;06 12 12 12 12;Créteil;3 rue X",
        "Martin;Paul;pas de date;;Ivry-sur-Seine;",
        "NDIAYE;Fatou;14/03/1962;;Créteil;",
        "Lopes;Ana;02/09/1988;0698765432;Vitry-sur-Seine;",
    ]
    return ("\n".join(lines) + "\n").encode("cp1252")


def test_the_manager_imports_the_centre_s_spreadsheet_then_undoes_it(page, demo_centre):
    from tests.tasks import run_worker

    manager = demo_centre[0]
    log_in(page, manager["email"], manager["password"])
    page.wait_for_url("**/")
    page.goto("/personnes/")
    page.get_by_role("link", name="Importer un tableau").click()
    page.get_by_label("Tableau des personnes (.xlsx ou .csv)").set_input_files(
        {"name": "personnes.csv", "mimeType": "text/csv", "buffer": _people_file()}
    )
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("heading", name="1. Les colonnes").wait_for()
    page.get_by_text("n'est pas une date").wait_for()
    page.get_by_text("déjà en ligne 3 du fichier").wait_for()
    assert_accessible(page)

    page.get_by_label("Portable", exact=True).select_option(
        ""
    )  # the manager keeps no phone this time
    page.get_by_role("button", name="Vérifier avec ces colonnes").click()
    page.get_by_text("Le fichier est vérifié avec ces colonnes.").wait_for()
    page.get_by_role("button", name="Importer", exact=True).click()
    page.locator("progress").wait_for()
    run_worker()
    page.get_by_text("Import terminé : 2 fiches créées").wait_for(timeout=10_000)
    assert_accessible(page)

    page.get_by_role("button", name="Annuler cet import").click()
    page.get_by_text("L'import est annulé : 2 fiches retirées.").wait_for()
