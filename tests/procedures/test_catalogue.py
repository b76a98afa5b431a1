import pytest

from passerelle.procedures.models import Procedure


def test_default_catalogue_has_at_least_forty_real_procedures(catalogue):
    assert len(catalogue) >= 40
    for name in [
        "Actualisation mensuelle France Travail",
        "Déclaration trimestrielle RSA et prime d'activité",
        "Déclarer ses revenus en ligne",
        "Demander la complémentaire santé solidaire (C2S)",
        "Renouveler son titre de séjour (ANEF)",
        "Mon Compte Formation : consulter ses droits",
        "Utiliser son chèque énergie en ligne",
        "Se connecter avec FranceConnect",
        "Créer une adresse e-mail",
    ]:
        assert name in catalogue


def test_every_entry_has_a_category_an_official_https_link_and_short_steps(catalogue):
    for procedure in catalogue.values():
        assert procedure.category, procedure
        assert procedure.url.startswith("https://"), procedure
        assert 2 <= len(procedure.step_list) <= 8, procedure
        assert all(len(step) <= 200 for step in procedure.step_list), procedure


def test_catalogue_search_ignores_accents(staff_client, catalogue):
    client, _ = staff_client("volunteer")
    response = client.get("/demarches/", {"q": "sejour"})
    names = [p.name for _, group in response.context["groups"] for p in group]
    assert "Renouveler son titre de séjour (ANEF)" in names
    assert "Déclarer ses revenus en ligne" not in names


def test_catalogue_page_shows_steps_and_when_it_was_checked(staff_client, catalogue):
    client, _ = staff_client("mediator")
    procedure = catalogue["Actualisation mensuelle France Travail"]
    page = client.get(f"/demarches/{procedure.pk}/")
    assert "Fiche vérifiée le" in page.text
    assert "/vosdroits/F1637" in page.text
    assert "M&#x27;actualiser" in page.text


def test_manager_adds_a_procedure(manager_client):
    response = manager_client.post(
        "/demarches/nouvelle/",
        {
            "name": "Demander la carte Améthyste",
            "agency": "Département du Val-de-Marne",
            "category": "transports_mobilite",
            "theme": "aide_aux_demarches_administratives",
            "url": "https://www.valdemarne.fr",
            "typical_minutes": "20",
            "steps": "Ouvrir le site.\nRemplir le formulaire.",
            "is_active": "on",
            "checked_today": "on",
        },
    )
    assert response.status_code == 302
    assert Procedure.objects.get(name="Demander la carte Améthyste").step_list == [
        "Ouvrir le site.",
        "Remplir le formulaire.",
    ]


def test_procedure_without_url_or_category_gets_french_messages(manager_client):
    response = manager_client.post(
        "/demarches/nouvelle/",
        {"name": "Sans lien", "agency": "X", "typical_minutes": "20", "steps": "Une étape."},
    )
    assert "Donnez l&#x27;adresse du site officiel." in response.text
    assert "Choisissez une catégorie." in response.text
    assert not Procedure.objects.filter(name="Sans lien").exists()


def test_other_roles_cannot_edit_the_catalogue(staff_client, catalogue):
    client, _ = staff_client("social_worker")
    procedure = next(iter(catalogue.values()))
    assert client.get(f"/demarches/{procedure.pk}/modifier/").status_code == 403


GOOD_ENTRY = """
[[procedure]]
name = "Actualisation"
agency = "France Travail"
category = "travail_formation"
theme = "aide_aux_demarches_administratives"
url = "https://www.francetravail.fr"
fiche = ""
checked = 2026-11-30
minutes = 10
needs_email = false
needs_mobile = false
franceconnect = true
documents = "Identifiant"
steps = \"\"\"
Se connecter.
Répondre aux questions.\"\"\"
"""


def test_the_catalogue_file_reads_as_named_records():
    from passerelle.procedures.catalogue import parse

    (entry,) = parse(GOOD_ENTRY)
    assert entry.minutes == 10 and entry.steps == "Se connecter.\nRépondre aux questions."


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("minutes = 10", "minutes = 10\ncolour = 'red'"), "unknown or missing keys"),
        (('category = "travail_formation"', 'category = "lune"'), "unknown category"),
        (("minutes = 10", 'minutes = "dix"'), "minutes should be int"),
    ],
)
def test_a_catalogue_file_that_does_not_fit_is_refused(change, said):
    from passerelle.procedures.catalogue import CatalogueError, parse

    with pytest.raises(CatalogueError, match=said):
        parse(GOOD_ENTRY.replace(*change))


def test_opening_an_empty_catalogue_writes_nothing(staff_client):
    client, _ = staff_client("manager")
    page = client.get("/demarches/")
    assert "Installer le catalogue de Passerelle" in page.text
    assert not Procedure.objects.exists()


def test_a_manager_installs_the_default_catalogue_once(staff_client):
    from passerelle.core.models import AuditEntry

    client, _ = staff_client("manager")
    client.post("/demarches/installer/")
    client.post("/demarches/installer/")
    assert Procedure.objects.count() >= 40
    assert AuditEntry.objects.filter(action="catalogue_changed").count() == 1


def test_only_a_manager_installs_the_catalogue(staff_client):
    client, _ = staff_client("mediator")
    assert client.post("/demarches/installer/").status_code == 403
    assert "La personne responsable du centre" in client.get("/demarches/").text


def test_the_catalogue_keeps_the_date_each_entry_was_checked(catalogue):
    import datetime as dt

    assert catalogue["Déclarer ses revenus en ligne"].last_checked_on == dt.date(2026, 11, 30)
    assert catalogue["Créer une adresse e-mail"].last_checked_on == dt.date(2026, 11, 29)


def test_a_manager_sees_the_entries_not_checked_for_more_than_a_year(manager_client, catalogue):
    import datetime as dt

    old = catalogue["Créer une adresse e-mail"]
    Procedure.objects.filter(pk=old.pk).update(last_checked_on=dt.date(2024, 1, 1))
    page = manager_client.get("/demarches/")
    assert "1 démarche n'a pas été vérifiée depuis plus d'un an" in page.text
    stale = manager_client.get("/demarches/", {"a_verifier": "1"})
    assert [p.name for _, group in stale.context["groups"] for p in group] == [old.name]


def test_a_regional_entry_is_installed_only_where_the_organisation_has_a_site(db):
    from passerelle.procedures.services import catalogue_install_default
    from tests.factories import OrganisationFactory, SiteFactory

    paris = OrganisationFactory()
    SiteFactory(organisation=paris, postcode="94400")
    lyon = OrganisationFactory()
    SiteFactory(organisation=lyon, postcode="69003")
    for organisation in (paris, lyon):
        catalogue_install_default(organisation=organisation)
    name = "Demander la réduction Solidarité Transport (Île-de-France)"
    assert Procedure.objects.filter(organisation=paris, name=name).exists()
    assert not Procedure.objects.filter(organisation=lyon, name=name).exists()


@pytest.mark.parametrize(
    "name",
    [
        "Faire une démarche à la place de quelqu'un : le mandat Aidants Connect",
        "Activer et utiliser Mon espace santé",
        "Demander le chèque énergie",
        "Faire un recours DALO (droit au logement opposable)",
        "Demander un extrait de casier judiciaire (bulletin n° 3)",
        "Signaler une arnaque ou un piratage",
    ],
)
def test_the_catalogue_has_the_entries_people_were_missing(catalogue, name):
    assert name in catalogue
